import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreBatch } from '@fazhi/scorer';
import { collectInputs, safeCellText, scoresCsv, writeFileAtomic } from '../src/index.js';
import { fixtureCard, fixtureRubric } from './helpers.js';

describe('batch inputs', () => {
  it('finds report files recursively, skips OUT and hidden files, gives unique output names', () => {
    const d = mkdtempSync(join(tmpdir(), 'fazhi-inputs-'));
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'b'));
    mkdirSync(join(d, 'out'));
    for (const f of ['a/镇 报告.txt', 'b/镇 报告.docx', 'index.txt', '.hidden.txt', 'notes.xlsx', 'out/old.txt']) writeFileSync(join(d, f), 'x');
    const items = collectInputs([d], join(d, 'out'));
    expect(items.map((i) => i.display)).toEqual(['a/镇 报告.txt', 'b/镇 报告.docx', 'index.txt']);
    expect(items.map((i) => i.outName)).toEqual(['a_镇_报告', 'b_镇_报告', 'index-2']);
  });
});

describe('tables', () => {
  it('CSV: BOM, CRLF, quoting, and no formula injection from report text', () => {
    const card = fixtureCard();
    card.place = '=HYPERLINK("http://x","点我")';
    const csv = scoresCsv({ result: scoreBatch([card]), cards: [card], loaded: fixtureRubric() });
    expect(csv.startsWith('\uFEFF名次,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(safeCellText('-1+2')).toBe("'-1+2");
    expect(safeCellText('清水镇')).toBe('清水镇');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file', () => {
    const d = mkdtempSync(join(tmpdir(), 'fazhi-atomic-'));
    const f = join(d, 'x.json');
    writeFileAtomic(f, 'old');
    writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['x.json']);
  });
});

describe('tables with a previous year', () => {
  it('adds a 较上年 column when the batch has a comparison', () => {
    const now = fixtureCard();
    const before = fixtureCard();
    before.file = '2023/qingshui-2023.txt';
    before.reportYear = 2023;
    before.total = 70;
    const result = scoreBatch([now], [], { previous: [before] });
    expect(result.comparison).toHaveLength(1);
    const csv = scoresCsv({ result, cards: [now], loaded: fixtureRubric() });
    const [head, row] = csv.slice(1).split('\r\n');
    const k = head!.split(',').indexOf('较上年');
    expect(k).toBeGreaterThan(0);
    expect(row!.split(',')[k]).toBe('14');
  });
});

describe('batch inputs with the same name', () => {
  it('keeps two x.txt from different folders apart', () => {
    const d = mkdtempSync(join(tmpdir(), 'fazhi-dupe-'));
    mkdirSync(join(d, 'a'));
    mkdirSync(join(d, 'b'));
    writeFileSync(join(d, 'a', 'x.txt'), 'x');
    writeFileSync(join(d, 'b', 'x.txt'), 'x');
    const items = collectInputs([join(d, 'a', 'x.txt'), join(d, 'b', 'x.txt')], join(d, 'out'));
    expect(new Set(items.map((i) => i.display)).size).toBe(2);
    expect(new Set(items.map((i) => i.outName)).size).toBe(2);
  });
});
