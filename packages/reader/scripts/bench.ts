// Throughput of readBuffer on the .txt path (run: pnpm run bench [dir]); not a test.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBuffer } from '../src/index.js';

// Bundled to .tmp/bench.mjs: the fixtures are one level up.
const dir = process.argv[2] ?? join(import.meta.dirname ?? '.', '..', 'test/fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ f, b: readFileSync(join(dir, f)) }));
const bytes = files.reduce((a, x) => a + x.b.length, 0);
for (const x of files) await readBuffer(x.b, x.f); // warm-up (loads opencc when needed)
const rounds = Number(process.env.ROUNDS ?? 200);
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const x of files) await readBuffer(x.b, x.f);
const ms = performance.now() - t0;
const cu = process.cpuUsage(c0);
const cpuMs = (cu.user + cu.system) / 1000;
const n = rounds * files.length;
console.log(`${n} docs, avg ${(bytes / files.length / 1024).toFixed(1)} KB: ${(n / (ms / 1000)).toFixed(0)} docs/s wall, ${(n / (cpuMs / 1000)).toFixed(0)} docs per CPU-second, ${((bytes * rounds) / 1024 / 1024 / (cpuMs / 1000)).toFixed(1)} MB per CPU-second`);
