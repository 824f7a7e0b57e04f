import { describe, expect, it } from 'vitest';
import { classifyHeading, readStructure } from '../src/structure.js';

describe('classifyHeading', () => {
  it.each([
    ['主要举措和成效', ['measures']],
    ['2024年法治政府建设主要举措和成效', ['measures']],
    ['推进法治建设的主要举措和突出成效', ['measures']],
    ['工作开展情况', ['measures']],
    ['主要做法', ['measures']],
    ['基本情况', ['measures']],
    ['主要工作内容', ['measures']],
    ['2025年法治建设核心工作推进情况', ['measures']],
    ['存在的不足和原因', ['shortcomings']],
    ['存在的主要问题及原因剖析', ['shortcomings']],
    ['党政主要负责人履行推进法治建设第一责任人职责情况', ['leader_duties']],
    ['法治建设第一责任人履职情况', ['leader_duties']],
    ['履行法治第一责任人职责,推进法治政府建设', ['leader_duties']],
    ['下一步工作思路与改进措施', ['next_year']],
    ['2025年工作打算', ['next_year']],
    ['2020工作打算', ['next_year']],
    ['下一年度的主要安排', ['next_year']],
    ['2024年法治政府建设总体情况', ['measures']],
    ['存在的困难和问题', ['shortcomings']],
    ['不足之处', ['shortcomings']],
    ['工作中存在的差距', ['shortcomings']],
    ['区政府主要负责同志履行推进法治建设第一责任人职责情况', ['leader_duties']],
    ['下一年度推进法治政府建设的主要安排', ['next_year']],
    ['今后工作方向', ['next_year']],
    ['强化组织领导，压实法治责任', ['other']],
    ['坚持依法决策', ['other']],
    ['上一年度法治建设问题整改“回头看”', ['other']],
  ] as const)('%s', (t, kinds) => expect(classifyHeading(t)).toEqual(kinds));
  it('a merged heading is both kinds', () => {
    expect(new Set(classifyHeading('存在的问题及下一步工作打算'))).toEqual(new Set(['shortcomings', 'next_year']));
  });
});

describe('readStructure', () => {
  it('reads numbered headings of several levels', () => {
    const v = '一、主要举措和成效\n（一）依法决策。全年审查合同5份。\n1.加强学习\n二、存在的不足和原因\n三、下一步工作打算\n';
    const s = readStructure(v);
    expect(s.headings.map((h) => h.level)).toEqual([1, 2, 3, 1, 1]);
    expect(s.canonical.flatMap((h) => h.kinds)).toEqual(['measures', 'shortcomings', 'next_year']);
    expect(s.kindsAt(v.indexOf('全年'))).toEqual(['measures']);
    expect(s.pathAt(v.indexOf('全年'))).toBe('一、主要举措和成效 > （一）依法决策');
  });
  it('finds a heading that lost its numeral and a malformed (一', () => {
    const s = readStructure('、党政主要负责人履行推进法治建设第一责任人职责情况\n一)强化领导\n');
    expect(s.canonical[0]!.kinds).toEqual(['leader_duties']);
    expect(s.headings[1]!.level).toBe(2);
  });
  it('finds inline headings in single-line text', () => {
    const v = `${'2025年，某镇坚持依法行政，各项工作有序推进。'.repeat(8)}现将情况报告如下： 一、法治建设主要措施和成效 （一）强化思想引领，筑牢根基 坚持学法。二、存在的不足和原因 一是学法不够。`;
    const kinds = readStructure(v).canonical.flatMap((h) => h.kinds);
    expect(kinds).toEqual(['measures', 'shortcomings']);
  });
  it('reads a numeral followed by a space as a heading on a short line', () => {
    const s = readStructure('一 主要举措和成效\n全年学法6次。\n二 存在的不足\n');
    expect(s.canonical.flatMap((h) => h.kinds)).toEqual(['measures', 'shortcomings']);
  });
  it('does not take numbered items or intro sentences as parts', () => {
    const s = readStructure('现将工作情况、存在不足及下一步安排报告如下：\n1.落实第一责任人职责\n');
    expect(s.canonical).toEqual([]);
  });
});
