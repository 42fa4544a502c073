// A prefecture city of 8 counties (100,000 teachers), each county its own plan, solved on worker
// threads two at a time (this machine has 2 cores), each thread kept for the counties of its lane:
//   tsx scripts/bench/prefecture.ts [--counties 8] [--teachers 100000] [--threads 2]
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { counties: { type: 'string', default: '8' }, teachers: { type: 'string', default: '100000' }, threads: { type: 'string', default: '2' } },
});
const counties = Number(values.counties);
const per = Math.round(Number(values.teachers) / counties);
const BOOT = new URL('../../src/services/worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./prefecture-worker.ts', import.meta.url).href;
const t0 = performance.now();
const queue = Array.from({ length: counties }, (_, i) => i);
const results: { county: number; generateMs: number; buildMs: number; solveMs: number; optimal: boolean; gap: number }[] = [];
/** One worker thread per lane, kept for all its counties (as the service keeps its solver thread). */
async function lane() {
  const w = new Worker(BOOT, { workerData: { entry: ENTRY } });
  try {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      const county = c;
      results.push(
        await new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ county, teachers: per });
        }),
      );
    }
  } finally {
    await w.terminate();
  }
}
await Promise.all(Array.from({ length: Number(values.threads) }, lane));
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  JSON.stringify({
    counties,
    teachers: per * counties,
    threads: Number(values.threads),
    seconds: +seconds.toFixed(1),
    allOptimal: results.every((r) => r.optimal),
    worstGap: Math.max(...results.map((r) => r.gap)),
    slowestCountyMs: Math.max(...results.map((r) => r.buildMs + r.solveMs)),
    // the counties' generation (the bench's stand-in for reading them from a database), summed over both lanes
    generateMsTotal: results.reduce((s, r) => s + r.generateMs, 0),
    buildSolveMsTotal: results.reduce((s, r) => s + r.buildMs + r.solveMs, 0),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
