// End-to-end: the built `fazhi batch` over fixture township reports plus one corrupt .docx.
// Needs the build (`pnpm exec turbo run build`), as every e2e CLI test does.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../apps/renderer/src/pdf.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'apps/renderer/dist/cli.js');
const fixtures = join(root, 'tests/fixtures/reports');
const GOOD = ['2024-松林镇-法治政府建设年度报告', '2024-桃源街道-法治政府建设年度报告', '2024-石桥镇-法治政府建设年度报告'];
const BAD = '2024-断线镇-法治政府建设年度报告.docx';

function fazhi(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CI: process.env.CI ?? '', ...env }, timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-batch-in-'));
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

const stripStamp = (s: string) => s.replace(/"generatedAt": "[^"]*"/g, '"generatedAt": ""');

describe('fazhi batch (CLI)', () => {
  let input: string;
  let out: string;
  let first: ReturnType<typeof fazhi>;
  beforeAll(() => {
    input = tempCopy();
    out = mkdtempSync(join(tmpdir(), 'fazhi-batch-out-'));
    first = fazhi(['batch', input, '--rubric', 'township', '--out', out]);
  }, 120000);

  it('scores the good reports, lists the corrupt one and exits non-zero', () => {
    expect(first.code).toBe(1);
    for (const n of GOOD) {
      expect(existsSync(join(out, `${n}.html`)), n).toBe(true);
      expect(existsSync(join(out, `${n}.json`)), n).toBe(true);
    }
    for (const f of ['index.html', 'scores.xlsx', 'scores.csv', 'batch.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, '2024-断线镇-法治政府建设年度报告.html'))).toBe(false);
    expect(first.stderr).toContain(BAD);
    expect(first.stderr).toContain('E_DOCX_CORRUPT');
    expect(first.stdout).toContain('已评分 3 份，失败 1 份');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain(BAD);
    expect(index).toContain('E_DOCX_CORRUPT');
    for (const n of GOOD) expect(index).toContain(`href="${encodeURIComponent(n)}.html"`);
    // no temp files left behind by the atomic writes
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('ranks within the unit type and finds the shared paragraph', () => {
    const batch = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'));
    const places = batch.reports.map((r: { place: string }) => r.place);
    expect(places.indexOf('松林镇')).toBeLessThan(places.indexOf('石桥镇'));
    expect(batch.failures).toHaveLength(1);
    expect(batch.copies.length).toBeGreaterThanOrEqual(1);
    const pair = batch.copies[0];
    expect([pair.a, pair.b].sort()).toEqual([`${GOOD[1]}.txt`, `${GOOD[2]}.txt`]);
    // both cards carry the copied_text flag with their side of the shared passage highlighted
    for (const n of [GOOD[1], GOOD[2]]) {
      const card = JSON.parse(readFileSync(join(out, `${n}.json`), 'utf8'));
      const flag = card.flags.find((f: { code: string }) => f.code === 'copied_text');
      expect(flag?.evidence.length, n).toBeGreaterThan(0);
      expect(readFileSync(join(out, `${n}.html`), 'utf8')).toContain('与其他报告雷同');
    }
    const clean = JSON.parse(readFileSync(join(out, `${GOOD[0]}.json`), 'utf8'));
    expect(clean.flags.map((f: { code: string }) => f.code)).not.toContain('copied_text');
  });

  it('writes an XLSX that reads back: 评分表 with one row per report, flags, overrides', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'scores.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分表', '质量提示', '人工复核', '疑似雷同', '未能评分']);
    const ws = wb.getWorksheet('评分表')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['名次', '单位类型', '单位']);
    expect(header).toContain('总分');
    expect(header).toContain('等级');
    expect(header.some((h) => String(h).startsWith('人民调解成功率'))).toBe(true);
    expect(ws.rowCount).toBe(4);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const totalCol = header.indexOf('总分') + 1;
    const rows = [2, 3, 4].map((r) => ({ place: ws.getRow(r).getCell(3).value, total: ws.getRow(r).getCell(totalCol).value }));
    const cards = GOOD.map((n) => JSON.parse(readFileSync(join(out, `${n}.json`), 'utf8')));
    for (const c of cards) expect(rows).toContainEqual({ place: c.place, total: c.total });
    expect(wb.getWorksheet('质量提示')!.rowCount).toBeGreaterThan(1);
    expect(wb.getWorksheet('未能评分')!.getRow(2).getCell(1).value).toBe(BAD);
  });

  it('writes a CSV with a BOM that Excel opens as UTF-8', () => {
    const csv = readFileSync(join(out, 'scores.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^名次,单位类型,单位,/);
  });

  it('a re-run over the same OUT reuses unchanged reports and gives the same JSON', () => {
    const before = GOOD.map((n) => readFileSync(join(out, `${n}.json`), 'utf8'));
    const again = fazhi(['batch', input, '--rubric', 'township', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('3 份未变');
    expect(GOOD.map((n) => readFileSync(join(out, `${n}.json`), 'utf8'))).toEqual(before);
    // a changed report is scored again
    const f = join(input, `${GOOD[0]}.txt`);
    writeFileSync(f, readFileSync(f, 'utf8').replace('会前学法14次', '会前学法4次'));
    const third = fazhi(['batch', input, '--rubric', 'township', '--out', out]);
    expect(third.stdout).toContain('2 份未变');
    // as after a kill: a half-written temp file and a report whose JSON never landed
    writeFileSync(join(out, `.${GOOD[1]}.json.4242.deadbeef.tmp`), '{"half');
    rmSync(join(out, `${GOOD[1]}.json`));
    const resumed = fazhi(['batch', input, '--rubric', 'township', '--out', out]);
    expect(resumed.stdout).toContain('2 份未变');
    expect(existsSync(join(out, `${GOOD[1]}.json`))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('applies a review override and lists it in the 人工复核 sheet', async () => {
    const o = mkdtempSync(join(tmpdir(), 'fazhi-batch-ov-'));
    const ov = join(o, 'overrides.yaml');
    writeFileSync(
      ov,
      `overrides:\n  - report: ${GOOD[2]}.txt\n    indicator: mediation-success-rate\n    points: 0\n    reason: 成功率与件数不符，复核不予计分\n    reviewer: 县司法局 李华\n    date: 2025-04-18\n`,
    );
    const r = fazhi(['batch', input, '--rubric', 'township', '--out', join(o, 'out'), '--overrides', ov]);
    expect(r.code).toBe(1);
    const html = readFileSync(join(o, 'out', `${GOOD[2]}.html`), 'utf8');
    expect(html).toContain('县司法局 李华');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(o, 'out', 'scores.xlsx'));
    const sheet = wb.getWorksheet('人工复核')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(3).value).toBe('mediation-success-rate');
  });

  it('without a Chromium, --pdf says how to install one and still writes the HTML', () => {
    const o = mkdtempSync(join(tmpdir(), 'fazhi-batch-nochrome-'));
    const r = fazhi(['batch', join(input, `${GOOD[0]}.txt`), '--rubric', 'township', '--out', o, '--pdf'], { FAZHI_CHROMIUM: '/nonexistent/chromium' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_NO_CHROMIUM');
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(o, `${GOOD[0]}.html`))).toBe(true);
    expect(existsSync(join(o, `${GOOD[0]}.pdf`))).toBe(false);
    expect(existsSync(join(o, 'index.html'))).toBe(true);
  });

  it('rejects a missing input with a clear message and exit code 2', () => {
    const r = fazhi(['batch', join(tmpdir(), 'no-such-folder-fazhi'), '--out', join(tmpdir(), 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_INPUT_NOT_FOUND');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

// A browser is needed for --pdf: skipped only when none is found and CI is unset.
const skipPdf = !findChromium() && !process.env.CI;
describe.skipIf(skipPdf)('fazhi batch --pdf --jobs 2 (Chromium)', () => {
  it('writes a PDF per report with worker threads, same scores as one job', () => {
    const input = tempCopy();
    const one = mkdtempSync(join(tmpdir(), 'fazhi-batch-j1-'));
    const two = mkdtempSync(join(tmpdir(), 'fazhi-batch-j2-'));
    expect(fazhi(['batch', input, '--rubric', 'township', '--out', one]).code).toBe(1);
    const r = fazhi(['batch', input, '--rubric', 'township', '--out', two, '--pdf', '--jobs', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PDF：3 份');
    for (const n of GOOD) {
      expect(readFileSync(join(two, `${n}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(stripStamp(readFileSync(join(two, `${n}.json`), 'utf8'))).toBe(stripStamp(readFileSync(join(one, `${n}.json`), 'utf8')));
    }
    expect(readFileSync(join(two, 'index.html'), 'utf8')).toContain('.pdf">PDF</a>');
  }, 120000);
});
