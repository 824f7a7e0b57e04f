// Worker thread for the `--jobs 2` throughput workload: generates its share of the synthetic
// batch itself (no text crosses threads), waits for "go", then runs the pipeline over it.
import { parentPort, workerData } from 'node:worker_threads';
import { makeReport } from './gen.mjs';
import { loadPipeline } from './load.mjs';

const { seed, from, to } = workerData;
const p = await loadPipeline();
if (p.why) {
  parentPort.postMessage({ error: p.why });
} else {
  const bufs = [];
  for (let i = from; i < to; i++) {
    const r = makeReport(seed, i);
    bufs.push([Buffer.from(r.text), r.name]);
  }
  for (let i = 0; i < Math.min(100, bufs.length); i++) await p.run(bufs[i][0], bufs[i][1]); // warm-up
  parentPort.postMessage({ ready: true });
  parentPort.once('message', async () => {
    const t0 = performance.now();
    let total = 0;
    for (const [b, n] of bufs) total += (await p.run(b, n)).card.total;
    parentPort.postMessage({ done: true, ms: performance.now() - t0, total });
  });
}
