import { shingleHashes, TOOL_NAME, TOOL_VERSION, type Fact, type FactSet, type FactSpec, type Rubric, type Section, type SectionKind } from '@fazhi/core';
import { DocContext } from './context.js';
import {
  compileChecklist, compileCount, compileCoverage, compileRate, compileRatio, compileStatus, type Compiled,
} from './detectors.js';
import { computeSignals } from './signals.js';

/** The part of core's LoadedRubric the extractor needs. */
export interface LoadedRubricLike {
  rubric: Pick<Rubric, 'id' | 'version' | 'facts'>;
  sha256: string;
}

export interface Extractor {
  rubric: { id: string; version: string; sha256: string };
  detectors: Compiled[];
  stockPhrases: string[];
  specs: Record<string, FactSpec>;
}

/** Precompiles every detector of a rubric once (regexes, term sets). */
export function compileExtractor(loaded: LoadedRubricLike): Extractor {
  const detectors: Compiled[] = [];
  let stockPhrases: string[] = [];
  for (const [id, spec] of Object.entries(loaded.rubric.facts)) {
    switch (spec.kind) {
      case 'status': detectors.push(compileStatus(id, spec)); break;
      case 'checklist': detectors.push(compileChecklist(id, spec)); break;
      case 'count': detectors.push(compileCount(id, spec)); break;
      case 'rate': detectors.push(compileRate(id, spec)); break;
      case 'ratio': detectors.push(compileRatio(id, spec)); break;
      case 'coverage': detectors.push(compileCoverage(id, spec)); break;
      case 'specificity': stockPhrases = [...stockPhrases, ...spec.stockPhrases]; break;
      default: break; // structure / publication are computed from sections and meta below
    }
  }
  return {
    rubric: { id: loaded.rubric.id, version: loaded.rubric.version, sha256: loaded.sha256 },
    detectors,
    stockPhrases,
    specs: loaded.rubric.facts,
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86400000);
}

/** Runs every detector of the extractor on one document. Never throws on odd text. */
export function extractFacts(doc: import('@fazhi/core').SourceDocument, extractor: Extractor): FactSet {
  const ctx = new DocContext(doc);
  const sections: Section[] = [];
  for (const h of ctx.structure.canonical) {
    const sp = ctx.ev.map.span(h.start, h.end);
    if (!sp) continue;
    const heading = doc.text.slice(sp[0], sp[1]);
    const bodyEnd = ctx.ev.map.span(Math.max(h.start, h.bodyEnd - 1), h.bodyEnd)?.[1];
    for (const kind of h.kinds) {
      if (kind === 'other') continue;
      sections.push({ kind, heading, start: sp[0], end: sp[1], line: ctx.ev.lines.line(sp[0]), ...(bodyEnd !== undefined ? { bodyEnd } : {}) });
    }
  }
  const facts: Record<string, Fact> = {};
  for (const d of extractor.detectors) {
    try {
      facts[d.id] = d.run(ctx);
    } catch (e) {
      // A detector bug must not lose the whole report: record it and go on.
      facts[d.id] = { kind: d.spec.kind, value: null, evidence: [], detail: { error: String((e as Error)?.message ?? e) } };
    }
  }
  const meta = doc.meta;
  const signals = computeSignals(ctx, extractor.stockPhrases);
  for (const [id, spec] of Object.entries(extractor.specs)) {
    if (spec.kind === 'structure') {
      const seen = new Set<SectionKind>(sections.map((s) => s.kind));
      const found = spec.parts.filter((p) => seen.has(p));
      const missing = spec.parts.filter((p) => !seen.has(p));
      const evidence = sections
        .filter((s) => found.includes(s.kind as never))
        .map((s) => ({ quote: s.heading, start: s.start, end: s.end, line: s.line, section: s.heading, modality: 'done' as const }))
        .filter((e) => doc.text.slice(e.start, e.end) === e.quote && e.quote.length > 0);
      facts[id] = { kind: 'structure', value: { found, missing }, evidence };
    } else if (spec.kind === 'publication') {
      const publishDate = meta?.publishDate?.value ?? null;
      const year = meta?.reportYear?.value ?? null;
      const deadline = year ? `${year + 1}-${spec.deadline ?? '04-01'}` : null;
      const daysLate = publishDate && deadline ? Math.max(0, daysBetween(publishDate, deadline)) : null;
      const status = daysLate === null ? null : daysLate === 0 ? 'on_time' : daysLate <= 30 ? 'late' : 'very_late';
      facts[id] = { kind: 'publication', value: { publishDate, deadline, daysLate, status }, evidence: meta?.publishDate?.evidence ?? [] };
    } else if (spec.kind === 'specificity') {
      facts[id] = {
        kind: 'specificity',
        value: { quantPer1000: signals.quantifiedPer1000, quantifiedCount: signals.quantifiedCount, stockShare: signals.stockPhraseShare },
        evidence: signals.stockPhraseExamples,
      };
    }
  }
  const metaEvidence: Record<string, import('@fazhi/core').Evidence[]> = {};
  for (const k of ['title', 'issuer', 'place', 'adminLevel', 'reportYear', 'publishDate'] as const) {
    const f = meta?.[k];
    if (f && f.evidence.length) metaEvidence[k] = f.evidence;
  }
  return {
    schemaVersion: 1,
    file: doc.file,
    source: { sha256: doc.sha256, format: doc.format, encoding: doc.encoding, bytes: doc.bytes, chars: doc.text.length },
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rubric: extractor.rubric,
    meta: {
      title: meta?.title?.value ?? null,
      place: meta?.place?.value ?? null,
      issuer: meta?.issuer?.value ?? null,
      adminLevel: meta?.adminLevel?.value ?? 'unknown',
      reportYear: meta?.reportYear?.value ?? null,
      publishDate: meta?.publishDate?.value ?? null,
      ...(meta?.publishDate?.trusted === false ? { publishDateTrusted: false } : {}),
      script: meta?.script ?? 'simplified',
    },
    metaEvidence,
    sections,
    facts,
    signals,
    // Copy shingles: they must equal the scorer's fingerprintText(...).shingles of the same view
    // (same @fazhi/core normalisation and hash; test/fingerprints.test.ts), so a saved FactSet and a
    // fresh fingerprint compare in a batch, and the CLI hands them over instead of hashing twice.
    fingerprints: shingleHashes(ctx.copyNorm().norm),
  };
}

/** The contract object of `fazhi extract` (../shared/docs/extraction-contract.md) for one FactSet. */
export function toContract(fs: FactSet, file: string): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [id, f] of Object.entries(fs.facts)) {
    facts[id] = { value: f.value, evidence: f.evidence, ...(f.approximate ? { approximate: f.approximate } : {}), ...(f.detail ? { detail: f.detail } : {}) };
  }
  return {
    file,
    meta: {
      place: fs.meta.place,
      issuer: fs.meta.issuer,
      adminLevel: fs.meta.adminLevel,
      reportYear: fs.meta.reportYear,
      publishDate: fs.meta.publishDate,
      script: fs.meta.script,
      title: fs.meta.title,
    },
    sections: fs.sections.map((s) => ({ kind: s.kind, heading: s.heading, start: s.start, end: s.end })),
    facts,
    signals: fs.signals,
  };
}
