import { describe, expect, it } from 'vitest';
import { Scorecard, type Evidence, type IndicatorResult } from '@fazhi/core';
import { checkExitCode, renderCheckReport, shouldColor, shorten, weakIndicators } from './check-report.js';
import { parseMinScore } from './commands/check.js';

const ev = (quote: string, line: number, modality: Evidence['modality'] = 'done'): Evidence => ({
  quote,
  start: 100 + line,
  end: 100 + line + quote.length,
  line,
  section: '一、主要举措和成效',
  modality,
});

function ind(id: string, title: string, points: number, max: number, status: IndicatorResult['status'], extra: Partial<IndicatorResult> = {}): IndicatorResult {
  return {
    id,
    title,
    category: 'c',
    fact: id.replace(/-/g, '_'),
    points,
    max,
    status,
    value: null,
    valueText: '',
    rule: '',
    evidence: [],
    remedy: `${title}的补充方法`,
    atStake: max - points,
    ...extra,
  };
}

/** A hand-built scorecard of an invented township: validated against the shared schema. */
function card(): Scorecard {
  const indicators = [
    ind('report-structure', '报告要素完整', 10, 10, 'full', { evidence: [ev('一、2024年法治政府建设主要举措和成效', 5)] }),
    ind('leader-shufa', '党政主要负责人述法', 2, 10, 'partial', {
      valueText: '仅作为计划提及',
      evidence: [ev('下一步，我镇将组织党政主要负责人开展年终述法', 30, 'planned')],
      remedy: '写明本年度党政主要负责人述法的时间、形式和范围。',
    }),
    ind('legal-education', '普法与学法', 4, 7, 'partial', { valueText: '9 场', evidence: [ev('开展法治宣传活动9场', 22)] }),
    ind('three-systems', '行政执法三项制度', 0, 12, 'zero', { remedy: '分别写明行政执法公示、执法全过程记录和重大执法决定法制审核的落实情况。' }),
    ind('review-litigation', '行政复议与应诉', 0, 8, 'review', { remedy: '写明出庭应诉率；没有案件的，明确写“全年无行政诉讼案件”。' }),
    ind('village-adviser-coverage', '村（社区）法律顾问覆盖率', 0, 8, 'na'),
    ind('legality-review', '合法性审查', 5, 8, 'partial'),
  ];
  const total = indicators.reduce((s, i) => s + i.points, 0);
  return Scorecard.parse({
    schemaVersion: 1,
    file: 'reports/柳溪镇.txt',
    place: '柳溪镇',
    reportYear: 2024,
    adminLevel: 'township',
    total,
    max: 55,
    grade: '较差',
    categories: [{ id: 'c', title: '依法行政', points: total, max: 55 }],
    indicators,
    flags: [
      {
        code: 'late_publication',
        severity: 'warn',
        message: '发布时间 2025-06-18 晚于 2025-04-01，逾期 78 日',
        evidence: [ev('发布时间：2025-06-18', 2)],
      },
    ],
    review: ['review-litigation'],
    missing: [],
    stamps: {
      tool: { name: 'fazhi-scorecard', version: '0.1.0' },
      rubric: { id: 'township', version: '1.0.0', sha256: 'a'.repeat(64) },
      source: { file: 'reports/柳溪镇.txt', sha256: 'b'.repeat(64) },
      generatedAt: '2025-01-01T00:00:00.000Z',
    },
  });
}

describe('weakIndicators', () => {
  it('sorts by points at stake, highest first, ties in rubric order, and leaves out full and n/a', () => {
    expect(weakIndicators(card()).map((i) => i.id)).toEqual(['three-systems', 'leader-shufa', 'review-litigation', 'legal-education', 'legality-review']);
  });
});

