// scoreBatch: many scorecards → ranking within unit type, per-indicator statistics, copy
// detection between reports, year-on-year comparison. Pure: hashes and numbers only.
import { FlagCode as FlagCodeEnum, type BatchResult, type CopyPair, type FactSet, type Flag, type Rubric, type Scorecard, type UnitGroup, type YearComparison } from '@fazhi/core';
import { gradeOf } from './score.js';
import type { TextFingerprint } from './fingerprint.js';
import { THRESHOLDS } from './thresholds.js';

export const GROUP_TITLES: Record<UnitGroup, string> = {
  township: '乡镇/街道',
  department: '部门',
  county: '县（市、区）',
  city: '市',
  province: '省',
  unknown: '类型不明',
};
const GROUP_ORDER: UnitGroup[] = ['township', 'department', 'county', 'city', 'province', 'unknown'];

export const unitGroup = (level: Scorecard['adminLevel']): UnitGroup => level;

export interface BatchOptions {
  /** Last year's scorecards; matched to this year's by place and unit type (else by file name). */
  previous?: Scorecard[];
  /** Fingerprints made by `fingerprintText`, keyed by scorecard file; they give shared passages. */
  fingerprints?: Record<string, TextFingerprint>;
}

const r2 = (n: number): number => Math.round(n * 100 + Number.EPSILON) / 100;
const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function ranking(cards: Scorecard[]): BatchResult['reports'] {
  const rows = cards.map((c) => ({
    file: c.file,
    sha256: c.stamps.source.sha256,
    place: c.place,
    reportYear: c.reportYear,
    adminLevel: c.adminLevel,
    group: unitGroup(c.adminLevel),
    total: c.total,
    max: c.max,
    percent: r2(Math.min(100, (c.total / c.max) * 100)),
    grade: c.grade,
    rank: 1,
    rankOf: 1,
    flags: [...new Set(c.flags.map((f) => f.code))],
    review: [...c.review],
  }));
  rows.sort(
    (a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || b.percent - a.percent || cmpStr(a.file, b.file),
  );
  for (const g of GROUP_ORDER) {
    const members = rows.filter((r) => r.group === g);
    members.forEach((r, i) => {
      // Competition ranking: equal percentages share the rank of the first of them (1, 1, 3).
      const prev = members[i - 1];
      r.rank = prev && prev.percent === r.percent ? prev.rank : i + 1;
      r.rankOf = members.length;
    });
  }
  return rows;
}

function stats(cards: Scorecard[]): BatchResult['indicators'] {
  const order: string[] = [];
  const byId = new Map<string, { title: string; maxPoints: number; pts: number[]; full: number }>();
  for (const c of cards) {
    for (const i of c.indicators) {
      let s = byId.get(i.id);
      if (!s) {
        s = { title: i.title, maxPoints: i.max, pts: [], full: 0 };
        byId.set(i.id, s);
        order.push(i.id);
      }
      if (i.status === 'na') continue;
      s.pts.push(i.points);
      if (i.points >= i.max) s.full++;
    }
  }
  return order.map((id) => {
    const s = byId.get(id)!;
    const n = s.pts.length;
    return {
      id,
      title: s.title,
      maxPoints: s.maxPoints,
      count: n,
      mean: n ? r2(s.pts.reduce((a, b) => a + b, 0) / n) : null,
      median: n ? r2(median(s.pts)) : null,
      min: n ? Math.min(...s.pts) : null,
      max: n ? Math.max(...s.pts) : null,
      fullShare: n ? r2(s.full / n) : null,
    };
  });
}

function overlap(a: number[], b: number[]): number {
  // Both sorted and distinct.
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

const sortedDistinct = (xs: number[]): number[] => [...new Set(xs)].sort((x, y) => x - y);

/** Copy detection between every pair of reports (documented thresholds in THRESHOLDS.copy). */
export function detectCopies(
  files: string[],
  fps: Record<string, TextFingerprint | undefined>,
  plain: Record<string, number[] | undefined> = {},
): CopyPair[] {
  const T = THRESHOLDS.copy;
  const sorted = [...new Set(files)].sort(cmpStr);
  const out: CopyPair[] = [];
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const a = sorted[x]!;
      const b = sorted[y]!;
      const fa = fps[a];
      const fb = fps[b];
      const sa = fa ? fa.shingles : plain[a] ? sortedDistinct(plain[a]) : undefined;
      const sb = fb ? fb.shingles : plain[b] ? sortedDistinct(plain[b]) : undefined;
      if (!sa || !sb || sa.length === 0 || sb.length === 0) continue;
      const similarity = r2(overlap(sa, sb) / Math.min(sa.length, sb.length));
      const passages: CopyPair['passages'] = [];
      let sharedChars = 0;
      if (fa && fb) {
        const inB = new Map<number, (typeof fb.sentences)[number]>();
        for (const s of fb.sentences) if (!inB.has(s.hash)) inB.set(s.hash, s);
        const seen = new Set<number>();
        for (const s of fa.sentences) {
          const m = inB.get(s.hash);
          if (!m || seen.has(s.hash)) continue;
          seen.add(s.hash);
          sharedChars += s.chars;
          if (passages.length < T.maxPassages) passages.push({ a: s.evidence, b: m.evidence });
        }
      }
      if (sharedChars >= T.minSharedChars || similarity >= T.minSimilarity) {
        out.push({ a, b, similarity, sharedChars, passages });
      }
    }
  }
  return out.sort((p, q) => q.sharedChars - p.sharedChars || q.similarity - p.similarity || cmpStr(p.a, q.a) || cmpStr(p.b, q.b));
}

