import { z } from 'zod';
import { Evidence } from './evidence.js';
import { FlagCode } from './rubric.js';
import { AdminLevel } from './source.js';

export const IndicatorStatus = z.enum(['full', 'partial', 'zero', 'missing', 'review', 'na']);
export type IndicatorStatus = z.infer<typeof IndicatorStatus>;

export const Override = z.strictObject({
  points: z.number().min(0).optional(),
  status: IndicatorStatus.optional(),
  reason: z.string().min(1),
  reviewer: z.string().min(1),
  date: z.iso.date(),
  /** Points the tool gave before the override. */
  originalPoints: z.number(),
});
export type Override = z.infer<typeof Override>;

export const IndicatorResult = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    fact: z.string(),
    points: z.number().min(0),
    max: z.number().min(0),
    status: IndicatorStatus,
    value: z.unknown(),
    /** The value as people read it (e.g. "调解 165 件，成功 162 件，成功率 98%"). */
    valueText: z.string(),
    /** The band or rule applied, in words. */
    rule: z.string(),
    evidence: z.array(Evidence),
    remedy: z.string(),
    /** Points still available (max − points). */
    atStake: z.number().min(0),
    override: Override.optional(),
  })
  .meta({ id: 'IndicatorResult' });
export type IndicatorResult = z.infer<typeof IndicatorResult>;

export const Flag = z
  .strictObject({
    code: FlagCode,
    severity: z.enum(['info', 'warn', 'error']),
    message: z.string(),
    evidence: z.array(Evidence),
    /** Points taken off when the rubric scores this flag. */
    penalty: z.number().min(0).optional(),
  })
  .meta({ id: 'Flag' });
export type Flag = z.infer<typeof Flag>;

export const Stamps = z.strictObject({
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  rubric: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
  source: z.strictObject({ file: z.string(), sha256: z.string() }),
  generatedAt: z.string(),
});

export const Scorecard = z
  .strictObject({
    schemaVersion: z.literal(1),
    file: z.string(),
    place: z.string().nullable(),
    reportYear: z.number().int().nullable(),
    adminLevel: AdminLevel,
    total: z.number().min(0),
    max: z.number().positive(),
    grade: z.string(),
    categories: z.array(z.strictObject({ id: z.string(), title: z.string(), points: z.number(), max: z.number() })),
    indicators: z.array(IndicatorResult),
    flags: z.array(Flag),
    /** Indicators that need a person to look (待复核). */
    review: z.array(z.string()),
    /** Self-check summary: what is missing or weak, by points at stake, highest first. */
    missing: z.array(z.strictObject({ indicator: z.string(), title: z.string(), atStake: z.number(), remedy: z.string() })),
    stamps: Stamps,
    /** Remarks on how the card was made, e.g. which rubric `--rubric auto` chose and why. */
    notes: z.array(z.string()).optional(),
  })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof Scorecard>;
