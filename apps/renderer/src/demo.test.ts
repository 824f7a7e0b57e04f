import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExamples, whereToLook } from './commands/demo.js';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-demo-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fazhi demo helpers', () => {
  it('finds the bundled examples from the source tree', () => {
    expect(findExamples()).toMatch(/examples[\\/]reports$/);
  });

  it('points at the dashboard, the tables, the complete example scorecard and its PDF', () => {
    for (const f of ['index.html', 'scores.xlsx', 'scores.csv', 'a-柳溪镇.html', 'b-青石镇.html', 'a-柳溪镇.pdf', 'b-青石镇.pdf', 'b-青石镇.json']) writeFileSync(join(dir, f), '');
    mkdirSync(join(dir, 'sub'));
    const look = whereToLook(dir).map((l) => [l.label, l.path.slice(dir.length + 1)]);
    expect(look).toEqual([
      ['汇总看板（排名、热力图、质量提示）', 'index.html'],
      ['评分表（Excel）', 'scores.xlsx'],
      ['评分表（CSV）', 'scores.csv'],
      ['一份评分卡（共 2 份）', 'b-青石镇.html'],
      ['PDF 评分卡', 'b-青石镇.pdf'],
    ]);
  });

  it('says nothing for a folder that does not exist', () => {
    expect(whereToLook(join(dir, 'nope'))).toEqual([]);
  });
});
