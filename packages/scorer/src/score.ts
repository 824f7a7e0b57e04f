// scoreFacts: (rubric, FactSet) → Scorecard. Pure: no I/O, no report text, no clock unless
// generatedAt is left to default.
import {
  FazhiError,
  TOOL_NAME,
  TOOL_VERSION,
  type FactSet,
  type Flag,
  type IndicatorResult,
  type IndicatorStatus,
  type Rubric,
  type Scorecard,
} from '@fazhi/core';
import { qualityFlags } from './flags.js';
import { overrideMatches, type ReviewOverride } from './overrides.js';
import { applyRule } from './rules.js';
import { roundPoints } from './thresholds.js';
import { canonicalEvidence, num, sortKeys, valueText } from './text.js';

/** The shape core's loadRubric returns (kept structural so the scorer does not need the loader). */
export interface LoadedRubricLike {
  rubric: Rubric;
  sha256: string;
  file: string;
  chain: string[];
}

export interface ScoreOptions {
  /** Review overrides; only those naming this report (file name or sha256) apply. */
  overrides?: ReviewOverride[];
  /** ISO timestamp stamped on the card; pin it for byte-identical output. */
  generatedAt?: string;
}

function statusFromPoints(points: number, max: number): IndicatorStatus {
  return points >= max ? 'full' : points > 0 ? 'partial' : 'zero';
}

export function gradeOf(rubric: Rubric, total: number, max: number): string {
  // Grades are written on the rubric's total; with 不适用 items the score is scaled to it first.
  const scaled = max > 0 ? (total / max) * rubric.total : 0;
  const grades = [...rubric.grades].sort((a, b) => b.min - a.min);
  const g = grades.find((x) => scaled + 1e-9 >= x.min) ?? grades[grades.length - 1]!;
  return g.name;
}

export function scoreFacts(loaded: LoadedRubricLike, facts: FactSet, opts: ScoreOptions = {}): Scorecard {
  const { rubric } = loaded;
  const report = { file: facts.file, sha256: facts.source.sha256 };
  const mine = (opts.overrides ?? []).filter((o) => overrideMatches(o, report));
  const indicatorIds = new Set(rubric.categories.flatMap((c) => c.indicators.map((i) => i.id)));
  for (const o of mine) {
    if (!indicatorIds.has(o.indicator)) {
      throw new FazhiError('E_OVERRIDE_UNKNOWN_INDICATOR', `细则“${rubric.id}”中没有指标“${o.indicator}”`, o.loc ?? {});
    }
  }

  const indicators: IndicatorResult[] = [];
  const categories: Scorecard['categories'] = [];
  const review: string[] = [];
  for (const cat of rubric.categories) {
    let cPoints = 0;
    let cMax = 0;
    for (const ind of cat.indicators) {
      const spec = rubric.facts[ind.fact];
      const fact = facts.facts[ind.fact];
      const out = applyRule(ind, spec, fact);
      let points = roundPoints(out.points);
      let status = out.status;
      let needsReview = out.review;
      const res: IndicatorResult = {
        id: ind.id,
        title: ind.title,
        category: cat.id,
        fact: ind.fact,
        points,
        max: ind.points,
        status,
        value: out.value === undefined ? null : sortKeys(out.value),
        valueText: valueText(spec, fact?.value, fact?.approximate),
        rule: out.rule,
        evidence: out.evidence.map(canonicalEvidence),
        remedy: ind.remedy,
        atStake: 0,
      };
      const o = mine.find((x) => x.indicator === ind.id);
      if (o) {
        if (o.points !== undefined && o.points > ind.points) {
          throw new FazhiError('E_OVERRIDE_POINTS', `指标 ${ind.id} 满分 ${ind.points} 分，复核分 ${o.points} 超过满分`, o.loc ?? {});
        }
        const original = points;
        if (o.points !== undefined) points = roundPoints(o.points);
        else if (o.status === 'full') points = ind.points;
        else if (o.status === 'zero' || o.status === 'missing' || o.status === 'na') points = 0;
        status = o.status ?? statusFromPoints(points, ind.points);
        needsReview = status === 'review';
        res.points = points;
        res.status = status;
        res.rule = `人工复核：${num(original)} 分 → ${num(points)} 分（${o.reason}；${o.reviewer}，${o.date}）。原计分规则：${out.rule}`;
        const ov: NonNullable<IndicatorResult['override']> = { reason: o.reason, reviewer: o.reviewer, date: o.date, originalPoints: original };
        if (o.points !== undefined) ov.points = o.points;
        if (o.status !== undefined) ov.status = o.status;
        res.override = ov;
      }
      if (status === 'na') res.max = ind.points; // shown with its nominal max, excluded from totals below
      res.atStake = status === 'na' ? 0 : roundPoints(ind.points - points);
      if (needsReview) review.push(ind.id);
      indicators.push(res);
      if (status !== 'na') {
        cPoints += points;
        cMax += ind.points;
      }
    }
    categories.push({ id: cat.id, title: cat.title, points: roundPoints(cPoints), max: roundPoints(cMax) });
  }

  const flags: Flag[] = qualityFlags(rubric, facts);
  let penalty = 0;
  for (const f of flags) {
    const p = rubric.penalties?.find((x) => x.flag === f.code);
    if (p) {
      f.penalty = p.points;
      penalty += p.points;
    }
  }

  const sum = indicators.filter((i) => i.status !== 'na').reduce((a, i) => a + i.points, 0);
  let max = roundPoints(indicators.filter((i) => i.status !== 'na').reduce((a, i) => a + i.max, 0));
  if (max <= 0) max = rubric.total; // everything 不适用: nothing to score, keep a positive scale
  const total = roundPoints(Math.min(max, Math.max(0, sum - penalty)));

  const missing = indicators
    .map((i, order) => ({ i, order }))
    .filter(({ i }) => i.status !== 'na' && i.atStake > 0)
    .sort((a, b) => b.i.atStake - a.i.atStake || a.order - b.order)
    .map(({ i }) => ({ indicator: i.id, title: i.title, atStake: i.atStake, remedy: i.remedy }));

  return {
    schemaVersion: 1,
    file: facts.file,
    place: facts.meta.place,
    reportYear: facts.meta.reportYear,
    adminLevel: facts.meta.adminLevel,
    total,
    max,
    grade: gradeOf(rubric, total, max),
    categories,
    indicators,
    flags,
    review,
    missing,
    stamps: {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      rubric: { id: rubric.id, version: rubric.version, sha256: loaded.sha256 },
      source: { file: facts.file, sha256: facts.source.sha256 },
      generatedAt: opts.generatedAt ?? new Date().toISOString(),
    },
  };
}
