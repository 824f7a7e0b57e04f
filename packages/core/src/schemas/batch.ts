import { z } from 'zod';
import { Evidence } from './evidence.js';
import { FlagCode } from './rubric.js';
import { AdminLevel } from './source.js';

/**
 * Reports are ranked only against their peers: 乡镇/街道 apart from 部门 and 县 (and so on).
 * `township` covers 乡镇 and 街道.
 */
export const UnitGroup = z.enum(['township', 'department', 'county', 'city', 'province', 'unknown']);
export type UnitGroup = z.infer<typeof UnitGroup>;

export const BatchReport = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  place: z.string().nullable(),
  reportYear: z.number().int().nullable(),
  adminLevel: AdminLevel,
  group: UnitGroup,
  total: z.number().min(0),
  max: z.number().positive(),
  /** total / max × 100, rounded to 0.01 — what the ranking compares. */
  percent: z.number().min(0).max(100),
  grade: z.string(),
  /** 1-based rank within `group`; equal percentages share a rank (1, 1, 3). */
  rank: z.number().int().min(1),
  /** How many reports the group holds. */
  rankOf: z.number().int().min(1),
  flags: z.array(FlagCode),
  review: z.array(z.string()),
});
export type BatchReport = z.infer<typeof BatchReport>;

export const IndicatorStats = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** The indicator's full points (from the first card that scores it). */
  maxPoints: z.number().min(0),
  /** Reports that score it (not 不适用). */
  count: z.number().int().min(0),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Share (0..1) of those reports that earned full points. */
  fullShare: z.number().min(0).max(1).nullable(),
});
export type IndicatorStats = z.infer<typeof IndicatorStats>;

/** Text two reports share: the same passage quoted from each. */
export const CopyPair = z.strictObject({
  a: z.string(),
  b: z.string(),
  /** Shared shingles / shingles of the smaller report, 0..1. */
  similarity: z.number().min(0).max(1),
  /** Characters (normalised view) in shared sentences. */
  sharedChars: z.number().int().min(0),
  passages: z.array(z.strictObject({ a: Evidence, b: Evidence })),
  /** Shared passages found but not listed (only the longest THRESHOLDS.copy.maxPassages are kept). */
  morePassages: z.number().int().min(0).optional(),
});
export type CopyPair = z.infer<typeof CopyPair>;

export const YearComparison = z.strictObject({
  file: z.string(),
  previousFile: z.string(),
  place: z.string().nullable(),
  total: z.number(),
  previousTotal: z.number(),
  delta: z.number(),
  indicators: z.array(
    z.strictObject({ id: z.string(), points: z.number(), previous: z.number(), delta: z.number() }),
  ),
});
export type YearComparison = z.infer<typeof YearComparison>;

export const BatchResult = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** Reports in ranking order: by group, then rank, then file name. */
    reports: z.array(BatchReport),
    groups: z.array(z.strictObject({ group: UnitGroup, title: z.string(), size: z.number().int().min(1) })),
    indicators: z.array(IndicatorStats),
    copies: z.array(CopyPair),
    comparison: z.array(YearComparison),
    /** The thresholds copy detection used, so a reader can judge a pair. */
    copyThreshold: z.strictObject({ minSharedChars: z.number(), minSimilarity: z.number() }),
  })
  .meta({ id: 'BatchResult' });
export type BatchResult = z.infer<typeof BatchResult>;
