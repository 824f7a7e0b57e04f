import { z } from 'zod';
import { AdminLevel } from './source.js';

/** Canonical top-level parts of an annual report (督察工作规定 2019). */
export const SectionKind = z.enum(['measures', 'shortcomings', 'leader_duties', 'next_year', 'other']);
export type SectionKind = z.infer<typeof SectionKind>;

const Id = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'id 须为小写 kebab-case (e.g. mediation-success-rate)');
const FactId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact id 须为小写 snake_case (e.g. legal_adviser)');
/** Literal Chinese strings in simplified script; matching runs on the normalised view. */
const Terms = z.array(z.string().min(1)).min(1);
const OptTerms = z.array(z.string().min(1));

const factCommon = {
  title: z.string().min(1),
  description: z.string().optional(),
  /** Words near a match that disqualify it (look-alikes: 调撤率, 办结率, 满意率 …). */
  exclude: OptTerms.optional(),
  /** Regular expressions, only under this explicit key; matched on the normalised view. */
  patterns: z.array(z.string().min(1)).optional(),
};

export const StatusFact = z.strictObject({
  kind: z.literal('status'),
  ...factCommon,
  terms: Terms,
});

export const ChecklistFact = z.strictObject({
  kind: z.literal('checklist'),
  ...factCommon,
  items: z
    .array(
      z.strictObject({
        id: FactId,
        title: z.string().min(1),
        terms: Terms,
        /** Regular expressions (normalised view) that also name the item (行政执法…公示). */
        patterns: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1),
  /** An umbrella term that claims all items at once (三项制度): `generic` unless all items are named. */
  umbrella: OptTerms.optional(),
});

export const CountFact = z.strictObject({
  kind: z.literal('count'),
  ...factCommon,
  terms: Terms,
  units: Terms,
  /** Characters between the subject term and the number (default 30). */
  window: z.number().int().min(1).max(200).optional(),
  /** Generic verbs (审查, 审核) whose counts are taken inside a paragraph that names a term. */
  verbs: OptTerms.optional(),
});

export const RateFact = z.strictObject({
  kind: z.literal('rate'),
  ...factCommon,
  terms: Terms,
  window: z.number().int().min(1).max(200).optional(),
});

export const RatioFact = z.strictObject({
  kind: z.literal('ratio'),
  ...factCommon,
  /** What the figures are about (矛盾纠纷, 纠纷): a number only binds inside a clause naming it. */
  subject: Terms,
  total: z.strictObject({ terms: Terms, units: Terms }),
  part: z.strictObject({ terms: Terms, units: Terms }),
  rate: z.strictObject({ terms: Terms }),
  /** Names of the value keys (default total / part / rate_pct). */
  keys: z.strictObject({ total: FactId, part: FactId, rate: FactId }).optional(),
  window: z.number().int().min(1).max(200).optional(),
});

export const CoverageFact = z.strictObject({
  kind: z.literal('coverage'),
  ...factCommon,
  terms: Terms,
  /** Nouns for the covered units (村, 社区, 村(社区)). */
  units: Terms,
  /** Words that state full coverage (全覆盖, 均, 全部, 每一个, 村村). */
  allWords: Terms,
  window: z.number().int().min(1).max(200).optional(),
});

export const StructureFact = z.strictObject({
  kind: z.literal('structure'),
  ...factCommon,
  parts: z.array(SectionKind.exclude(['other'])).min(1),
});

export const PublicationFact = z.strictObject({
  kind: z.literal('publication'),
  ...factCommon,
  /** Deadline in the year after the report year (default 04-01). */
  deadline: z.string().regex(/^\d\d-\d\d$/).optional(),
});

export const SpecificityFact = z.strictObject({
  kind: z.literal('specificity'),
  ...factCommon,
  stockPhrases: Terms,
});

export const FactSpec = z
  .discriminatedUnion('kind', [
    StatusFact,
    ChecklistFact,
    CountFact,
    RateFact,
    RatioFact,
    CoverageFact,
    StructureFact,
    PublicationFact,
    SpecificityFact,
  ])
  .meta({ id: 'FactSpec' });
export type FactSpec = z.infer<typeof FactSpec>;
export type FactKind = FactSpec['kind'];

const official = z.boolean().describe('true: 官方规定的标准; false: 本工具的建议阈值 (proposal)');

export const ScoringRule = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('map'),
      /** Path into the fact value (e.g. `present`); empty means the value itself. */
      of: z.string().optional(),
      /** Points per value (keys are the enum values, or "true"/"false"). */
      values: z.record(z.string(), z.number().min(0)),
      official: official.optional(),
    }),
    z.strictObject({
      type: z.literal('bands'),
      of: z.string().optional(),
      /** First band whose `min` the value reaches wins; order from high to low. */
      bands: z.array(z.strictObject({ min: z.number(), points: z.number().min(0), label: z.string().optional() })).min(1),
      official,
    }),
    z.strictObject({
      type: z.literal('proportional'),
      of: z.string().optional(),
      /** The value that earns full points (e.g. 100 for a percentage). */
      full: z.number().positive(),
      official,
    }),
    z.strictObject({
      type: z.literal('deduct'),
      /** Points taken off per missing checklist item / report part (扣分). */
      per: z.number().positive(),
      official,
    }),
  ])
  .meta({ id: 'ScoringRule' });
