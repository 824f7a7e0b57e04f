// Runs the pipeline over `count` synthetic reports in-process (no output), for `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/lib/profile-pipeline.mjs 1000
//   node bench/lib/cpuprof-top.mjs /tmp/prof/*.cpuprofile 30
import { makeReport } from './gen.mjs';
import { loadPipeline } from './load.mjs';

const count = Number(process.argv[2] ?? 1000);
const p = await loadPipeline();
if (p.why) throw new Error(p.why);
const bufs = Array.from({ length: count }, (_, i) => {
  const r = makeReport(77, i);
  return [Buffer.from(r.text), r.name];
});
const t0 = performance.now();
for (const [b, n] of bufs) await p.run(b, n);
const ms = performance.now() - t0;
console.log(JSON.stringify({ count, msPerReport: ms / count, stages: Object.fromEntries(Object.entries(p.stages).map(([k, v]) => [k, +(v / count).toFixed(3)])) }));
