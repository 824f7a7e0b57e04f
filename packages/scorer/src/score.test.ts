import { describe, expect, it } from 'vitest';
import { Scorecard, type Fact } from '@fazhi/core';
import { scoreFacts, missingSummary } from './index.js';
import { ev, fact, fullFacts, nationalRubric, withFacts } from './test-helpers.js';

const loaded = nationalRubric();
const AT = '2026-01-01T00:00:00.000Z';
const score = (facts: Record<string, Fact | undefined>, l = loaded) =>
  scoreFacts(l, withFacts(fullFacts(), facts), { generatedAt: AT });
const ind = (card: Scorecard, id: string) => card.indicators.find((i) => i.id === id)!;

describe('scoreFacts — a complete report', () => {
  const card = scoreFacts(loaded, fullFacts(), { generatedAt: AT });
  it('earns every point, validates against the Scorecard schema, and stamps the card', () => {
    expect(Scorecard.parse(card)).toEqual(card);
    expect(card.total).toBe(100);
    expect(card.max).toBe(100);
    expect(card.grade).toBe('优秀');
    expect(card.review).toEqual([]);
    expect(card.missing).toEqual([]);
    expect(card.stamps.rubric).toEqual({ id: 'national', version: '1.0.0', sha256: loaded.sha256 });
    expect(card.stamps.source.sha256).toBe(fullFacts().source.sha256);
    expect(card.stamps.generatedAt).toBe(AT);
    expect(card.categories.reduce((a, c) => a + c.points, 0)).toBe(100);
  });
  it('backs every point with done evidence', () => {
    for (const i of card.indicators) {
      expect(i.evidence.length, i.id).toBeGreaterThan(0);
      expect(i.evidence.every((e) => e.modality === 'done')).toBe(true);
    }
  });
});

