import { endsSentenceCode, fnv1a, isSpaceCode, type Evidence, type Signals } from '@fazhi/core';
import type { DocContext } from './context.js';

const COUNT_UNITS = new Set(['人次', '件次', '场次', '批次', '户次', '件', '次', '场', '个', '份', '项', '名', '人', '起', '宗', '家', '条', '期', '批', '户', '村', '篇', '本', '册', '所', '处', '支', '万元', '亿元', '元']);

/**
 * Near-duplicate paragraphs inside one report (copy-paste, possibly with light edits). Sentences
 * are compared by the containment of their character 4-grams (normalised: no spaces, punctuation
 * or symbols; digits folded). Two paragraphs repeat each other when they share
 * - one sentence pair of ≥ `strongChars` characters contained ≥ `strongContainment`, both
 *   paragraphs having ≥ `minParaChars` characters (evidence: the two paragraphs); or
 * - one identical sentence of ≥ `weakChars` characters, or `minPairs` sentence pairs of
 *   ≥ `weakChars` characters contained ≥ `weakContainment` (evidence: the sentence pairs).
 */
export const DUPLICATE = {
  gram: 4,
  strongChars: 20,
  strongContainment: 0.6,
  minParaChars: 60,
  weakChars: 30,
  weakContainment: 0.5,
  minPairs: 2,
  /** At most this many pairs are reported. */
  maxPairs: 20,
  /** A gram in more sentences than this does not nominate candidates (it still counts in the check). */
  commonGram: 24,
  /** Sentences compared at most (a pathological text must stay linear). */
  maxSentences: 2000,
} as const;

interface DupSentence {
  para: number;
  start: number;
  end: number;
  chars: number;
  hash: number;
  /** The normalised sentence (its 4-grams go into the GramIndex). */
  key: string;
}

/**
 * The distinct 4-grams of every sentence in typed arrays: gram → sentences containing it (open
 * addressing, linked postings) and sentence → its grams' table slots. The duplicate check looks
 * up every gram of every sentence; Maps of arrays and a sorted array per sentence cost more than
 * the rest of the check together.
 */
class GramIndex {
  /** Entries of sentence i are first[i] … first[i+1]-1 (one per distinct gram). */
  readonly first: Int32Array;
  /** Table slot of each entry's gram. */
  readonly slotOf: Int32Array;
  /** Per slot: the gram (-1: empty), its most recent entry, how many sentences have it. */
  private readonly key: Int32Array;
  readonly head: Int32Array;
  readonly count: Int32Array;
  /** Per entry: its sentence and the previous entry of the same gram (-1: none). */
  readonly sent: Int32Array;
  readonly next: Int32Array;

  constructor(keys: readonly string[]) {
    const g = DUPLICATE.gram;
    let total = 0;
    for (const k of keys) total += Math.max(0, k.length - g + 1);
    let size = 16;
    while (size < total * 2) size *= 2;
    const mask = size - 1;
    this.key = new Int32Array(size).fill(-1);
    this.head = new Int32Array(size).fill(-1);
    this.count = new Int32Array(size);
    this.first = new Int32Array(keys.length + 1);
    this.slotOf = new Int32Array(total);
    this.sent = new Int32Array(total);
    this.next = new Int32Array(total);
    let e = 0;
    for (let i = 0; i < keys.length; i++) {
      this.first[i] = e;
      const k = keys[i]!;
      for (let j = 0; j + g <= k.length; j++) {
        let h = k.charCodeAt(j);
        h = Math.imul(h, 0x01000193) ^ k.charCodeAt(j + 1);
        h = Math.imul(h, 0x01000193) ^ k.charCodeAt(j + 2);
        h = Math.imul(h, 0x01000193) ^ k.charCodeAt(j + 3);
        h &= 0x3fffffff;
        let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
        while (this.key[slot] !== -1 && this.key[slot] !== h) slot = (slot + 1) & mask;
        // A gram repeated inside the sentence is counted once (entries of one sentence are contiguous).
        const last = this.head[slot]!;
        if (last !== -1 && this.sent[last] === i) continue;
        this.key[slot] = h;
        this.slotOf[e] = slot;
        this.sent[e] = i;
        this.next[e] = last;
        this.head[slot] = e;
        this.count[slot]!++;
        e++;
      }
    }
    this.first[keys.length] = e;
  }

  /** Distinct grams of sentence i. */
  size(i: number): number {
    return this.first[i + 1]! - this.first[i]!;
  }
}

