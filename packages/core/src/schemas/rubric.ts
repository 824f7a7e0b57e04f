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
  title: z.string().min(1).describe('事实名称（中文）'),
  description: z.string().optional(),
  /** Words near a match that disqualify it (look-alikes: 调撤率, 办结率, 满意率 …). */
  exclude: OptTerms.optional().describe('附近出现即不算的词（如 调撤率、办结率、满意率）'),
  /** Regular expressions, only under this explicit key; matched on the normalised view. */
  patterns: z.array(z.string().min(1)).optional().describe('正则表达式（在简体规范化文本上匹配）；普通词语请写在 terms 中'),
};

export const StatusFact = z.strictObject({
  kind: z.literal('status').describe('做了没有：done / planned / absent'),
  ...factCommon,
  terms: Terms.describe('主题词（简体原词）'),
});

export const ChecklistFact = z.strictObject({
  kind: z.literal('checklist').describe('几项中做了几项：all / partial / generic / absent'),
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
  umbrella: OptTerms.optional().describe('只写总称时（如“三项制度”）取值为 generic'),
});

export const CountFact = z.strictObject({
  kind: z.literal('count').describe('件数、次数：数字或 null'),
  ...factCommon,
  terms: Terms.describe('主题词（简体原词）'),
  units: Terms.describe('量词（件、次、场 …）'),
  /** Characters between the subject term and the number (default 30). */
  window: z.number().int().min(1).max(200).optional().describe('主题词与数字之间最多相隔的字数（默认 30）'),
  /** Generic verbs (审查, 审核) whose counts are taken inside a paragraph that names a term. */
  verbs: OptTerms.optional(),
});

export const RateFact = z.strictObject({
  kind: z.literal('rate').describe('百分比：0–100 或 null'),
  ...factCommon,
  terms: Terms.describe('比率名称（出庭应诉率 …）'),
  window: z.number().int().min(1).max(200).optional(),
});

export const RatioFact = z.strictObject({
  kind: z.literal('ratio').describe('总数、成功数和比率：对象，键名见 keys'),
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
  kind: z.literal('coverage').describe('覆盖情况：{present, coverage_pct, units_covered, units_total}'),
  ...factCommon,
  terms: Terms.describe('主题词（法律顾问 …）'),
  /** Nouns for the covered units (村, 社区, 村(社区)). */
  units: Terms.describe('被覆盖单位的名称（村、社区、村（社区））'),
  /** Words that state full coverage (全覆盖, 均, 全部, 每一个, 村村). */
  allWords: Terms.describe('表示全覆盖的词（全覆盖、均、全部 …）'),
  window: z.number().int().min(1).max(200).optional(),
});

export const StructureFact = z.strictObject({
  kind: z.literal('structure').describe('报告要素：{found, missing}'),
  ...factCommon,
  parts: z.array(SectionKind.exclude(['other'])).min(1).describe('应有的部分：measures / shortcomings / leader_duties / next_year'),
});

export const PublicationFact = z.strictObject({
  kind: z.literal('publication').describe('公开时间：{status, publishDate, deadline, daysLate}'),
  ...factCommon,
  /** Deadline in the year after the report year (default 04-01). */
  deadline: z.string().regex(/^\d\d-\d\d$/).optional().describe('报告年度次年的公开期限，月-日（默认 "04-01"）'),
});