// Table: one fact changed → expected points / status for one indicator.
const cases: { name: string; facts: Record<string, Fact | undefined>; id: string; points: number; status: string; rule?: RegExp; value?: RegExp }[] = [
  // map on the value itself
  { name: 'status done', facts: {}, id: 'leader-shufa', points: 10, status: 'full', value: /已开展/ },
  { name: 'status planned (plan quotes never earn)', facts: { shufa: fact('status', 'planned', [ev('将组织开展年终述法', 'planned')]) }, id: 'leader-shufa', points: 0, status: 'zero', rule: /计划/ },
  { name: 'status absent → zero (whenMissing zero)', facts: { shufa: fact('status', 'absent', []) }, id: 'leader-shufa', points: 0, status: 'missing', value: /未找到/ },
  { name: 'fact missing from the FactSet', facts: { shufa: undefined }, id: 'leader-shufa', points: 0, status: 'missing', rule: /没有该事实/ },
  // map with `of`
  { name: 'coverage present → 6', facts: {}, id: 'gov-legal-adviser', points: 6, status: 'full' },
  { name: 'coverage not present → missing', facts: { legal_adviser: fact('coverage', { present: false, coverage_pct: null, units_covered: null, units_total: null }, []) }, id: 'gov-legal-adviser', points: 0, status: 'missing' },
  { name: 'publication late → 2.5', facts: { publication: fact('publication', { publishDate: '2025-04-20', deadline: '2025-04-01', daysLate: 19, status: 'late' }, [ev('2025年4月20日')]) }, id: 'timely-publication', points: 2.5, status: 'partial' },
  { name: 'publication unknown → review (whenMissing review)', facts: { publication: fact('publication', { publishDate: null, deadline: '2025-04-01', daysLate: null, status: 'unknown' }, []) }, id: 'timely-publication', points: 0, status: 'review', rule: /人工复核/ },
  { name: 'unexpected enum value → review', facts: { three_systems: fact('checklist', 'mostly', [ev('三项制度')]) }, id: 'three-systems', points: 0, status: 'review' },
  { name: 'checklist generic → 7', facts: { three_systems: fact('checklist', 'generic', [ev('落实行政执法三项制度')]) }, id: 'three-systems', points: 7, status: 'partial', value: /笼统/ },
  // bands
  { name: 'bands top', facts: { leader_meetings: fact('count', 3, [ev('专题研究法治建设3次')]) }, id: 'leader-meetings', points: 4, status: 'full', rule: /≥3/ },
  { name: 'bands middle', facts: { leader_meetings: fact('count', 2, [ev('专题研究法治建设2次')]) }, id: 'leader-meetings', points: 2, status: 'partial' },
  { name: 'bands below every band', facts: { leader_meetings: fact('count', 0, [ev('专题研究法治建设0次')]) }, id: 'leader-meetings', points: 0, status: 'zero', rule: /低于最低档/ },
  { name: 'count null → zero', facts: { leader_meetings: fact('count', null, []) }, id: 'leader-meetings', points: 0, status: 'missing' },
  { name: 'rate null, whenMissing review', facts: { appearance_rate: fact('rate', null, []) }, id: 'review-litigation', points: 0, status: 'review' },
  { name: 'ratio with `of`: 95 ≤ rate < 98', facts: { mediation: fact('ratio', { disputes: 100, resolved: 96, rate_pct: 96 }, [ev('成功率96%')]) }, id: 'mediation-success-rate', points: 7, status: 'partial' },
  { name: 'ratio without a stated rate uses the computed rate', facts: { mediation: fact('ratio', { disputes: 50, resolved: 49, rate_pct: null }, [ev('排查纠纷50件，成功调解49件')]) }, id: 'mediation-success-rate', points: 10, status: 'full', rule: /计算为 98%/ },
  { name: 'ratio with nothing → zero', facts: { mediation: fact('ratio', { disputes: null, resolved: null, rate_pct: null }, []) }, id: 'mediation-success-rate', points: 0, status: 'missing' },
  // proportional
  { name: 'proportional 100% → 6', facts: {}, id: 'village-adviser-coverage', points: 6, status: 'full' },
  { name: 'proportional 50% → 3', facts: { legal_adviser: fact('coverage', { present: true, coverage_pct: 50, units_covered: 13, units_total: 26 }, [ev('13个村配备法律顾问')]) }, id: 'village-adviser-coverage', points: 3, status: 'partial', rule: /按比例/ },
  { name: 'proportional 1/3 rounds to 2 decimals', facts: { legal_adviser: fact('coverage', { present: true, coverage_pct: 100 / 3, units_covered: 1, units_total: 3 }, [ev('1个村配备法律顾问')]) }, id: 'village-adviser-coverage', points: 2, status: 'partial' },
  { name: 'proportional with no coverage figure → review', facts: { legal_adviser: fact('coverage', { present: true, coverage_pct: null, units_covered: null, units_total: null }, [ev('聘请法律顾问')]) }, id: 'village-adviser-coverage', points: 0, status: 'review' },
  // deduct
  { name: 'deduct: one part missing', facts: { structure: fact('structure', { found: ['measures', 'shortcomings', 'next_year'], missing: ['leader_duties'] }, [ev('一、主要举措和成效')]) }, id: 'report-structure', points: 7.5, status: 'partial', rule: /缺 1 项.*第一责任人/ },
  { name: 'deduct: all parts missing', facts: { structure: fact('structure', { found: [], missing: ['measures', 'shortcomings', 'leader_duties', 'next_year'] }, []) }, id: 'report-structure', points: 0, status: 'missing' },
  // evidence invariant
  { name: 'points without any evidence → 0 + review', facts: { legality_reviews: fact('count', 52, []) }, id: 'legality-review', points: 0, status: 'review', rule: /没有可引用/ },
  { name: 'only problem evidence → 0', facts: { legality_reviews: fact('count', 3, [ev('尚未开展合法性审查3件', 'problem')]) }, id: 'legality-review', points: 0, status: 'zero' },
];

