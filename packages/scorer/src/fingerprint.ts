// Text fingerprints for cross-report copy detection. This is the one helper in the scorer that
// sees text, and only to hash it: the CLI calls it with the SourceDocument, and the scorer itself
// compares hashes and carries the evidence made here. scoreFacts/scoreBatch never read text.
import { copyNormalisation, endsSentenceCode, fnv1a, isSpaceCode, normaliseForCopy, shingleHashes, type Evidence } from '@fazhi/core';
import { THRESHOLDS } from './thresholds.js';

export interface FingerprintSentence {
  hash: number;
  /** Normalised characters (what sharedChars adds up). */
  chars: number;
  /** 0-based paragraph (line of the view) the sentence sits in. */
  para: number;
  evidence: Evidence;
}

export interface TextFingerprint {
  /** Sorted, distinct hashes of character shingles of the normalised text. */
  shingles: number[];
  /** Sentences long enough to compare exactly, in text order. */
  sentences: FingerprintSentence[];
}

// Punctuation, spaces and list markers carry no authorship; digits are folded so a template
// copied with new figures still matches. The normalisation and hashes live in @fazhi/core so the
// extractor's FactSet.fingerprints are the very shingles made here.
export { fnv1a, normaliseForCopy };

/**
 * Fingerprints a normalised view. `mapToOriginal(viewOffset)` gives the original-text offset of a
 * view character (reader's viewToOriginal); `text` is the original text, used only to cut the
 * verbatim quotes of the sentences so that shared passages can be shown as evidence.
 * `shingles`, when given, are the view's copy shingles already made by the extractor
 * (FactSet.fingerprints: the same function of the same view), so they are not hashed twice.
 */
export function fingerprintText(
  view: string,
  mapToOriginal: (viewOffset: number) => number,
  text: string,
  shingles?: number[],
): TextFingerprint {
  const { minSentenceChars } = THRESHOLDS.copy;
  let para = 0;
  const sentences: FingerprintSentence[] = [];
  // One normalisation of the whole view; a sentence's is a slice of it.
  const { norm, before } = copyNormalisation(view);
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
    const c = i < view.length ? view.charCodeAt(i) : -1;
    if (c !== -1 && !endsSentenceCode(c)) continue;
    const end = c !== -1 && c !== 10 ? i + 1 : i;
    const inPara = para;
    if (c === 10) para++;
    let a = s;
    let b = end;
    while (a < b && isSpaceCode(view.charCodeAt(a))) a++;
    while (b > a && isSpaceCode(view.charCodeAt(b - 1))) b--;
    s = i + 1;
    if (b <= a) continue;
    const n = norm.slice(before[a]!, before[b]!);
    if (n.length < minSentenceChars) continue;
    const start = mapToOriginal(a);
    const stop = mapToOriginal(b - 1) + 1;
    if (!(start >= 0 && stop > start && stop <= text.length)) continue;
    sentences.push({
      hash: fnv1a(n),
      chars: n.length,
      para: inPara,
      evidence: { quote: text.slice(start, stop), start, end: stop, line: lineOf(start), section: '', modality: 'done' },
    });
  }
  return { shingles: shingles ?? shingleHashes(norm), sentences };
}
