// The clients of the load bench (load-case.ts), in a process of their own so that their work never
// shares an event loop with the service's:
//   tsx scripts/bench/load-driver.ts --mode load --url http://127.0.0.1:port/path --token … --connections 50 --seconds 30
//   tsx scripts/bench/load-driver.ts --mode probe --url http://127.0.0.1:port/healthz --seconds 30 [--every-ms 200]
// `load`: autocannon, every connection asking again as soon as it has its answer; `probe`: one GET every
// few hundred ms, timed on its own (a monitoring system's health check while the principals read).
// Prints one JSON line: the latencies in ms.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'load' },
    url: { type: 'string' },
    token: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    'every-ms': { type: 'string', default: '200' },
  },
});
const url = values.url!;
const seconds = Number(values.seconds);

if (values.mode === 'load') {
  const r = await autocannon({
    url,
    connections: Number(values.connections),
    duration: seconds,
    timeout: 60,
    ...(values.token ? { headers: { authorization: `Bearer ${values.token}` } } : {}),
  });
  process.stdout.write(
    JSON.stringify({
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      rps: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      maxMs: r.latency.max,
    }) + '\n',
  );
} else {
  const every = Number(values['every-ms']);
  const samples: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (!res.ok) failures++;
    } catch {
      failures++;
    }
    const ms = performance.now() - t0;
    samples.push(ms);
    // the next probe every `every` ms from the start of this one (at once if this one took longer)
    await new Promise((r) => setTimeout(r, Math.max(0, every - ms)));
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0);
  process.stdout.write(JSON.stringify({ probes: samples.length, failures, p50ms: at(0.5), p99ms: at(0.99), maxMs: Math.round(samples.at(-1) ?? 0) }) + '\n');
}
