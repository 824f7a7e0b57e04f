// Text fingerprints for cross-report copy detection. This is the one helper in the scorer that
// sees text, and only to hash it: the CLI calls it with the SourceDocument, and the scorer itself
// compares hashes and carries the evidence made here. scoreFacts/scoreBatch never read text.
import type { Evidence } from '@fazhi/core';
import { THRESHOLDS } from './thresholds.js';

export interface FingerprintSentence {
  hash: number;
  /** Normalised characters (what sharedChars adds up). */
  chars: number;
  /** 0-based paragraph (line of the view) the sentence sits in. */
  para: number;
  /** Sorted distinct hashes of its short shingles (THRESHOLDS.duplicate.gram), for near-duplicates. */
  grams: number[];
  evidence: Evidence;
}

export interface TextFingerprint {
  /** Sorted, distinct hashes of character shingles of the normalised text. */
  shingles: number[];
  /** Sentences long enough to compare exactly, in text order. */
  sentences: FingerprintSentence[];
}

/** FNV-1a, 32 bit: stable across runs and platforms. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Punctuation, spaces and list markers carry no authorship; digits are folded so a template
// copied with new figures still matches.
const STRIP = /[\s\p{P}\p{S}]/gu;
export const normaliseForCopy = (s: string): string => s.replace(STRIP, '').replace(/[0-9０-９]/g, '0');

const SENTENCE_END = /[。！？；!?;\n]/;

/**
 * Fingerprints a normalised view. `mapToOriginal(viewOffset)` gives the original-text offset of a
 * view character (reader's viewToOriginal); `text` is the original text, used only to cut the
 * verbatim quotes of the sentences so that shared passages can be shown as evidence.
 */
export function fingerprintText(view: string, mapToOriginal: (viewOffset: number) => number, text: string): TextFingerprint {
  const { minSentenceChars, shingle } = THRESHOLDS.copy;
  const { gram } = THRESHOLDS.duplicate;
  let para = 0;
  const sentences: FingerprintSentence[] = [];
  let norm = '';
  let s = 0;
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (off: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  for (let i = 0; i <= view.length; i++) {
    if (i < view.length && !SENTENCE_END.test(view[i]!)) continue;
    const end = i < view.length && view[i] !== '\n' ? i + 1 : i;
    const inPara = para;
    if (i < view.length && view[i] === '\n') para++;
    let a = s;
    let b = end;
    while (a < b && /\s/.test(view[a]!)) a++;
    while (b > a && /\s/.test(view[b - 1]!)) b--;
    s = i + 1;
    if (b <= a) continue;
    const n = normaliseForCopy(view.slice(a, b));
    norm += n;
    if (n.length < minSentenceChars) continue;
    const start = mapToOriginal(a);
    const stop = mapToOriginal(b - 1) + 1;
    if (!(start >= 0 && stop > start && stop <= text.length)) continue;
    const g = new Set<number>();
    for (let k = 0; k + gram <= n.length; k++) g.add(fnv1a(n.slice(k, k + gram)));
    sentences.push({
      hash: fnv1a(n),
      chars: n.length,
      para: inPara,
      grams: [...g].sort((x, y) => x - y),
      evidence: { quote: text.slice(start, stop), start, end: stop, line: lineOf(start), section: '', modality: 'done' },
    });
  }
  const set = new Set<number>();
  for (let i = 0; i + shingle <= norm.length; i++) set.add(fnv1a(norm.slice(i, i + shingle)));
  return { shingles: [...set].sort((x, y) => x - y), sentences };
}

function overlap(a: number[], b: number[]): number {
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

/**
 * Paragraphs of one report that repeat each other (copy-paste, possibly lightly edited), from its
 * fingerprint alone. Returns the near-identical sentence pairs, earlier sentence first.
 */
export function nearDuplicateSentences(fp: TextFingerprint): { first: Evidence; second: Evidence }[] {
  const T = THRESHOLDS.duplicate;
  const long = fp.sentences.filter((s) => s.chars >= T.minSentenceChars && s.grams?.length);
  const byParas = new Map<string, { pairs: { first: Evidence; second: Evidence }[]; identical: boolean }>();
  for (let x = 0; x < long.length; x++) {
    for (let y = x + 1; y < long.length; y++) {
      const a = long[x]!;
      const b = long[y]!;
      if (a.para === b.para) continue;
      const c = overlap(a.grams, b.grams) / Math.min(a.grams.length, b.grams.length);
      if (c < T.minContainment) continue;
      const key = `${a.para}:${b.para}`;
      const e = byParas.get(key) ?? { pairs: [], identical: false };
      e.pairs.push({ first: a.evidence, second: b.evidence });
      e.identical ||= a.hash === b.hash;
      byParas.set(key, e);
    }
  }
  return [...byParas.values()].filter((e) => e.identical || e.pairs.length >= T.minPairs).flatMap((e) => e.pairs);
}
