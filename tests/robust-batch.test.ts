// Batch resilience, through the built `fazhi batch` CLI: a corrupt file in the middle is listed
// and the others are scored; a batch killed with SIGKILL mid-way leaves no half-written output,
// and a re-run over the same OUT finishes the rest.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeReport } from '../bench/lib/gen.mjs';
import { CLI, cliBuilt, ROOT } from './fixtures/robust/helpers';

const fazhi = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });

// `fazhi batch` is another issue's work and runs from the build (`pnpm test` builds first);
// skipped only while it is not built or still the E_NOT_IMPLEMENTED placeholder.
const batchReady = cliBuilt && !/E_NOT_IMPLEMENTED/.test(fazhi(['batch', join(tmpdir(), 'fazhi-none'), '--out', join(tmpdir(), 'fazhi-none-out')]).stderr);

const OUTPUT_EXT = /\.(json|html|pdf|csv|xlsx)$/;

/** Every file under `dir` (relative paths). */
function walk(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(dir, join(base, d.name)) : [join(base, d.name)]));
}

/** Problems with the outputs in OUT: unparsable JSON, truncated HTML, temp files that look like outputs. */
function halfWritten(out: string): string[] {
  const bad: string[] = [];
  for (const f of walk(out)) {
    const name = f.split('/').pop()!;
    if (!OUTPUT_EXT.test(name)) {
      // temp files are allowed only if they cannot be mistaken for outputs (hidden, .tmp)
      if (!(name.startsWith('.') && name.endsWith('.tmp'))) bad.push(`unexpected file ${f}`);
      continue;
    }
    const text = readFileSync(join(out, f), 'utf8');
    if (name.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        bad.push(`${f}: JSON does not parse (${text.length} chars)`);
      }
    } else if (name.endsWith('.html') && !/<\/html>\s*$/i.test(text)) bad.push(`${f}: truncated HTML`);
  }
  return bad;
}

const cardsIn = (out: string) =>
  walk(out)
    .filter((f) => f.endsWith('.json') && f !== 'batch.json')
    .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')))
    .filter((j) => j && j.schemaVersion === 1 && typeof j.total === 'number');

describe.skipIf(!batchReady)('fazhi batch resilience', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-robust-batch-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a corrupt file in the middle is reported and every other report is scored', () => {
    const inDir = join(dir, 'mixed');
    mkdirSync(inDir);
    const good: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = makeReport(31, i, { targetBytes: 3000 });
      const name = `${i + 1}-${r.truth.place}.txt`;
      if (i === 2) continue;
      writeFileSync(join(inDir, name), r.text);
      good.push(name);
    }
    writeFileSync(join(inDir, '3-损坏的报告.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 0x41)]));
    writeFileSync(join(inDir, '3b-空白.txt'), '');
    const out = join(dir, 'mixed-out');
    const r = fazhi(['batch', inDir, '--out', out, '--rubric', 'national']);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace for a user error
    expect(r.stderr + r.stdout).toContain('3-损坏的报告.docx');
    expect(r.stderr + r.stdout).toContain('3b-空白.txt');
    const cards = cardsIn(out);
    expect(cards.map((c) => c.file.split('/').pop()).sort()).toEqual(good.sort());
    const batch = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'));
    const failures = JSON.stringify(batch.failures ?? batch);
    expect(failures).toContain('E_DOCX_CORRUPT');
    expect(failures).toContain('E_EMPTY_FILE');
    expect(halfWritten(out)).toEqual([]);
  });

  it('SIGKILL mid-way leaves no half-written output and a re-run finishes the rest', async () => {
    const inDir = join(dir, 'many');
    mkdirSync(inDir);
    const N = 30;
    for (let i = 0; i < N; i++) {
      const r = makeReport(47, i, { targetBytes: 4000 });
      writeFileSync(join(inDir, `${String(i).padStart(3, '0')}-${r.truth.place}.txt`), r.text);
    }
    const out = join(dir, 'many-out');
    const child = spawn(process.execPath, [CLI, 'batch', inDir, '--out', out, '--rubric', 'national'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, CI: '1' } });
    const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
    // kill as soon as the first scorecards are on disk
    let killedMidway = false;
    for (let t = 0; t < 3000; t++) {
      const n = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.json')).length : 0;
      if (n >= 3) {
        killedMidway = child.kill('SIGKILL');
        break;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ex = await exited;
    expect(killedMidway, 'the batch finished before it could be killed').toBe(true);
    expect(ex.signal).toBe('SIGKILL');
    const before = cardsIn(out).length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(N);
    expect(halfWritten(out)).toEqual([]);

    const again = fazhi(['batch', inDir, '--out', out, '--rubric', 'national']);
    expect(again.status, again.stderr.slice(-500)).toBe(0);
    expect(halfWritten(out)).toEqual([]);
    const cards = cardsIn(out);
    expect(cards.length).toBe(N);
    expect(new Set(cards.map((c) => c.file)).size).toBe(N);
    expect(JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'))).toBeTruthy();
  });
});
