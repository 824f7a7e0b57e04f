// Summarise a .cpuprofile (from `node --cpu-prof`): top functions by self time, and by
// inclusive time for frames under the project's packages.
//   node bench/lib/cpuprof-top.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, nArg] = process.argv.slice(2);
const N = Number(nArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas;
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const key = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\/(packages|apps|node_modules)\//, '$1/');
  return `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`;
};
const selfBy = new Map();
const inclBy = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclBy.set(k, (inclBy.get(k) ?? 0) + t);
  }
}
const pct = (t) => ((100 * t) / total).toFixed(1).padStart(5) + '%';
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\n-- self time --');
for (const [k, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(pct(t), k);
console.log('\n-- inclusive time (project code) --');
for (const [k, t] of [...inclBy].filter(([k]) => /packages\/|apps\//.test(k) && !/node_modules/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(pct(t), k);
