// Tables and dashboard when one batch used two rubrics (`--rubric auto`): no column or heat map
// mixes indicators of different rubrics.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreBatch } from '@fazhi/scorer';
import { dashboardView, scoresCsv, scoresXlsx, type RubricGroup } from '../src/index.js';
import { fixtureCard, fixtureRubric } from './helpers.js';

function twoRubrics() {
  const a = fixtureRubric();
  const b = fixtureRubric();
  b.rubric.id = 'department';
  b.rubric.title = '县直部门细则';
  b.sha256 = 'b'.repeat(64);
  const first = b.rubric.categories[0]!.indicators[0]!;
  first.points = first.points + 3; // same indicator id, another maximum
  const town = fixtureCard();
  const dept = fixtureCard();
  dept.file = 'dept.txt';
  dept.place = '某县交通运输局';
  dept.adminLevel = 'department';
  dept.stamps.rubric = { id: 'department', version: b.rubric.version, sha256: b.sha256 };
  const ind = dept.indicators.find((i) => i.id === first.id)!;
  ind.max = first.points;
  const cards = [town, dept];
  const rubrics: RubricGroup[] = [
    { loaded: a, cards: [town], indicators: scoreBatch([town]).indicators },
    { loaded: b, cards: [dept], indicators: scoreBatch([dept]).indicators },
  ];
  return { a, b, cards, rubrics, firstId: first.id, firstTitle: first.title, firstMax: first.points };
}

describe('several rubrics in one batch', () => {
  it('XLSX: one 评分表 per rubric with that rubric’s maximum in the header and its stamp below', async () => {
    const { a, cards, rubrics, firstTitle, firstMax } = twoRubrics();
    const buf = await scoresXlsx({ result: scoreBatch(cards), cards, loaded: a, rubrics });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual([`评分表 ${a.rubric.id}`, '评分表 department']);
    const d = wb.getWorksheet('评分表 department')!;
    const header = (d.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain(`${firstTitle}（${firstMax}）`);
    expect(d.getRow(2).getCell(3).value).toBe('某县交通运输局');
    expect(String(d.getRow(4).getCell(1).value)).toContain('department');
  });

  it('CSV: a 细则 column and separate indicator columns per rubric', () => {
    const { a, cards, rubrics, firstTitle } = twoRubrics();
    const lines = scoresCsv({ result: scoreBatch(cards), cards, loaded: a, rubrics }).slice(1).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header[5]).toBe('细则');
    const cols = header.filter((h) => h.includes(`·${firstTitle}`));
    expect(cols).toHaveLength(2); // the same indicator id, once per rubric
    expect(lines).toHaveLength(3);
  });

  it('one rubric: the tables are as before (no 细则 column, one 评分表)', () => {
    const { a, cards } = twoRubrics();
    const one = scoresCsv({ result: scoreBatch([cards[0]!]), cards: [cards[0]!], loaded: a });
    expect(one.split('\r\n')[0]).not.toContain('细则');
  });

  it('dashboard: lists every rubric and draws one heat map each', () => {
    const { a, cards, rubrics } = twoRubrics();
    const v = dashboardView({ result: scoreBatch(cards), cards, failures: [], loaded: a, rubrics, links: {} });
    expect(v.multiRubric).toBe(true);
    expect(v.rubricList.map((r) => r.stamp)).toEqual([`${a.rubric.id} v${a.rubric.version} · ${a.sha256.slice(0, 12)}`, `department v${a.rubric.version} · ${'b'.repeat(12)}`]);
    expect(v.heatmaps.map((h) => h.heatRows.map((r) => r.place))).toEqual([[cards[0]!.place], ['某县交通运输局']]);
  });
});
