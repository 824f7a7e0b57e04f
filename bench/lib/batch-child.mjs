// Child process for the 10k-batch memory workload: streams `count` synthetic reports through
// read → extract → score and writes one JSON line per scorecard to `out` (backpressure honoured),
// holding nothing. Prints {"maxRssMb", "ms", "n"} on stdout at the end.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeReport } from './gen.mjs';
import { loadPipeline } from './load.mjs';

const [seed, count, out] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const p = await loadPipeline();
if (p.why) {
  console.log(JSON.stringify({ error: p.why }));
  process.exit(0);
}
const ws = createWriteStream(out);
const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const r = makeReport(seed, i);
  const { card } = await p.run(Buffer.from(r.text), r.name);
  if (!ws.write(JSON.stringify(card) + '\n')) await once(ws, 'drain');
}
ws.end();
await once(ws, 'finish');
console.log(JSON.stringify({ n: count, ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