export type ScoringRule = z.infer<typeof ScoringRule>;

export const WhenMissing = z.enum(['zero', 'review', 'na']);
export type WhenMissing = z.infer<typeof WhenMissing>;

export const Basis = z.strictObject({
  text: z.string().min(1),
  /** Whether the threshold / rule is an official requirement or a proposal of this rubric. */
  official: z.boolean(),
  source: z.string().optional(),
});

export const Example = z.strictObject({
  text: z.string().min(1),
  /** Whether this text earns points for the indicator. */
  earns: z.boolean(),
  /** Expected fact value (checked when given). */
  value: z.unknown().optional(),
  note: z.string().optional(),
});

export const Indicator = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    fact: FactId,
    points: z.number().min(0),
    scoring: ScoringRule,
    whenMissing: WhenMissing,
    basis: Basis,
    remedy: z.string().min(1),
    examples: z.array(Example),
    description: z.string().optional(),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof Indicator>;

export const Category = z.strictObject({
  id: Id,
  title: z.string().min(1),
  indicators: z.array(Indicator),
});
export type Category = z.infer<typeof Category>;

export const Grade = z.strictObject({ name: z.string().min(1), min: z.number().min(0) });

export const FlagCode = z.enum([
  'late_publication',
  'year_mismatch',
  'rate_mismatch',
  'duplicate_paragraph',
  'template_text',
  'missing_part',
  'unit_type_mismatch',
  'copied_text',
  'artefacts',
]);
export type FlagCode = z.infer<typeof FlagCode>;

export const Penalty = z.strictObject({ flag: FlagCode, points: z.number().positive(), official: z.boolean() });

/** A resolved rubric: `extends` applied, every indicator complete. */
export const Rubric = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号须为 x.y.z'),
    description: z.string().optional(),
    applies_to: z.array(AdminLevel).min(1),
    total: z.number().positive(),
    grades: z.array(Grade).min(1),
    facts: z.record(FactId, FactSpec),
    categories: z.array(Category).min(1),
    /** Quality flags that cost points (flags are only shown unless listed here). */
    penalties: z.array(Penalty).optional(),
  })
  .meta({ id: 'Rubric' });
export type Rubric = z.infer<typeof Rubric>;

const PartialIndicator = Indicator.partial().required({ id: true });

/**
 * A rubric FILE as written. With `extends`, it inherits the parent's facts and indicators:
 * - a category with a known id merges: indicators with a known id have the given keys replaced
 *   (re-weighting, re-banding), new ids are added (and must then be complete);
 * - `drop` removes indicators (or whole categories) by id;
 * - `facts` with a known id replace the parent's fact spec; new ids are added;
 * - scalar keys (title, version, total, grades, applies_to, penalties) replace the parent's.
 */
export const RubricFile = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号须为 x.y.z'),
    description: z.string().optional(),
    extends: z.string().min(1).optional(),
    applies_to: z.array(AdminLevel).min(1).optional(),
    total: z.number().positive().optional(),
    grades: z.array(Grade).min(1).optional(),
    facts: z.record(FactId, FactSpec).optional(),
    categories: z
      .array(z.strictObject({ id: Id, title: z.string().min(1).optional(), indicators: z.array(PartialIndicator).optional() }))
      .optional(),
    drop: z.array(Id).optional(),
    penalties: z.array(Penalty).optional(),
  })
  .meta({ id: 'RubricFile' });
export type RubricFile = z.infer<typeof RubricFile>;
