// Latency of a paged teacher list under concurrent requests, on a loaded 12,000-teacher county:
//   tsx scripts/bench/list-case.ts --db pglite|postgres [--connections 10] [--seconds 10]
// The server listens on 127.0.0.1 only; autocannon runs in this process against it, for a bounded time.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateCounty } from '../../src/demo/generate-county.js';
import { benchHeaders, openBenchApp } from './bench-app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    teachers: { type: 'string', default: '12000' },
  },
});
const { app, close } = await openBenchApp(values.db);
const headers = benchHeaders;
const load = await app.inject({
  method: 'PUT',
  url: '/api/v1/import',
  headers,
  payload: JSON.stringify(generateCounty({ seed: 1, teachers: Number(values.teachers) })),
});
if (load.statusCode !== 200) throw new Error(`import failed ${load.statusCode}`);
// cursors of the first 100 pages of 50, so requests walk through the list as a client would
const cursors: (string | null)[] = [null];
for (let i = 0; i < 100; i++) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/teachers?limit=50${cursors[i] ? `&cursor=${cursors[i]}` : ''}`, headers });
  const next = res.json().nextCursor as string | null;
  if (!next) break;
  cursors.push(next);
}
const address = await app.listen({ host: '127.0.0.1', port: 0 });
let n = 0;
const result = await autocannon({
  url: address,
  connections: Number(values.connections),
  duration: Number(values.seconds),
  headers: { authorization: benchHeaders.authorization },
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/teachers?limit=50${cursors[n % cursors.length] ? `&cursor=${cursors[n++ % cursors.length]}` : (n++, '')}`,
      }),
    },
  ],
});
await close();
process.stdout.write(
  JSON.stringify({
    db: values.db,
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    requests: result.requests.total,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p97_5ms: result.latency.p97_5,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
  }) + '\n',
);
