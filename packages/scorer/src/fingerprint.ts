// Text fingerprints for cross-report copy detection. This is the one helper in the scorer that
// sees text, and only to hash it: the CLI calls it with the SourceDocument, and the scorer itself
// compares hashes and carries the evidence made here. scoreFacts/scoreBatch never read text.
import type { Evidence } from '@fazhi/core';
import { THRESHOLDS } from './thresholds.js';

export interface FingerprintSentence {
  hash: number;
  /** Normalised characters (what sharedChars adds up). */
  chars: number;
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
    sentences.push({
      hash: fnv1a(n),
      chars: n.length,
      evidence: { quote: text.slice(start, stop), start, end: stop, line: lineOf(start), section: '', modality: 'done' },
    });
  }
  const set = new Set<number>();
  for (let i = 0; i + shingle <= norm.length; i++) set.add(fnv1a(norm.slice(i, i + shingle)));
  return { shingles: [...set].sort((x, y) => x - y), sentences };
}