/** See DUPLICATE. Pairs in text order of their first sentences. */
function duplicateParagraphs(ctx: DocContext): Signals['duplicateParagraphs'] {
  const v = ctx.view;
  const D = DUPLICATE;
  const sents: DupSentence[] = [];
  const paraStarts: number[] = [0];
  const paraChars: number[] = [0];
  const { norm, before } = ctx.copyNorm();
  let s = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : -1;
    if (c !== -1 && !endsSentenceCode(c)) continue;
    const para = paraStarts.length - 1;
    const key = norm.slice(before[s]!, before[i]!);
    const start = s;
    s = i + 1;
    if (c === 10) {
      paraStarts.push(i + 1);
      paraChars.push(0);
    }
    paraChars[para]! += key.length;
    if (key.length < D.strongChars || sents.length >= D.maxSentences) continue;
    // The quoted sentence: its end mark included, surrounding spaces trimmed.
    let a = start;
    let b = c !== -1 && c !== 10 ? i + 1 : i;
    while (a < b && isSpaceCode(v.charCodeAt(a))) a++;
    while (b > a && isSpaceCode(v.charCodeAt(b - 1))) b--;
    sents.push({ para, start: a, end: b, chars: key.length, hash: fnv1a(key), key });
  }
  const paraEnd = (p: number) => (p + 1 < paraStarts.length ? paraStarts[p + 1]! - 1 : v.length);
  const index = new GramIndex(sents.map((x) => x.key));
  // An identical sentence is also nominated by its hash, chained to its next occurrence only
  // (linear even when every sentence is the same; such grams are too common to nominate).
  const nextSame = new Int32Array(sents.length).fill(-1);
  const lastOf = new Map<number, number>();
  for (let i = sents.length - 1; i >= 0; i--) {
    const h = sents[i]!.hash;
    const j = lastOf.get(h);
    if (j !== undefined) nextSame[i] = j;
    lastOf.set(h, i);
  }
  type Pair = { x: DupSentence; y: DupSentence };
  const byParas = new Map<number, { strong: boolean; identical: boolean; weak: Pair[] }>();
  const rare = new Int32Array(sents.length);
  // stamp[slot] === xi + 1: the gram is one of sentence xi's (exact shared counts, no sorting)
  const stamp = new Int32Array(index.head.length);
  const touched: number[] = [];
  for (let xi = 0; xi < sents.length; xi++) {
    const x = sents[xi]!;
    const xFirst = index.first[xi]!;
    const xEnd = index.first[xi + 1]!;
    for (let k = xFirst; k < xEnd; k++) {
      const slot = index.slotOf[k]!;
      stamp[slot] = xi + 1;
      if (index.count[slot]! > D.commonGram) continue;
      for (let e = index.head[slot]!; e !== -1; e = index.next[e]!) {
        const yi = index.sent[e]!;
        if (yi <= xi) break; // postings run from the last sentence back
        if (rare[yi]!++ === 0) touched.push(yi);
      }
    }
    const same = nextSame[xi]!;
    if (same >= 0) {
      if (rare[same] === 0) touched.push(same);
      rare[same] = xEnd - xFirst; // identical: every gram shared
    }
    if (touched.length > 1) touched.sort((p, q) => p - q);
    for (const yi of touched) {
      const y = sents[yi]!;
      const nominated = rare[yi]!;
      rare[yi] = 0;
      if (x.para === y.para) continue;
      const min = Math.min(xEnd - xFirst, index.size(yi));
      // Too few shared rare grams to reach the lower threshold: not worth the exact count.
      if (nominated < 0.3 * min) continue;
      let shared = 0;
      for (let k = index.first[yi]!; k < index.first[yi + 1]!; k++) if (stamp[index.slotOf[k]!] === xi + 1) shared++;
      const c = shared / min;
      const longParas = paraChars[x.para]! >= D.minParaChars && paraChars[y.para]! >= D.minParaChars;
      const strong = c >= D.strongContainment && longParas;
      const identical = x.hash === y.hash && x.chars >= D.weakChars;
      const weak = c >= D.weakContainment && Math.min(x.chars, y.chars) >= D.weakChars;
      if (!strong && !identical && !weak) continue;
      const key = x.para * paraStarts.length + y.para;
      const e = byParas.get(key) ?? { strong: false, identical: false, weak: [] };
      e.strong ||= strong;
      e.identical ||= identical;
      if (weak || identical) e.weak.push({ x, y });
      byParas.set(key, e);
    }
    touched.length = 0;
  }
  const out: Signals['duplicateParagraphs'] = [];
  for (const [key, e] of byParas) {
    if (out.length >= D.maxPairs) break;
    const pa = Math.floor(key / paraStarts.length);
    const pb = key % paraStarts.length;
    if (e.strong) {
      const first = ctx.evidence(paraStarts[pa]!, paraEnd(pa), 'done');
      const second = ctx.evidence(paraStarts[pb]!, paraEnd(pb), 'done');
      if (first && second) out.push({ first, second });
    } else if (e.identical || e.weak.length >= D.minPairs) {
      for (const { x, y } of e.weak) {
        const first = ctx.evidence(x.start, x.end, 'done');
        const second = ctx.evidence(y.start, y.end, 'done');
        if (first && second && out.length < D.maxPairs) out.push({ first, second });
      }
    }
  }
  return out;
}

