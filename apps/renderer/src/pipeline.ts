// One report file → SourceDocument → FactSet → Scorecard, with the packages' public APIs only.
import type { FactSet, LoadedRubric, Scorecard, SourceDocument } from '@fazhi/core';
import { compileExtractor, extractFacts, type Extractor } from '@fazhi/extract';
import { readDocument, viewToOriginal, type ReadOptions } from '@fazhi/reader';
import { fingerprintText, scoreFacts, type ReviewOverride, type TextFingerprint } from '@fazhi/scorer';

export interface ScoreFileOptions {
  overrides?: ReviewOverride[];
  /** Pin for byte-identical output (tests); default now. */
  generatedAt?: string;
  /** Name recorded as the card's `file` (default: the path as given). */
  displayName?: string;
  read?: ReadOptions;
  /** Also fingerprint the text for cross-report copy detection (batch). */
  fingerprint?: boolean;
}

export interface ScoredFile {
  doc: SourceDocument;
  facts: FactSet;
  card: Scorecard;
  fingerprint?: TextFingerprint;
}

const extractors = new WeakMap<LoadedRubric, Extractor>();

/** The extractor for a loaded rubric, compiled once and kept while the rubric object lives. */
export function extractorFor(loaded: LoadedRubric): Extractor {
  let x = extractors.get(loaded);
  if (!x) {
    x = compileExtractor(loaded);
    extractors.set(loaded, x);
  }
  return x;
}

export async function scoreFile(
  path: string,
  loaded: LoadedRubric,
  extractor?: Extractor,
  opts: ScoreFileOptions = {},
): Promise<ScoredFile> {
  const doc = await readDocument(path, { ...opts.read, displayName: opts.displayName ?? opts.read?.displayName });
  const facts = extractFacts(doc, extractor ?? extractorFor(loaded));
  // The report's own fingerprint also feeds the scorer's near-duplicate paragraph check.
  const fingerprint = fingerprintOf(doc);
  const card = scoreFacts(loaded, facts, { overrides: opts.overrides, generatedAt: opts.generatedAt, fingerprint });
  return { doc, facts, card, fingerprint: opts.fingerprint ? fingerprint : undefined };
}

export function fingerprintOf(doc: SourceDocument): TextFingerprint {
  return fingerprintText(doc.view, (o) => viewToOriginal(doc, o), doc.text);
}
