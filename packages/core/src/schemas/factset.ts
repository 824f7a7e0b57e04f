import { z } from 'zod';
import { Evidence } from './evidence.js';
import { SectionKind } from './rubric.js';
import { AdminLevel, Script, SourceFormat } from './source.js';

export const Section = z
  .strictObject({
    kind: SectionKind,
    heading: z.string(),
    /** Offsets of the heading in the ORIGINAL text. */
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    line: z.number().int().min(1),
    /** Where the part's body ends (original text). */
    bodyEnd: z.number().int().min(0).optional(),
  })
  .meta({ id: 'Section' });
export type Section = z.infer<typeof Section>;

/**
 * One extracted fact. `value` depends on the detector kind:
 * status → 'done'|'planned'|'absent'; checklist → 'all'|'partial'|'generic'|'absent';
 * count/rate → number|null; ratio → {[total]: n|null, [part]: n|null, [rate]: n|null};
 * coverage → {present, coverage_pct, units_covered, units_total};
 * structure → {found: SectionKind[], missing: SectionKind[]};
 * publication → {publishDate, deadline, daysLate}; specificity → {quantPer1000, stockShare, …}.
 */
export const Fact = z
  .strictObject({
    kind: z.string(),
    value: z.unknown(),
    evidence: z.array(Evidence),
    /** Value keys whose number was written with 余/近/约/多/超过/以上. */
    approximate: z.array(z.string()).optional(),
    /** Detector-specific detail (checklist items found, candidate figures rejected and why …). */
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Fact' });
export type Fact = z.infer<typeof Fact>;

export const FactSetMeta = z.strictObject({
  title: z.string().nullable(),
  place: z.string().nullable(),
  issuer: z.string().nullable(),
  adminLevel: AdminLevel,
  reportYear: z.number().int().nullable(),
  publishDate: z.iso.date().nullable(),
  /** false when the date was read from a broken or doubtful form. */
  publishDateTrusted: z.boolean().optional(),
  script: Script,
});

export const Signals = z
  .strictObject({
    chars: z.number().int().min(0),
    duplicateParagraphs: z.array(z.strictObject({ first: Evidence, second: Evidence })),
    /** Statements with a number and a unit, per 1,000 characters of the view. */
    quantifiedPer1000: z.number().min(0),
    quantifiedCount: z.number().int().min(0),
    /** Share of sentences dominated by stock phrases (套话), 0..1. */
    stockPhraseShare: z.number().min(0).max(1),
    stockPhraseExamples: z.array(Evidence),
    years: z.strictObject({
      title: z.number().int().nullable(),
      body: z.array(z.number().int()),
      plans: z.array(z.number().int()),
      signing: z.number().int().nullable(),
      /** Evidence for years that disagree with the report year. */
      mismatches: z.array(Evidence),
    }),
    artefacts: z.array(z.strictObject({ code: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'Signals' });
export type Signals = z.infer<typeof Signals>;

export const FactSet = z
  .strictObject({
    schemaVersion: z.literal(1),
    file: z.string(),
    source: z.strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      format: SourceFormat,
      encoding: z.string(),
      bytes: z.number().int().min(0),
      chars: z.number().int().min(0),
    }),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    rubric: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    meta: FactSetMeta,
    metaEvidence: z.record(z.string(), z.array(Evidence)),
    sections: z.array(Section),
    facts: z.record(z.string(), Fact),
    signals: Signals,
    /** Shingle fingerprints of the view (for cross-report copy detection in a batch). */
    fingerprints: z.array(z.number().int()).optional(),
  })
  .meta({ id: 'FactSet' });
export type FactSet = z.infer<typeof FactSet>;
