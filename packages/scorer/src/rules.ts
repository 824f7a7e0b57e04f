// One indicator: fact value × scoring rule → points, status, rule text. No report text here.
import type { Evidence, Fact, FactSpec, Indicator, IndicatorStatus } from '@fazhi/core';
import { roundPoints } from './thresholds.js';
import { num, officialNote, partName, pts, str } from './text.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export interface RuleOutcome {
  points: number;
  status: IndicatorStatus;
  rule: string;
  /** The value the rule read (after `of`), or the value itself. */
  value: unknown;
  /** Evidence shown with the result. */
  evidence: Evidence[];
  /** True when the result needs a person (待复核). */
  review: boolean;
}

export function ratioKeys(spec: FactSpec | undefined): { total: string; part: string; rate: string } {
  return spec?.kind === 'ratio' && spec.keys ? spec.keys : { total: 'total', part: 'part', rate: 'rate_pct' };
}

export function getPath(value: unknown, of: string | undefined): unknown {
  if (!of) return value;
  let cur: unknown = value;
  for (const k of of.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * The value the rule reads. For a ratio whose stated rate is missing but both counts are there,
 * the computed rate stands in (and the rule text says so).
 */
function readValue(spec: FactSpec | undefined, fact: Fact, of: string | undefined): { v: unknown; note: string } {
  const v = getPath(fact.value, of);
  if (spec?.kind === 'ratio' && (v === null || v === undefined) && isObj(fact.value)) {
    const k = ratioKeys(spec);
    if (of === k.rate) {
      const t = fact.value[k.total];
      const p = fact.value[k.part];
      if (finite(t) && finite(p) && t > 0 && p >= 0 && p <= t) {
        const r = (p / t) * 100;
        return { v: r, note: `报告未写明比率，按 ${num(p)} ÷ ${num(t)} 计算为 ${num(r)}%；` };
      }
    }
  }
  return { v, note: '' };
}

/** Whether the fact counts as "not found" for this rule. */
function isMissing(spec: FactSpec | undefined, fact: Fact | undefined, v: unknown): boolean {
  if (!fact) return true;
  if (v === null || v === undefined) return true;
  if (v === 'absent' || v === 'unknown') return true;
  if (spec?.kind === 'coverage' && isObj(fact.value) && fact.value.present !== true) return true;
  if (spec?.kind === 'structure' && isObj(fact.value) && Array.isArray(fact.value.found)) {
    return (fact.value.found as string[]).filter((k) => k !== 'other').length === 0;
  }
  return false;
}

function missingItems(spec: FactSpec | undefined, fact: Fact): { count: number; names: string[] } | null {
  if (spec?.kind === 'structure' && isObj(fact.value) && Array.isArray(fact.value.missing)) {
    const m = fact.value.missing as string[];
    return { count: m.length, names: m.map(partName) };
  }
  if (spec?.kind === 'checklist') {
    const all = spec.items.map((i) => i.id);
    if (fact.value === 'all') return { count: 0, names: [] };
    // Which items were found is detector detail; without it a partial list counts as all missing.
    const d = fact.detail ?? {};
    // Accepted shapes: `items: {id: true|false}` (extract's), or a list of found ids / {id} objects.
    const foundIds = new Set<string>();
    for (const x of [d.found, d.items, d.itemsFound]) {
      if (Array.isArray(x)) for (const y of x) foundIds.add(isObj(y) ? str(y.id) : str(y));
      else if (isObj(x)) for (const [k, v] of Object.entries(x)) if (v === true) foundIds.add(k);
    }
    const miss = all.filter((id) => !foundIds.has(id));
    return { count: miss.length, names: miss.map((id) => spec.items.find((i) => i.id === id)?.title ?? id) };
  }
  return null;
}

export function applyRule(ind: Indicator, spec: FactSpec | undefined, fact: Fact | undefined): RuleOutcome {
  const sc = ind.scoring;
  const of = 'of' in sc ? sc.of : undefined;
  const evidence = fact?.evidence ?? [];
  const done = evidence.filter((e) => e.modality === 'done');
  const { v, note } = fact ? readValue(spec, fact, of) : { v: undefined, note: '' };

  if (isMissing(spec, fact, v)) {
    const what = !fact ? '抽取结果中没有该事实' : '报告中未找到';
    switch (ind.whenMissing) {
      case 'na':
        return { points: 0, status: 'na', rule: `${what}；细则规定缺失时不适用，不计入满分`, value: v ?? null, evidence, review: false };
      case 'review':
        return { points: 0, status: 'review', rule: `${what}；细则规定缺失时须人工复核（暂计 0 分）`, value: v ?? null, evidence, review: true };
      default:
        return { points: 0, status: 'missing', rule: `${what}，得 0 分`, value: v ?? null, evidence, review: false };
    }
  }
  const f = fact as Fact;

  let points = 0;
  let rule = '';
  const off = officialNote(sc.official);
  switch (sc.type) {
    case 'map': {
      const key = str(v);
      const p = sc.values[key];
      if (p === undefined) {
        return {
          points: 0,
          status: 'review',
          rule: `值“${key}”不在细则的映射中（${Object.keys(sc.values).join('/')}），须人工复核`,
          value: v,
          evidence,
          review: true,
        };
      }
      points = p;
      rule = `按映射：${key} → ${pts(p)}${off}`;
      break;
    }
    case 'bands': {
      if (!finite(v)) {
        return { points: 0, status: 'review', rule: `取值不是数字，无法按分档计分，须人工复核`, value: v, evidence, review: true };
      }
      const bands = [...sc.bands].sort((a, b) => b.min - a.min);
      const hit = bands.find((b) => v >= b.min);
      const all = bands.map((b) => `≥${num(b.min)} 得 ${num(b.points)} 分`).join('；');
      points = hit ? hit.points : 0;
      rule = hit
        ? `${note}${num(v)} 达到“≥${num(hit.min)}”档${hit.label ? `（${hit.label}）` : ''}，得 ${pts(hit.points)}（分档：${all}）${off}`
        : `${note}${num(v)} 低于最低档（分档：${all}），得 0 分${off}`;
      break;
    }
    case 'proportional': {
      if (!finite(v)) {
        return { points: 0, status: 'review', rule: `取值不是数字，无法按比例计分，须人工复核`, value: v, evidence, review: true };
      }
      const share = Math.min(1, Math.max(0, v / sc.full));
      points = roundPoints(share * ind.points);
      rule = `${note}按比例：${num(Math.max(0, Math.min(v, sc.full)))} ÷ ${num(sc.full)} × ${num(ind.points)} = ${pts(points)}${off}`;
      break;
    }
    case 'deduct': {
      const m = missingItems(spec, f);
      if (!m) {
        return { points: 0, status: 'review', rule: `该事实类型不支持逐项扣分，须人工复核`, value: v, evidence, review: true };
      }
      points = roundPoints(Math.max(0, ind.points - sc.per * m.count));
      rule =
        m.count === 0
          ? `各项齐全，不扣分，得 ${pts(points)}${off}`
          : `缺 ${m.count} 项（${m.names.join('、')}），每项扣 ${num(sc.per)} 分：${num(ind.points)} − ${num(sc.per * m.count)} = ${pts(points)}${off}`;
      break;
    }
  }
  points = Math.min(points, ind.points);

  // Only results earn points: a plan or a shortcoming never does, and every point needs a quote.
  if (points > 0 && done.length === 0) {
    if (evidence.length > 0) {
      return {
        points: 0,
        status: 'zero',
        rule: `${rule}；但原文只有计划或问题表述（将/拟/计划、未/尚未），不算成果，计 0 分`,
        value: v,
        evidence,
        review: false,
      };
    }
    return {
      points: 0,
      status: 'review',
      rule: `${rule}；但没有可引用的原文证据，暂计 0 分，须人工复核`,
      value: v,
      evidence,
      review: true,
    };
  }
  const status: IndicatorStatus = points >= ind.points ? 'full' : points > 0 ? 'partial' : 'zero';
  return { points, status, rule, value: v, evidence: points > 0 ? done : evidence, review: false };
}