function compare(cards: Scorecard[], previous: Scorecard[]): YearComparison[] {
  const key = (c: Scorecard) => (c.place ? `${c.adminLevel}|${c.place}` : `file|${baseName(c.file)}`);
  const prev = new Map<string, Scorecard>();
  for (const p of previous) {
    const k = key(p);
    const had = prev.get(k);
    // Of several earlier cards for one place, the latest year is the one to compare with.
    if (!had || (p.reportYear ?? 0) > (had.reportYear ?? 0)) prev.set(k, p);
  }
  const out: YearComparison[] = [];
  for (const c of [...cards].sort((a, b) => cmpStr(a.file, b.file))) {
    const p = prev.get(key(c));
    if (!p || p === c) continue;
    const pi = new Map(p.indicators.map((i) => [i.id, i]));
    out.push({
      file: c.file,
      previousFile: p.file,
      place: c.place,
      total: c.total,
      previousTotal: p.total,
      delta: r2(c.total - p.total),
      indicators: c.indicators
        .filter((i) => pi.has(i.id))
        .map((i) => ({ id: i.id, points: i.points, previous: pi.get(i.id)!.points, delta: r2(i.points - pi.get(i.id)!.points) })),
    });
  }
  return out;
}

/**
 * Aggregates a batch. `factsets` (same files as `cards`) supply hash-only fingerprints when no
 * `opts.fingerprints` are given; then pairs carry a similarity but no passages.
 */
export function scoreBatch(cards: Scorecard[], factsets: FactSet[] = [], opts: BatchOptions = {}): BatchResult {
  const reports = ranking(cards);
  const groups = GROUP_ORDER.filter((g) => reports.some((r) => r.group === g)).map((g) => ({
    group: g,
    title: GROUP_TITLES[g],
    size: reports.filter((r) => r.group === g).length,
  }));
  const plain: Record<string, number[] | undefined> = {};
  for (const f of factsets) if (f.fingerprints) plain[f.file] = f.fingerprints;
  const copies = detectCopies(
    cards.map((c) => c.file),
    opts.fingerprints ?? {},
    plain,
  );
  return {
    schemaVersion: 1,
    reports,
    groups,
    indicators: stats(cards),
    copies,
    comparison: opts.previous ? compare(cards, opts.previous) : [],
    copyThreshold: { minSharedChars: THRESHOLDS.copy.minSharedChars, minSimilarity: THRESHOLDS.copy.minSimilarity },
  };
}

/**
 * Cards with a `copied_text` flag for every report that shares text with another in the batch
 * (evidence: this report's side of the shared passages). With the rubric, a listed
 * `copied_text` penalty is taken off the total and the grade re-read. Returns new cards.
 */
export function addCopyFlags(cards: Scorecard[], copies: CopyPair[], rubric?: Rubric): Scorecard[] {
  const order = FlagCodeEnum.options as readonly string[];
  return cards.map((card) => {
    const mine = copies.filter((p) => p.a === card.file || p.b === card.file);
    if (mine.length === 0 || card.flags.some((f) => f.code === 'copied_text')) return card;
    const others = mine.map((p) => {
      const other = p.a === card.file ? p.b : p.a;
      return `${baseName(other)}（${p.sharedChars ? `相同语句 ${p.sharedChars} 字，` : ''}相似度 ${Math.round(p.similarity * 100)}%）`;
    });
    const evidence = mine.flatMap((p) => p.passages.map((x) => (p.a === card.file ? x.a : x.b)));
    const flag: Flag = {
      code: 'copied_text',
      severity: 'warn',
      message: `与本批次其他报告有大段相同文字，可能套用了模板：${others.join('；')}`,
      evidence,
    };
    const next: Scorecard = structuredClone(card);
    const pen = rubric?.penalties?.find((p) => p.flag === 'copied_text');
    if (pen && rubric) {
      flag.penalty = pen.points;
      next.total = Math.max(0, Math.round((next.total - pen.points) * 100) / 100);
      next.grade = gradeOf(rubric, next.total, next.max);
    }
    next.flags = [...next.flags, flag].sort((x, y) => order.indexOf(x.code) - order.indexOf(y.code));
    return next;
  });
}