describe('renderCheckReport', () => {
  const text = renderCheckReport(card(), { color: false });

  it('opens with place, year, total/max and grade', () => {
    const [first, , third] = text.split('\n');
    expect(first).toContain('柳溪镇');
    expect(first).toContain('2024');
    expect(third).toBe('总分 21 / 55  等级 较差');
  });

  it('lists what is missing as 补充…可得 N 分, in order of points at stake', () => {
    const lines = text.split('\n').filter((l) => /^\s*\d+\. 补充/.test(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('补充「行政执法三项制度」可得 12 分');
    expect(lines[1]).toContain('补充「党政主要负责人述法」可得 8 分');
    expect(lines[4]).toContain('补充「合法性审查」可得 3 分');
    expect(text).not.toContain('补充「报告要素完整」');
    expect(text).not.toContain('补充「村（社区）法律顾问覆盖率」');
  });

  it('shows the remedy and the evidence found so far with its line, marking plans as not counting', () => {
    expect(text).toContain('怎么补：分别写明行政执法公示、执法全过程记录和重大执法决定法制审核的落实情况。');
    expect(text).toContain('第 30 行「下一步，我镇将组织党政主要负责人开展年终述法」（仅为计划，不计分）');
    expect(text).toContain('第 22 行「开展法治宣传活动9场」');
    expect(text).toMatch(/行政执法三项制度[\s\S]*?报告中未找到相关表述/);
  });

  it('shows flags with their quote, the review list and what already has full marks', () => {
    expect(text).toContain('⚠ 发布时间 2025-06-18 晚于 2025-04-01，逾期 78 日');
    expect(text).toContain('第 2 行「发布时间：2025-06-18」');
    expect(text).toContain('需人工复核 1 项：行政复议与应诉');
    expect(text).toContain('已满分 1 项：报告要素完整');
  });

  it('explains a zero score despite quotes found (no number, or several that disagree)', () => {
    const c = card();
    c.indicators.push(ind('leader-study', '会前学法与专题学法', 0, 4, 'missing', { evidence: [ev('全年开展党委会会前学法12次', 22), ev('组织专题学法2次', 22)] }));
    const t = renderCheckReport(c);
    expect(t).toMatch(/补充「会前学法与专题学法」[\s\S]*?提示：找到了相关表述，但未能据此计分/);
    // plans only: the quote is already marked as not counting, no extra hint
    const block = (title: string) => t.split('\n\n').find((b) => b.includes(`补充「${title}」`)) ?? '';
    expect(block('会前学法与专题学法')).toContain('提示：');
    expect(block('党政主要负责人述法')).not.toContain('提示：');
    expect(block('行政执法三项制度')).not.toContain('提示：');
  });

  it('suggests the preset that fits when the unit type does not match the rubric', () => {
    const c = card();
    c.adminLevel = 'department';
    c.flags.push({ code: 'unit_type_mismatch', severity: 'error', message: '这是一份部门的报告，而细则适用于乡镇/街道', evidence: [] });
    expect(renderCheckReport(c)).toContain('试试：fazhi check "reports/柳溪镇.txt" --rubric department');
    c.stamps.rubric.id = 'department';
    expect(renderCheckReport(c)).not.toContain('试试：');
  });

  it('has no ANSI codes without colour and some with it', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(renderCheckReport(card(), { color: true })).toMatch(/\u001b\[1m/);
  });

  it('says when the total is below --min-score', () => {
    expect(renderCheckReport(card(), { minScore: 60 })).toContain('未达到最低分 60（当前 21），退出码 1。');
    expect(renderCheckReport(card(), { minScore: 10 })).toContain('已达到最低分 10。');
  });

  it('praises a report with nothing missing', () => {
    const c = card();
    c.indicators = c.indicators.filter((i) => i.status === 'full');
    expect(renderCheckReport(c)).toContain('各项指标均已满分');
  });
});

describe('exit code and options', () => {
  it('is 1 only below --min-score', () => {
    expect(checkExitCode(card(), 60)).toBe(1);
    expect(checkExitCode(card(), 21)).toBe(0);
    expect(checkExitCode(card(), undefined)).toBe(0);
  });
  it('rejects a --min-score that is not a number', () => {
    expect(() => parseMinScore('八十')).toThrow(/E_BAD_OPTION|--min-score/);
    expect(parseMinScore('80')).toBe(80);
    expect(parseMinScore(undefined)).toBeUndefined();
  });
  it('colours only a TTY, and never with NO_COLOR', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
  it('shortens long quotes to one line', () => {
    expect(shorten('第一行\n第二行', 40)).toBe('第一行 第二行');
    expect(shorten('一二三四五六七八九十', 10)).toBe('一二三四…');
  });
});