describe('scoreFacts — rule types and whenMissing (table)', () => {
  it.each(cases)('$name', ({ facts, id, points, status, rule, value }) => {
    const card = score(facts);
    const r = ind(card, id);
    expect(r.points).toBe(points);
    expect(r.status).toBe(status);
    if (rule) expect(r.rule).toMatch(rule);
    if (value) expect(r.valueText).toMatch(value);
    expect(card.review.includes(id)).toBe(status === 'review');
    if (r.points > 0) expect(r.evidence.filter((e) => e.modality === 'done').length).toBeGreaterThan(0);
    expect(r.atStake).toBe(r.max - r.points);
  });
});

describe('whenMissing: na', () => {
  const l = nationalRubric((r) => {
    r.categories[2]!.indicators.find((i) => i.id === 'village-adviser-coverage')!.whenMissing = 'na';
  });
  const card = score({ legal_adviser: fact('coverage', { present: true, coverage_pct: null, units_covered: null, units_total: null }, [ev('聘请法律顾问')]) }, l);
  it('excludes the indicator from max and totals, and grades on the scaled score', () => {
    const r = ind(card, 'village-adviser-coverage');
    expect(r.status).toBe('na');
    expect(r.atStake).toBe(0);
    expect(card.max).toBe(94);
    expect(card.total).toBe(94);
    expect(card.grade).toBe('优秀');
    expect(card.categories.find((c) => c.id === 'administration')!.max).toBe(26);
    expect(card.missing.map((m) => m.indicator)).not.toContain('village-adviser-coverage');
    expect(card.review).toEqual([]);
  });
});

describe('self-check summary', () => {
  const card = score({
    shufa: fact('status', 'absent', []),
    leader_meetings: fact('count', 1, [ev('研究法治建设1次')]),
    structure: fact('structure', { found: ['measures', 'shortcomings', 'next_year'], missing: ['leader_duties'] }, [ev('一、主要举措和成效')]),
  });
  it('sorts what is missing by points at stake, highest first', () => {
    expect(card.missing.map((m) => [m.indicator, m.atStake])).toEqual([
      ['leader-shufa', 10],
      ['report-structure', 2.5],
      ['leader-meetings', 2],
    ]);
    expect(missingSummary(card)[0]).toMatch(/^补充“党政主要负责人述法”可得 10 分：/);
    expect(card.total).toBe(100 - 10 - 2.5 - 2);
    expect(card.grade).toBe('良好');
  });
});

describe('penalties', () => {
  it('shows flags without cost unless the rubric lists them', () => {
    const late = withFacts(fullFacts(), {
      publication: fact('publication', { publishDate: '2025-06-20', deadline: '2025-04-01', daysLate: 80, status: 'very_late' }, [ev('2025年6月20日')]),
    });
    const plain = scoreFacts(loaded, late, { generatedAt: AT });
    expect(plain.flags.map((f) => f.code)).toEqual(['late_publication']);
    expect(plain.flags[0]!.penalty).toBeUndefined();
    expect(plain.total).toBe(95);
    const l = nationalRubric((r) => {
      r.penalties = [{ flag: 'late_publication', points: 3, official: false }];
    });
    const card = scoreFacts(l, late, { generatedAt: AT });
    expect(card.flags[0]!.penalty).toBe(3);
    expect(card.total).toBe(92);
  });
});

describe('deduct on a checklist', () => {
  const l = nationalRubric((r) => {
    r.categories[2]!.indicators[0]!.scoring = { type: 'deduct', per: 4, official: false };
  });
  it.each([
    ['extract detail {id: bool}', { items: { publicity: true, full_record: false, legal_review: true }, umbrella: false }, 8],
    ['list of found ids', { found: ['publicity'] }, 4],
    ['no detail: every item counts as missing', undefined, 0],
  ] as const)('%s', (_n, detail, points) => {
    const card = score({ three_systems: fact('checklist', 'partial', [ev('行政执法公示')], detail ? { detail: detail as Record<string, unknown> } : {}) }, l);
    expect(card.indicators.find((i) => i.id === 'three-systems')!.points).toBe(points);
  });
});
