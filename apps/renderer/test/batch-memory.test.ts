// What a batch keeps per report (CardSummary, CompactFingerprint) must give the same outputs as
// the whole card and the scorer's full fingerprint: same tables and dashboard, same copy pairs
// with the same verbatim evidence.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuffer } from '@fazhi/reader';
import { scoreBatch, type TextFingerprint } from '@fazhi/scorer';
import { runBatch } from '../src/batch.js';
import { summarizeCard, StringPool } from '../src/card-summary.js';
import { compactFingerprint, fillCopyEvidence, filesWithPendingEvidence, scorerFingerprint } from '../src/copy-fingerprints.js';
import { renderDashboardHtml } from '../src/html/dashboard.js';
import { fingerprintOf } from '../src/pipeline.js';
import { scoresCsv, scoresXlsx } from '../src/tables.js';
import { fixtureCard, fixtureRubric, fixtureText } from './helpers.js';

// A distinctive paragraph two townships share (one copied the other's), and text of their own.
const SHARED =
  '我们在全县率先建立了“村民说事、乡贤评理、律师把关”的三步议事规则，由驻村律师对每一件村规民约修订和集体资产处置事项出具书面意见，' +
  '全年把关事项四十七件，纠正不合规条款十一条。驻村律师同时为留守老人和外出务工人员提供“云端”法律咨询服务，建立了一户一档的法律需求清单。\n';
const report = (place: string, own: string, shared = '') => `${place}2024年法治政府建设年度报告\n\n${own}\n${shared}${place}人民政府\n`;
const A = report(
  '石门乡',
  '乡党委全年召开专题会议研究法治建设工作3次，聘请常年法律顾问1名，审查合同12份，提出法律意见21条。' +
    '乡政府对辖区内五家砂石料场开展联合执法检查，责令整改安全隐患八处，立案查处非法采砂案件两起，罚没款项全部上缴财政。',
  SHARED,
);
const B = report(
  '柳溪镇',
  '镇政府常务会议学法6次，全面落实行政执法公示制度，对2件重大执法决定进行法制审核。' +
    '针对集镇农贸市场占道经营问题，镇综合执法队会同市场监管所制定疏导方案，新设临时摊位六十个，群众投诉量较上年下降一半。',
  SHARED,
);
const C = report(
  '白沙镇',
  '镇司法所开展送法下乡活动9场，发放宣传资料1200份，培训人民调解员35人次。' +
    '白沙镇把渡口船只安全管理纳入网格，每周巡查码头三次，为十四条渡船办理了登记证书，汛期未发生一起水上安全事故。',
);

describe('CardSummary', () => {
  it('keeps no indicator evidence, and the tables and dashboard come out the same as from the card', async () => {
    const card = fixtureCard();
    const sum = summarizeCard(card, new StringPool());
    expect(sum.indicators.every((i) => !('evidence' in i) && !('rule' in i))).toBe(true);
    expect(JSON.stringify(sum).length).toBeLessThan(JSON.stringify(card).length / 3);
    const loaded = fixtureRubric();
    const result = scoreBatch([card]);
    expect(scoresCsv({ result, cards: [sum], loaded })).toBe(scoresCsv({ result, cards: [card], loaded }));
    const dash = (cards: typeof sum[]) =>
      renderDashboardHtml({ result, cards, failures: [], loaded, links: { [card.file]: 'x' }, generatedAt: '2025-01-01T00:00:00Z' });
    expect(dash([sum])).toBe(dash([card]));
    const { default: ExcelJS } = await import('exceljs');
    const sheets = async (b: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(b as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => [ws.name, ws.getSheetValues()]);
    };
    expect(await sheets(await scoresXlsx({ result, cards: [sum], loaded }))).toEqual(await sheets(await scoresXlsx({ result, cards: [card], loaded })));
  });

  it('a string pool gives one copy of the titles every card repeats', () => {
    const pool = new StringPool();
    const one = summarizeCard(JSON.parse(JSON.stringify(fixtureCard())), pool);
    const two = summarizeCard(JSON.parse(JSON.stringify(fixtureCard())), pool);
    expect(two).toEqual(one);
    expect(one.indicators[0]!.title).toBe(two.indicators[0]!.title);
  });
});

