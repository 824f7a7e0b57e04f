import { z } from 'zod';
import { Evidence } from './evidence.js';

export const SourceFormat = z.enum(['txt', 'html', 'docx', 'doc', 'pdf']);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const AdminLevel = z.enum(['township', 'county', 'city', 'province', 'department', 'unknown']);
export type AdminLevel = z.infer<typeof AdminLevel>;

export const Script = z.enum(['simplified', 'traditional']);
export type Script = z.infer<typeof Script>;

/** A metadata value with the quotes that show it. `trusted: false` marks a value the reader doubts. */
export const MetaField = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({
    value: value.nullable(),
    evidence: z.array(Evidence),
    trusted: z.boolean().optional(),
    note: z.string().optional(),
  });

export const SourceMeta = z.strictObject({
  title: MetaField(z.string()),
  issuer: MetaField(z.string()),
  place: MetaField(z.string()),
  adminLevel: MetaField(AdminLevel),
  reportYear: MetaField(z.number().int()),
  publishDate: MetaField(z.iso.date()),
  script: Script,
});
export type SourceMeta = z.infer<typeof SourceMeta>;

/**
 * Offset map from the normalised view back to the original text, as runs: each run
 * `[viewStart, origStart, length]` says view[viewStart + i] comes from original[origStart + i].
 * View positions not covered by a run do not exist (the view is built only from deletions and
 * one-for-one replacements), so the map is monotonic.
 */
export const OffsetRuns = z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()]));

export const SourceDocument = z
  .strictObject({
    schemaVersion: z.literal(1),
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: SourceFormat,
    encoding: z.string(),
    bytes: z.number().int().min(0),
    /** The ORIGINAL decoded text (for .docx/.pdf: the extracted plain text). Evidence offsets refer to it. */
    text: z.string(),
    /** Normalised view: simplified script, half-width, chrome and artefacts removed. */
    view: z.string(),
    offsets: OffsetRuns,
    /** Start offsets (original text) of each page, for PDF input. */
    pages: z.array(z.number().int()).optional(),
    /** Start offsets (original text) of each paragraph, for .docx/.doc input. */
    paragraphs: z.array(z.number().int()).optional(),
    meta: SourceMeta,
    /** Things the reader noticed and removed or doubted (web chrome, Word artefacts…). */
    warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
  })
  .meta({ id: 'SourceDocument' });
export type SourceDocument = z.infer<typeof SourceDocument>;
