#!/usr/bin/env node
// Writes packages/core/schema/*.schema.json from the zod schemas (`pnpm gen` at the root).
// It builds core first (tsup, a few seconds) so it works on a fresh clone with no dist yet and
// never reads a stale one. `--check` writes nothing and exits 1 when a committed file differs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

execFileSync('pnpm', ['exec', 'tsup', '--silent'], { cwd: coreDir, stdio: ['ignore', 'ignore', 'inherit'] });
const core = await import(pathToFileURL(join(coreDir, 'dist', 'index.js')).href);

const outDir = join(coreDir, 'schema');
mkdirSync(outDir, { recursive: true });
let stale = 0;
for (const [name, schema] of Object.entries(core.generateJsonSchemas())) {
  const file = join(outDir, name);
  const text = core.jsonSchemaText(schema);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (old === text) continue;
  stale++;
  if (check) console.error(`过期 / stale: packages/core/schema/${name}`);
  else {
    writeFileSync(file, text);
    console.log(`已生成 / written: packages/core/schema/${name}`);
  }
}
if (check && stale) {
  console.error('请运行 `pnpm gen` 并提交 packages/core/schema/ / run `pnpm gen` and commit the result');
  process.exit(1);
}
if (!stale) console.log('JSON Schema 均为最新 / all schemas up to date');
