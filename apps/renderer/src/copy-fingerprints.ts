// Text fingerprints as a batch keeps them: typed arrays of hashes and offsets, a few KB per report
// (the scorer's TextFingerprint carries every sentence's quote, evidence object and short-gram
// list: tens of KB of boxed numbers and strings). The evidence of the few passages that copy
// detection keeps is recovered afterwards by fingerprinting those reports again: the same
// function of the same text gives the same sentences, so each passage gets the evidence the
// fingerprint made where the sentence was cut, never a quote searched for again.
import type { CopyPair, Evidence, SourceDocument } from '@fazhi/core';
import type { FingerprintSentence, TextFingerprint } from '@fazhi/scorer';
import { fingerprintOf } from './pipeline.js';

/** Per report: its sorted distinct shingle hashes, and per sentence [hash, chars, start, end]. */
export interface CompactFingerprint {
  shingles: Uint32Array;
  sentences: Uint32Array;
}

const STRIDE = 4;

export function compactFingerprint(fp: TextFingerprint): CompactFingerprint {
  const sentences = new Uint32Array(fp.sentences.length * STRIDE);
  fp.sentences.forEach((s, k) => {
    sentences[k * STRIDE] = s.hash;
    sentences[k * STRIDE + 1] = s.chars;
    sentences[k * STRIDE + 2] = s.evidence.start;
    sentences[k * STRIDE + 3] = s.evidence.end;
  });
  return { shingles: Uint32Array.from(fp.shingles), sentences };
}

/** Evidence whose quote and line are not known yet (see fillCopyEvidence). */
function pendingEvidence(start: number, end: number): Evidence {
  return { quote: '', start, end, line: 0, section: '', modality: 'done' };
}

/**
 * A sentence as scoreBatch's copy detection reads it (hash, chars, evidence), made from the typed
 * arrays; its evidence object is made only for the sentences a pair actually shares.
 */
class CompactSentence {
  readonly hash: number;
  readonly chars: number;
  constructor(
    private readonly buf: Uint32Array,
    private readonly k: number,
  ) {
    this.hash = buf[k * STRIDE]!;
    this.chars = buf[k * STRIDE + 1]!;
  }
  get evidence(): Evidence {
    return pendingEvidence(this.buf[this.k * STRIDE + 2]!, this.buf[this.k * STRIDE + 3]!);
  }
}

/**
 * The view of a compact fingerprint that scoreBatch({ fingerprints }) reads today: `shingles`
 * iterated and counted (a Uint32Array does both), `sentences[].hash/chars/evidence`. Short-gram
 * lists and paragraphs (the near-duplicate check inside one report) are not carried: that check
 * ran when the report was scored.
 */
export function scorerFingerprint(c: CompactFingerprint): TextFingerprint {
  const n = c.sentences.length / STRIDE;
  const sentences: CompactSentence[] = new Array(n);
  for (let k = 0; k < n; k++) sentences[k] = new CompactSentence(c.sentences, k);
  return { shingles: c.shingles as unknown as number[], sentences: sentences as unknown as FingerprintSentence[] };
}

/** The files whose side of some copy pair still has pending evidence. */
export function filesWithPendingEvidence(copies: CopyPair[]): Set<string> {
  const out = new Set<string>();
  for (const p of copies)
    for (const x of p.passages) {
      if (x.a.quote === '') out.add(p.a);
      if (x.b.quote === '') out.add(p.b);
    }
  return out;
}

/**
 * Fills in this report's side of the copy pairs from its own fingerprint, made again from `doc`.
 * Returns how many passages could not be matched (the file changed since it was scored).
 */
export function fillCopyEvidence(copies: CopyPair[], file: string, doc: SourceDocument): number {
  let byStart: Map<number, Evidence> | undefined;
  let missed = 0;
  const fill = (e: Evidence): Evidence => {
    if (e.quote !== '') return e;
    byStart ??= new Map(fingerprintOf(doc).sentences.map((s) => [s.evidence.start, s.evidence]));
    const real = byStart.get(e.start);
    if (real && real.end === e.end) return real;
    missed++;
    return e;
  };
  for (const p of copies) {
    if (p.a !== file && p.b !== file) continue;
    for (const x of p.passages) {
      if (p.a === file) x.a = fill(x.a);
      if (p.b === file) x.b = fill(x.b);
    }
  }
  return missed;
}
