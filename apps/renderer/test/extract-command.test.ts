import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import run from '../src/commands/extract.js';

// `fazhi extract`: one contract object per file, in order; a failing file gets an error line
// and the command goes on, exiting 1.
describe('fazhi extract', () => {
  afterEach(() => vi.restoreAllMocks());
  it('prints the contract per file and goes on past a failing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-extract-'));
    const good = join(dir, 'a.txt');
    writeFileSync(good, '青石镇2024年法治政府建设年度报告\n一、主要举措和成效\n全年排查矛盾纠纷120件，成功调解118件，调解成功率98.3%。\n全镇9个村(社区)均聘请了法律顾问。\n');
    const empty = join(dir, 'b.txt');
    writeFileSync(empty, '');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { lines.push(String(s)); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await run([good, empty, good], { format: 'jsonl' });
    expect(code).toBe(1);
    const objs = lines.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(objs).toHaveLength(3);
    expect(objs[0].file).toBe(good);
    expect(objs[0].facts.mediation.value).toEqual({ disputes: 120, resolved: 118, rate_pct: 98.3 });
    expect(objs[0].facts.legal_adviser.value).toMatchObject({ present: true, coverage_pct: 100, units_covered: 9 });
    expect(objs[0].sections.map((s: { kind: string }) => s.kind)).toEqual(['measures']);
    expect(Object.keys(objs[0].meta)).toEqual(expect.arrayContaining(['place', 'issuer', 'adminLevel', 'reportYear', 'publishDate', 'script']));
    expect(objs[1].error.code).toMatch(/^E_/);
    expect(objs[2].file).toBe(good);
  });
  it('rejects an unknown format with a coded error', async () => {
    await expect(run(['x.txt'], { format: 'xml' })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
