// End-to-end: `fazhi batch` with the default `--rubric auto` over a mixed batch — two township
// reports and one county-department report — and `--rubric-map`. Needs the build, as every e2e
// CLI test does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'apps/renderer/dist/cli.js');
const TOWNS = ['2024-松林镇-法治政府建设年度报告', '2024-石桥镇-法治政府建设年度报告'];
const DEPT = '2024-云岭县交通运输局-法治政府建设年度报告';

function fazhi(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CI: process.env.CI ?? '' }, timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function mixedInput(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-auto-in-'));
  for (const n of TOWNS) copyFileSync(join(root, 'tests/fixtures/reports', `${n}.txt`), join(dir, `${n}.txt`));
  copyFileSync(join(root, 'tests/fixtures/mixed', `${DEPT}.txt`), join(dir, `${DEPT}.txt`));
  return dir;
}

const card = (out: string, n: string) => JSON.parse(readFileSync(join(out, `${n}.json`), 'utf8'));
const codes = (c: { flags: { code: string }[] }) => c.flags.map((f) => f.code);

describe('fazhi batch --rubric auto (default), mixed unit types', () => {
  let input: string;
  let out: string;
  let run: ReturnType<typeof fazhi>;
  beforeAll(() => {
    input = mixedInput();
    out = mkdtempSync(join(tmpdir(), 'fazhi-auto-out-'));
    run = fazhi(['batch', input, '--out', out]); // no --rubric: auto is the default
  }, 120000);

  it('scores each report with the rubric of its unit type, without unit_type_mismatch', () => {
    expect(run.code, run.stderr).toBe(0);
    const dept = card(out, DEPT);
    expect(dept.adminLevel).toBe('department');
    expect(dept.stamps.rubric.id).toBe('department');
    expect(codes(dept)).not.toContain('unit_type_mismatch');
    for (const n of TOWNS) {
      const c = card(out, n);
      expect(c.stamps.rubric.id, n).toBe('township');
      expect(codes(c), n).not.toContain('unit_type_mismatch');
      expect(c.notes, n).toBeUndefined();
    }
    expect(run.stdout).toContain('按单位类型使用了 2 套细则');
  });

  it('ranks townships among themselves and the department on its own', () => {
    const batch = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'));
    const towns = batch.reports.filter((r: { group: string }) => r.group === 'township');
    expect(towns).toHaveLength(2);
    expect(towns.map((r: { rank: number }) => r.rank).sort()).toEqual([1, 2]);
    expect(towns.every((r: { rankOf: number }) => r.rankOf === 2)).toBe(true);
    const dept = batch.reports.find((r: { group: string }) => r.group === 'department');
    expect(dept).toMatchObject({ rank: 1, rankOf: 1 });
    // statistics per rubric: each over its own reports only
    expect(batch.rubrics.map((r: { id: string }) => r.id)).toEqual(['township', 'department']);
    const byId = Object.fromEntries(batch.rubrics.map((r: { id: string }) => [r.id, r]));
    expect(byId.township.reports).toHaveLength(2);
    expect(byId.department.reports).toEqual([`${DEPT}.txt`]);
    for (const s of byId.department.indicators) expect(s.count).toBeLessThanOrEqual(1);
  });

  it('the dashboard lists both rubrics and draws one heat map per rubric', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const township = card(out, TOWNS[0]!).stamps.rubric;
    const dept = card(out, DEPT).stamps.rubric;
    for (const r of [township, dept]) expect(index).toContain(`${r.id} v${r.version} · ${r.sha256.slice(0, 8)}`);
    expect(index.match(/<table class="heat sortable">/g)).toHaveLength(2);
    expect(index).toContain('县直部门法治政府建设年度报告评分细则');
  });

  it('the XLSX has one 评分表 per rubric, each with its own indicator columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'scores.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['评分表 township', '评分表 department']);
    const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const t = wb.getWorksheet('评分表 township')!;
    const d = wb.getWorksheet('评分表 department')!;
    expect(header(d).some((h) => h.startsWith('重大执法决定法制审核'))).toBe(true);
    // township sheet: the two townships; department sheet: the one department (+ blank + stamp row)
    expect([2, 3].map((r) => t.getRow(r).getCell(3).value).sort()).toEqual(['松林镇', '石桥镇']);
    expect(d.getRow(2).getCell(3).value).toBe('云岭县交通运输局');
    expect(String(d.getRow(4).getCell(1).value)).toContain('department v');
    // the CSV stays one table: a 细则 column, and no column mixes two rubrics
    const csv = readFileSync(join(out, 'scores.csv'), 'utf8').slice(1).split('\r\n');
    expect(csv[0]).toContain('细则');
    expect(csv[0]).toMatch(/township·.*department·/);
  });

  it('a re-run reuses every report (same source and same per-report rubric sha256)', () => {
    const before = [...TOWNS, DEPT].map((n) => readFileSync(join(out, `${n}.json`), 'utf8'));
    const again = fazhi(['batch', input, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('3 份未变');
    expect([...TOWNS, DEPT].map((n) => readFileSync(join(out, `${n}.json`), 'utf8'))).toEqual(before);
  });

  it('--rubric township still scores everything with the township rubric and flags the department', () => {
    const o = mkdtempSync(join(tmpdir(), 'fazhi-auto-fixed-'));
    const r = fazhi(['batch', input, '--rubric', 'township', '--out', o]);
    expect(r.code).toBe(0);
    const dept = card(o, DEPT);
    expect(dept.stamps.rubric.id).toBe('township');
    expect(codes(dept)).toContain('unit_type_mismatch');
    const wb = readFileSync(join(o, 'index.html'), 'utf8');
    expect(wb.match(/<table class="heat sortable">/g)).toHaveLength(1);
  });

  it('--rubric-map puts a county rubric in place of the township preset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-auto-map-'));
    const mine = join(dir, 'my-county.yaml');
    writeFileSync(mine, readFileSync(join(root, 'rubrics/example-county.yaml'), 'utf8'));
    const o = join(dir, 'out');
    const r = fazhi(['batch', input, '--rubric-map', `township=${mine}`, '--out', o]);
    expect(r.code, r.stderr).toBe(0);
    const own = card(o, TOWNS[0]!).stamps.rubric.id;
    expect(own).not.toBe('township');
    expect(card(o, DEPT).stamps.rubric.id).toBe('department');
  });

  it('--rubric-map with an unknown unit type is a clear usage error', () => {
    const o = mkdtempSync(join(tmpdir(), 'fazhi-auto-bad-'));
    const r = fazhi(['batch', input, '--rubric-map', 'village=my.yaml', '--out', o]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_BAD_OPTION');
    expect(r.stderr).toContain('village');
    expect(r.stderr).toContain('township');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(o, 'index.html'))).toBe(false);
  });

  it('--rubric-map naming a broken rubric fails early with a located error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-auto-broken-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'extends: township\nid: bad\ntitle: 坏细则\nversion: 1.0\n');
    const r = fazhi(['batch', input, '--rubric-map', `township=${bad}`, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:');
    expect(existsSync(join(dir, 'out', 'index.html'))).toBe(false);
  });
});