/** Within-report quality signals: duplicated paragraphs, specificity, stock phrases, years. */
export function computeSignals(ctx: DocContext, stockPhrases: readonly string[]): Signals {
  const v = ctx.view;
  // Quantified statements: numbers with a count unit or a percentage (years and dates excluded).
  const toks = ctx.allNumbers().filter((t) => t.percent || (t.unit !== null && COUNT_UNITS.has(t.unit)));
  const chars = v.replace(/\s/g, '').length;
  const quantifiedPer1000 = chars ? Math.round((toks.length / chars) * 1000 * 100) / 100 : 0;
  // Stock phrases: share of sentences whose main content is a 套话.
  const sentences = v.split(/[。！？!?；;\n]/).filter((s) => s.trim().length >= 6);
  const stockExamples: Evidence[] = [];
  let stockSentences = 0;
  for (const s of sentences) {
    if (stockPhrases.some((p) => s.includes(p)) && !/\d/.test(s)) stockSentences++;
  }
  for (const p of stockPhrases) {
    const i = v.indexOf(p);
    if (i >= 0 && stockExamples.length < 5) {
      const e = ctx.evidence(i, i + p.length, 'done');
      if (e) stockExamples.push(e);
    }
  }
  const stockPhraseShare = sentences.length ? Math.round((stockSentences / sentences.length) * 1000) / 1000 : 0;
  // Years: title, body, plan sections, signing date.
  const yearRe = /(?<!\d)(20\d{2})\s*年/g;
  const body = new Set<number>();
  const plans = new Set<number>();
  const mismatches: Evidence[] = [];
  const reportYear = ctx.reportYear;
  let m: RegExpExecArray | null;
  while ((m = yearRe.exec(v))) {
    const y = Number(m[1]);
    // Ranges (2021—2025年) and cited titles name plan horizons, not the year reported on.
    if (/[—\-–~至到]\s*$/.test(v.slice(Math.max(0, m.index - 2), m.index)) || ctx.inTitle(m.index)) continue;
    const kinds = ctx.kindsAt(m.index);
    if (kinds.includes('next_year')) plans.add(y);
    else body.add(y);
    if (reportYear && !kinds.includes('next_year') && y > reportYear + 1 && mismatches.length < 5) {
      const e = ctx.evidence(m.index, m.index + m[0].length, 'done');
      if (e) mismatches.push(e);
    }
    if (reportYear && kinds.includes('next_year') && y === reportYear && mismatches.length < 5) {
      // A plan section naming the report year itself suggests a copied old report.
      const e = ctx.evidence(m.index, m.index + m[0].length, 'planned');
      if (e) mismatches.push(e);
    }
  }
  const titleM = /(20\d{2})\s*年/.exec(v.slice(0, 200));
  const signM = /(20\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.exec(v.trimEnd().slice(-40));
  return {
    chars,
    duplicateParagraphs: duplicateParagraphs(ctx),
    quantifiedPer1000,
    quantifiedCount: toks.length,
    stockPhraseShare,
    stockPhraseExamples: stockExamples,
    years: {
      title: titleM ? Number(titleM[1]) : null,
      body: [...body].sort(),
      plans: [...plans].sort(),
      signing: signM ? Number(signM[1]) : null,
      mismatches,
    },
    artefacts: [...readerWarnings(ctx), ...(ctx.ev.dropped ? [{ code: 'evidence_dropped', count: ctx.ev.dropped }] : [])],
  };
}

/** The reader's warnings (web chrome, Word artefacts, doubtful encoding…), counted by code. */
function readerWarnings(ctx: DocContext): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const w of ctx.doc.warnings ?? []) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count }));
}
