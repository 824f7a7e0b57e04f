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
  /** Fingerprints made by `fingerprintText` (or compact copies), keyed by scorecard file; they give shared passages. */
  fingerprints?: Record<string, CopyFingerprint>;
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

/**
 * Shingles (and sentences) found in more than this many reports are boilerplate (习近平法治思想,
 * headings, stock phrases every unit writes) and say nothing about copying between two units:
 * max(THRESHOLDS.copy.boilerplateMinReports, boilerplateShare × batch size).
 */
export const boilerplateLimit = (reports: number): number =>
  Math.max(THRESHOLDS.copy.boilerplateMinReports, Math.floor(THRESHOLDS.copy.boilerplateShare * reports));

/** What copy detection reads of a report's fingerprint (fingerprintText's, or a compact copy of it). */
export interface CopyFingerprint {
  /** Distinct copy-shingle hashes (any order; a number[] or a Uint32Array). */
  shingles: ArrayLike<number>;
  sentences: ReadonlyArray<Pick<TextFingerprint['sentences'][number], 'hash' | 'chars' | 'evidence'>>;
}

/**
 * The hashes shared by 2 … `limit` reports, as groups of reports (CSR: the reports of group g are
 * docs[start[g] … start[g+1]-1], ascending) and, per report, the groups it is in. One sort of all
 * (hash, report) entries packed in a Float64Array: no Map entry per distinct hash, so a national
 * batch (tens of thousands of reports × hundreds of hashes) stays within memory.
 */
function sharedGroups(lists: (ArrayLike<number> | undefined)[], limit: number) {
  const n = lists.length;
  let total = 0;
  for (const l of lists) if (l) total += l.length;
  const keys = new Float64Array(total);
  const R = 2 ** 20; // reports per batch stay below this (a hash × R + report is an exact double)
  if (n >= R) throw new RangeError(`copy detection handles at most ${R - 1} reports per batch`);
  let k = 0;
  lists.forEach((l, i) => {
    if (l) for (let j = 0; j < l.length; j++) keys[k++] = (l[j]! >>> 0) * R + i;
  });
  keys.sort();
  // Two passes over the sorted keys: count the kept groups and entries, then fill typed arrays of
  // exactly that size (plain arrays of millions of numbers would double as they grow).
  const perDoc = new Int32Array(n + 1);
  let nGroups = 0;
  let nEntries = 0;
  const scan = (emit: ((h: number, run: number[]) => void) | null): void => {
    const run: number[] = [];
    for (let i = 0; i < total; ) {
      const h = Math.floor(keys[i]! / R);
      let j = i;
      run.length = 0;
      while (j < total && Math.floor(keys[j]! / R) === h) {
        const d = keys[j]! - h * R;
        if (run[run.length - 1] !== d) run.push(d); // a hash listed twice by one report counts once
        j++;
      }
      if (run.length >= 2 && run.length <= limit) {
        if (emit) emit(h, run);
        else {
          nGroups++;
          nEntries += run.length;
          for (const d of run) perDoc[d]!++;
        }
      }
      i = j;
    }
  };
  scan(null);
  const start = new Int32Array(nGroups + 1);
  const docs = new Int32Array(nEntries);
  const hashes = new Float64Array(nGroups);
  let g = 0;
  let e = 0;
  scan((h, run) => {
    hashes[g] = h;
    for (const d of run) docs[e++] = d;
    start[++g] = e;
  });
  // report → its groups (CSR), groups ascending
  const first = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) first[d + 1] = first[d]! + perDoc[d]!;
  const fill = first.slice(0, n);
  const groupsOf = new Int32Array(docs.length);
  for (let k = 0; k < nGroups; k++) for (let x = start[k]!; x < start[k + 1]!; x++) groupsOf[fill[docs[x]!]!++] = k;
  return { start, docs, hashes, first, groupsOf };
}

/**
 * Copy detection between reports (documented thresholds in THRESHOLDS.copy). Reports sharing a
 * rare shingle (in 2 … boilerplateLimit reports) are candidate pairs; boilerplate shingles and
 * sentences are ignored. Pairs are counted one report at a time in a typed array (never a Map
 * entry per pair: a batch of 10,000 similar reports has tens of millions of candidate pairs), and
 * a pair's shared sentences are compared only when it can pass: it shares a rare sentence or its
 * shingle similarity reaches the threshold. Each pair keeps its longest `maxPassages` passages
 * (`morePassages` counts the rest); a pair is kept only when it is among the top
 * `maxPairsPerReport` of at least one of its two reports.
 */
