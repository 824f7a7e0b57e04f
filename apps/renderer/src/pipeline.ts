// One report file → SourceDocument → FactSet → Scorecard, with the packages' public APIs only.
import type { FactSet, LoadedRubric, Scorecard, SourceDocument } from '@fazhi/core';
import { compileExtractor, extractFacts, type Extractor } from '@fazhi/extract';
import { readDocument, viewToOriginal, type ReadOptions } from '@fazhi/reader';
import type { RubricSelector } from './rubric-auto.js';
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

// keyed by the rubric's sha256: a batch under `--rubric auto` uses a few rubrics, each compiled once
const extractors = new Map<string, Extractor>();

/** The extractor for a loaded rubric, compiled once per rubric content (sha256). */
export function extractorFor(loaded: LoadedRubric): Extractor {
  let x = extractors.get(loaded.sha256);
  if (!x) {
    x = compileExtractor(loaded);
    extractors.set(loaded.sha256, x);
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
  return scoreDocument(doc, loaded, extractor, opts);
}

/** An already read report → facts → card. `notes` go on the card (e.g. why this rubric). */
export function scoreDocument(
  doc: SourceDocument,
  loaded: LoadedRubric,
  extractor?: Extractor,
  opts: Omit<ScoreFileOptions, 'read' | 'displayName'> & { notes?: string[] } = {},
): ScoredFile {
  const facts = extractFacts(doc, extractor ?? extractorFor(loaded));
  const card = scoreFacts(loaded, facts, { overrides: opts.overrides, generatedAt: opts.generatedAt });
  if (opts.notes?.length) card.notes = [...opts.notes];
  // Only a batch compares reports; the copy shingles are the FactSet's (made once, by the extractor).
  return { doc, facts, card, fingerprint: opts.fingerprint ? fingerprintOf(doc, facts.fingerprints) : undefined };
}

/**
 * One report scored with the rubric `selector` picks for its unit type (`--rubric auto`), or the
 * fixed rubric of a non-auto selector.
 */
export async function scoreFileAuto(path: string, selector: RubricSelector, opts: ScoreFileOptions = {}): Promise<ScoredFile & { loaded: LoadedRubric }> {
  const doc = await readDocument(path, { ...opts.read, displayName: opts.displayName ?? opts.read?.displayName });
  const { loaded, note } = selector.forLevel(doc.meta.adminLevel.value);
  return { ...scoreDocument(doc, loaded, extractorFor(loaded), { ...opts, notes: note ? [note] : undefined }), loaded };
}

/** The text fingerprint of a report; `shingles` = its FactSet.fingerprints when already made. */
export function fingerprintOf(doc: SourceDocument, shingles?: number[]): TextFingerprint {
  return fingerprintText(doc.view, (o) => viewToOriginal(doc, o), doc.text, shingles);
}