describe('fazhi check / score default to --rubric auto', () => {
  const dept = join(root, 'tests/fixtures/mixed', `${DEPT}.txt`);
  it('check: a department report is checked against the department rubric', () => {
    const r = fazhi(['check', dept]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toContain('细则 department');
    expect(r.stdout).not.toContain('试试：fazhi check');
  });
  it('check: an unknown unit type is checked as a township, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-auto-check-'));
    const f = join(dir, 'draft.txt');
    writeFileSync(f, '2024年法治政府建设工作情况报告\n\n2024年，我单位全年开展合法性审查12件，聘请常年法律顾问1名。全年排查矛盾纠纷40件，成功调解39件。\n');
    const r = fazhi(['check', f]);
    expect(r.stdout, r.stderr).toContain('细则 township');
    expect(r.stdout).toContain('未能判断单位类型，按乡镇细则评分');
  });
  it('score: each file gets its own rubric, --rubric still fixes one', () => {
    const town = join(root, 'tests/fixtures/reports', `${TOWNS[0]}.txt`);
    const r = fazhi(['score', town, dept]);
    expect(r.code, r.stderr).toBe(0);
    const { scorecards } = JSON.parse(r.stdout);
    expect(scorecards.map((c: { stamps: { rubric: { id: string } } }) => c.stamps.rubric.id)).toEqual(['township', 'department']);
    const fixed = JSON.parse(fazhi(['score', dept, '--rubric', 'township']).stdout);
    expect(fixed.stamps.rubric.id).toBe('township');
    expect(codes(fixed)).toContain('unit_type_mismatch');
  });
});

describe('fazhi batch --rubric auto --jobs 2 (worker threads)', () => {
  it('gives the same cards as one job, each worker picking rubrics per report', () => {
    const input = mixedInput();
    const one = mkdtempSync(join(tmpdir(), 'fazhi-auto-j1-'));
    const two = mkdtempSync(join(tmpdir(), 'fazhi-auto-j2-'));
    expect(fazhi(['batch', input, '--out', one]).code).toBe(0);
    const r = fazhi(['batch', input, '--out', two, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/g, '');
    for (const n of [...TOWNS, DEPT]) expect(strip(readFileSync(join(two, `${n}.json`), 'utf8')), n).toBe(strip(readFileSync(join(one, `${n}.json`), 'utf8')));
    expect(card(two, DEPT).stamps.rubric.id).toBe('department');
  }, 120000);
});