export function detectCopies(
  files: string[],
  fps: Record<string, CopyFingerprint | undefined>,
  plain: Record<string, ArrayLike<number> | undefined> = {},
): CopyPair[] {
  const T = THRESHOLDS.copy;
  const sorted = [...new Set(files)].sort(cmpStr);
  const n = sorted.length;
  const limit = boilerplateLimit(n);
  const sets = sorted.map((f) => {
    const s = fps[f]?.shingles ?? plain[f];
    return s && s.length ? s : undefined;
  });
  const size = sets.map((s) => (s ? new Set(Array.from(s)).size : 0));
  const shingles = sharedGroups(sets, limit);
  const sentLists = sorted.map((f) => fps[f]?.sentences.map((x) => x.hash));
  const sentences = sharedGroups(sentLists, limit);
  const rareSentences = new Set(sentences.hashes);
  const counts = new Int32Array(n);
  // characters of the rare sentences (in 2 … limit reports) report x shares with each report y
  const sentChars = new Float64Array(n);
  const touched: number[] = [];
  const out: CopyPair[] = [];
  for (let x = 0; x < n; x++) {
    for (let e = shingles.first[x]!; e < shingles.first[x + 1]!; e++) {
      const g = shingles.groupsOf[e]!;
      for (let k = shingles.start[g]!; k < shingles.start[g + 1]!; k++) {
        const y = shingles.docs[k]!;
        if (y > x && counts[y]!++ === 0) touched.push(y);
      }
    }
    if (!touched.length) continue;
    const a = sorted[x]!;
    const fa = fps[a];
    if (fa && sentences.first[x + 1]! > sentences.first[x]!) {
      const charsOf = new Map<number, number>();
      for (const t of fa.sentences) charsOf.set(t.hash, t.chars);
      for (let e = sentences.first[x]!; e < sentences.first[x + 1]!; e++) {
        const g = sentences.groupsOf[e]!;
        const c = charsOf.get(sentences.hashes[g]!) ?? 0;
        for (let k = sentences.start[g]!; k < sentences.start[g + 1]!; k++) sentChars[sentences.docs[k]!]! += c;
      }
    }
    // (any order: pairs are put in a total order below)
    for (const y of touched) {
      const shared = counts[y]!;
      counts[y] = 0;
      const similarity = r2(shared / Math.min(size[x]!, size[y]!));
      const b = sorted[y]!;
      const fb = fps[b];
      const sharedChars = fa && fb ? sentChars[y]! : 0;
      if (sharedChars < T.minSharedChars && similarity < T.minSimilarity) continue;
      // The pair is reported: its passages are the rare sentences both have, in a's order.
      const found: { chars: number; a: CopyPair['passages'][number]['a']; b: CopyPair['passages'][number]['b'] }[] = [];
      if (fa && fb && sharedChars > 0) {
        const inB = new Map<number, CopyFingerprint['sentences'][number]>();
        for (const t of fb.sentences) if (!inB.has(t.hash)) inB.set(t.hash, t);
        const seen = new Set<number>();
        for (const t of fa.sentences) {
          const m = inB.get(t.hash);
          if (!m || seen.has(t.hash) || !rareSentences.has(t.hash)) continue;
          seen.add(t.hash);
          found.push({ chars: t.chars, a: t.evidence, b: m.evidence });
        }
      }
      // Longest first; ties keep text order (stable sort).
      const kept = [...found].sort((p, q) => q.chars - p.chars).slice(0, T.maxPassages);
      const pair: CopyPair = { a, b, similarity, sharedChars, passages: kept.map((p) => ({ a: p.a, b: p.b })) };
      if (found.length > kept.length) pair.morePassages = found.length - kept.length;
      out.push(pair);
    }
    for (let e = sentences.first[x]!; e < sentences.first[x + 1]!; e++) {
      const g = sentences.groupsOf[e]!;
      for (let k = sentences.start[g]!; k < sentences.start[g + 1]!; k++) sentChars[sentences.docs[k]!] = 0;
    }
    touched.length = 0;
  }
  const order = (p: CopyPair, q: CopyPair): number =>
    q.similarity - p.similarity || q.sharedChars - p.sharedChars || cmpStr(p.a, q.a) || cmpStr(p.b, q.b);
  const byReport = new Map<string, CopyPair[]>();
  for (const p of out) for (const f of [p.a, p.b]) (byReport.get(f) ?? byReport.set(f, []).get(f)!).push(p);
  const keep = new Set<CopyPair>();
  for (const l of byReport.values()) for (const p of l.sort(order).slice(0, T.maxPairsPerReport)) keep.add(p);
  return out
    .filter((p) => keep.has(p))
    .sort((p, q) => q.sharedChars - p.sharedChars || q.similarity - p.similarity || cmpStr(p.a, q.a) || cmpStr(p.b, q.b));
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
  const plain: Record<string, ArrayLike<number> | undefined> = {};
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
    // The top maxPairsPerReport by shared share are named; the rest are counted.
    const top = [...mine]
      .sort((p, q) => q.similarity - p.similarity || q.sharedChars - p.sharedChars || cmpStr(p.a, q.a) || cmpStr(p.b, q.b))
      .slice(0, THRESHOLDS.copy.maxPairsPerReport);
    const others = top.map((p) => {
      const other = p.a === card.file ? p.b : p.a;
      return `${baseName(other)}（${p.sharedChars ? `相同语句 ${p.sharedChars} 字，` : ''}相似度 ${Math.round(p.similarity * 100)}%）`;
    });
    if (mine.length > top.length) others.push(`另有 ${mine.length - top.length} 份`);
    const evidence = top.flatMap((p) => p.passages.map((x) => (p.a === card.file ? x.a : x.b)));
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