export const SpecificityFact = z.strictObject({
  kind: z.literal('specificity').describe('内容具体性：{quantPer1000, stockShare, quantifiedCount}'),
  ...factCommon,
  stockPhrases: Terms.describe('套话（高度重视、扎实推进 …）'),
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
      type: z.literal('map').describe('按取值给分'),
      /** Path into the fact value (e.g. `present`); empty means the value itself. */
      of: z.string().optional().describe('读取值中的哪个键（如 present、status）；不写则读取值本身'),
      /** Points per value (keys are the enum values, or "true"/"false"). */
      values: z.record(z.string(), z.number().min(0)).describe('每个取值的得分，如 { done: 10, planned: 2, absent: 0 }'),
      official: official.optional(),
    }),
    z.strictObject({
      type: z.literal('bands').describe('按数值分档：取第一个达到 min 的档'),
      of: z.string().optional().describe('读取值中的哪个键（如 rate_pct、coverage_pct）；不写则读取值本身'),
      /** First band whose `min` the value reaches wins; order from high to low. */
      bands: z
        .array(z.strictObject({ min: z.number(), points: z.number().min(0), label: z.string().optional() }))
        .min(1)
        .describe('分档，min 严格从高到低，如 [{ min: 98, points: 10 }, { min: 95, points: 7 }]'),
      official,
    }),
    z.strictObject({
      type: z.literal('proportional').describe('按比例：points × min(值 / full, 1)'),
      of: z.string().optional().describe('读取值中的哪个键；不写则读取值本身'),
      /** The value that earns full points (e.g. 100 for a percentage). */
      full: z.number().positive().describe('得满分的数值（百分比写 100）'),
      official,
    }),
    z.strictObject({
      type: z.literal('deduct').describe('每缺一项扣分（checklist、structure）'),
      /** Points taken off per missing checklist item / report part (扣分). */
      per: z.number().positive().describe('每缺一项扣的分数'),
      official,
    }),
  ])
  .meta({ id: 'ScoringRule' });
export type ScoringRule = z.infer<typeof ScoringRule>;

export const WhenMissing = z.enum(['zero', 'review', 'na']).describe('报告中未找到时：zero 计 0 分 / review 待人工复核 / na 不适用');
export type WhenMissing = z.infer<typeof WhenMissing>;

export const Basis = z
  .strictObject({
    text: z.string().min(1).describe('依据的内容'),
    /** Whether the threshold / rule is an official requirement or a proposal of this rubric. */
    official: z.boolean().describe('true：官方规定；false：本细则的建议'),
    source: z.string().optional().describe('出处（文件名、文号、条款）'),
  })
  .describe('依据');

export const Example = z.strictObject({
  text: z.string().min(1).describe('一段报告原话风格的文字'),
  /** Whether this text earns points for the indicator. */
  earns: z.boolean().describe('这段文字能否得分'),
  /** Expected fact value (checked when given). */
  value: z.unknown().optional().describe('预期的事实取值（写了就会检查）'),
  note: z.string().optional(),
});

export const Indicator = z
  .strictObject({
    id: Id.describe('指标 id（小写 kebab-case，全细则唯一）'),
    title: z.string().min(1).describe('指标名称（中文）'),
    fact: FactId.describe('读取的事实 id（须在 facts 中声明）'),
    points: z.number().min(0).describe('满分'),
    scoring: ScoringRule,
    whenMissing: WhenMissing,
    basis: Basis,
    remedy: z.string().min(1).describe('给乡镇的整改建议：具体、可照做，最好带一句示范原文'),
    examples: z.array(Example).describe('示例：至少一个得分（earns: true）和一个不得分（earns: false）'),
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
    extends: z.string().min(1).optional().describe('上级细则：内置 id（national、township、county、department）或相对于本文件的 .yaml 路径'),
    applies_to: z.array(AdminLevel).min(1).optional().describe('适用单位类型'),
    total: z.number().positive().optional().describe('总分；各指标 points 之和须等于它'),
    grades: z.array(Grade).min(1).optional().describe('等级，min 从高到低，最后一级为 0'),
    facts: z.record(FactId, FactSpec).optional().describe('要从报告中抽取的事实，按 id；已有 id 整体替换上级的定义'),
    categories: z
      .array(z.strictObject({ id: Id, title: z.string().min(1).optional(), indicators: z.array(PartialIndicator).optional() }))
      .optional(),
    drop: z.array(Id).optional().describe('删去上级细则中的指标或分类（按 id）'),
    penalties: z.array(Penalty).optional().describe('质量问题扣分'),
  })
  .meta({ id: 'RubricFile', description: '法治政府建设年度报告评分细则 / Fazhi Scorecard rubric' });
export type RubricFile = z.infer<typeof RubricFile>;