describe('CompactFingerprint', () => {
  it('gives the same copy pairs as the full fingerprints, with the same verbatim evidence once filled', async () => {
    const texts: Record<string, string> = { 'a.txt': A, 'b.txt': B, 'c.txt': C, 'q.txt': fixtureText() };
    const docs = Object.fromEntries(await Promise.all(Object.entries(texts).map(async ([f, t]) => [f, await readBuffer(Buffer.from(t), f)] as const)));
    const cards = Object.keys(texts).map((f) => ({ ...fixtureCard(), file: f }));
    const full: Record<string, TextFingerprint> = {};
    const compact: Record<string, TextFingerprint> = {};
    for (const [f, d] of Object.entries(docs)) {
      full[f] = fingerprintOf(d);
      const c = compactFingerprint(full[f]!);
      expect(c.shingles).toBeInstanceOf(Uint32Array);
      compact[f] = scorerFingerprint(c);
    }
    const expected = scoreBatch(cards, [], { fingerprints: full }).copies;
    expect(expected.map((p) => [p.a, p.b])).toEqual([['a.txt', 'b.txt']]);
    const got = scoreBatch(cards, [], { fingerprints: compact }).copies;
    // before the reports are read again: same pairs and numbers, offsets only
    expect(got.map((p) => [p.a, p.b, p.similarity, p.sharedChars])).toEqual(expected.map((p) => [p.a, p.b, p.similarity, p.sharedChars]));
    expect(got[0]!.passages[0]!.a.quote).toBe('');
    expect([...filesWithPendingEvidence(got)].sort()).toEqual(['a.txt', 'b.txt']);
    expect(fillCopyEvidence(got, 'a.txt', docs['a.txt']!)).toBe(0);
    expect([...filesWithPendingEvidence(got)]).toEqual(['b.txt']);
    expect(fillCopyEvidence(got, 'b.txt', docs['b.txt']!)).toBe(0);
    expect(got).toEqual(expected);
    for (const { a, b } of got[0]!.passages) {
      expect(A.slice(a.start, a.end)).toBe(a.quote);
      expect(B.slice(b.start, b.end)).toBe(b.quote);
    }
  });

  it('a report changed since it was scored leaves its passages unfilled and says so', async () => {
    const docs = { a: await readBuffer(Buffer.from(A), 'a.txt'), b: await readBuffer(Buffer.from(B), 'b.txt') };
    const fps = { 'a.txt': scorerFingerprint(compactFingerprint(fingerprintOf(docs.a))), 'b.txt': scorerFingerprint(compactFingerprint(fingerprintOf(docs.b))) };
    const cards = ['a.txt', 'b.txt'].map((f) => ({ ...fixtureCard(), file: f }));
    const copies = scoreBatch(cards, [], { fingerprints: fps }).copies;
    expect(copies).toHaveLength(1);
    const edited = await readBuffer(Buffer.from('前言补充一段说明文字。\n' + A), 'a.txt');
    expect(fillCopyEvidence(copies, 'a.txt', edited)).toBeGreaterThan(0);
    expect(filesWithPendingEvidence(copies).has('a.txt')).toBe(true);
  });
});

describe('runBatch keeps summaries', () => {
  it('copy flags and quotes as before; a reused card whose partner is gone loses its copied_text flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-batch-mem-'));
    const out = join(dir, 'out');
    const files = { 'a.txt': A, 'b.txt': B, 'c.txt': C };
    for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
    const s = await runBatch([dir], { out, rubric: 'national', generatedAt: '2025-01-01T00:00:00.000Z' });
    expect(s.exitCode).toBe(0);
    expect(s.result.copies.map((p) => [p.a, p.b])).toEqual([['a.txt', 'b.txt']]);
    const batch = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'));
    for (const { a, b } of batch.copies[0].passages) {
      expect(A.slice(a.start, a.end)).toBe(a.quote);
      expect(B.slice(b.start, b.end)).toBe(b.quote);
      expect(a.quote.length).toBeGreaterThan(0);
    }
    const cardA = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'));
    const flag = cardA.flags.find((f: { code: string }) => f.code === 'copied_text');
    expect(flag.evidence.length).toBeGreaterThan(0);
    for (const e of flag.evidence) expect(A.slice(e.start, e.end)).toBe(e.quote);
    // the summaries carry the flag too (dashboard, XLSX)
    expect(s.entries.find((e) => e.card.file === 'a.txt')!.card.flags.map((f) => f.code)).toContain('copied_text');
    expect(s.entries.find((e) => e.card.file === 'c.txt')!.card.flags.map((f) => f.code)).not.toContain('copied_text');
    expect(readFileSync(join(out, 'scores.csv'), 'utf8')).toContain('a.txt');

    // b.txt leaves the batch: a.txt is reused, but its copied_text flag no longer holds
    rmSync(join(dir, 'b.txt'));
    const again = await runBatch([dir], { out, rubric: 'national', generatedAt: '2025-01-01T00:00:00.000Z' });
    expect(again.result.copies).toEqual([]);
    const a2 = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'));
    expect(a2.flags.map((f: { code: string }) => f.code)).not.toContain('copied_text');
    expect(again.entries.find((e) => e.card.file === 'a.txt')!.skipped).toBe(false);
    expect(again.entries.find((e) => e.card.file === 'c.txt')!.skipped).toBe(true);
    // a third run has nothing to change
    const third = await runBatch([dir], { out, rubric: 'national', generatedAt: '2025-01-01T00:00:00.000Z' });
    expect(third.entries.every((e) => e.skipped)).toBe(true);
  }, 60000);
});

describe('scores.xlsx, streamed', () => {
  it('one row per report, header styled and frozen, filter on the header, every sheet present', async () => {
    const base = summarizeCard(fixtureCard());
    const cards = Array.from({ length: 1500 }, (_, k) => ({ ...base, file: `r${String(k).padStart(4, '0')}.txt`, total: (k * 7) % 100 }));
    const loaded = fixtureRubric();
    const buf = await scoresXlsx({ result: scoreBatch(cards as never), cards, loaded, failures: [{ file: 'bad.docx', code: 'E_DOCX_CORRUPT', message: '损坏' }] });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分表', '质量提示', '人工复核', '疑似雷同', '未能评分']);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + cards.length);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(1).height).toBe(48);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 5 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(5).width).toBe(26);
    expect(wb.worksheets[4]!.getRow(2).values).toEqual([undefined, 'bad.docx', 'E_DOCX_CORRUPT', '损坏']);
    expect(wb.worksheets[1]!.rowCount).toBe(1 + cards.length * base.flags.length);
  });
});
