import type { FactSpec } from '../schemas/rubric.js';

/**
 * What each fact kind's `value` looks like, in one place: the loader checks scoring rules
 * against it and `factDataSchema` publishes it. Extractors produce exactly these shapes.
 */
export const STATUS_VALUES = ['done', 'planned', 'absent'] as const;
export const CHECKLIST_VALUES = ['all', 'partial', 'generic', 'absent'] as const;
/** Publication status; `null` when the publish date or the report year is unknown. */
export const PUBLICATION_STATUS = ['on_time', 'late', 'very_late'] as const;

export type ValueType = 'number' | 'boolean' | 'enum' | 'list';
/** A key inside an object value (`of:` in a scoring rule) with its type and enum members. */
export interface ValueKey {
  type: ValueType;
  values?: readonly string[];
}

/** The keys a scoring rule may read with `of:`; `''` is the value itself. */
export function valueKeys(spec: FactSpec): Record<string, ValueKey> {
  switch (spec.kind) {
    case 'status':
      return { '': { type: 'enum', values: STATUS_VALUES } };
    case 'checklist':
      return { '': { type: 'enum', values: CHECKLIST_VALUES } };
    case 'count':
    case 'rate':
      return { '': { type: 'number' } };
    case 'ratio': {
      const k = spec.keys ?? { total: 'total', part: 'part', rate: 'rate_pct' };
      return { [k.total]: { type: 'number' }, [k.part]: { type: 'number' }, [k.rate]: { type: 'number' } };
    }
    case 'coverage':
      return {
        present: { type: 'boolean' },
        coverage_pct: { type: 'number' },
        units_covered: { type: 'number' },
        units_total: { type: 'number' },
      };
    case 'structure':
      return { missing: { type: 'list' }, found: { type: 'list' } };
    case 'publication':
      return { status: { type: 'enum', values: PUBLICATION_STATUS }, daysLate: { type: 'number' } };
    case 'specificity':
      return { quantPer1000: { type: 'number' }, stockShare: { type: 'number' }, quantifiedCount: { type: 'number' } };
  }
}

/** JSON Schema (draft-7) of one kind's value. */
export function valueJsonSchema(spec: FactSpec): Record<string, unknown> {
  const num = { type: ['number', 'null'] };
  const kind = spec.kind;
  switch (kind) {
    case 'status':
      return { type: 'string', enum: [...STATUS_VALUES], description: 'done 已完成 / planned 仅为计划 / absent 未提及' };
    case 'checklist':
      return { type: 'string', enum: [...CHECKLIST_VALUES], description: 'all 全部 / partial 部分 / generic 仅笼统提及 / absent 未提及' };
    case 'count':
      return { ...num, minimum: 0, description: '件数、次数（未提及为 null）' };
    case 'rate':
      return { ...num, minimum: 0, maximum: 100, description: '百分比，0–100（未提及为 null）' };
    case 'ratio': {
      const k = spec.keys ?? { total: 'total', part: 'part', rate: 'rate_pct' };
      return {
        type: 'object',
        additionalProperties: false,
        required: [k.total, k.part, k.rate],
        properties: { [k.total]: num, [k.part]: num, [k.rate]: { ...num, description: '报告中写明的比率（%）' } },
      };
    }
    case 'coverage':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['present', 'coverage_pct', 'units_covered', 'units_total'],
        properties: {
          present: { type: 'boolean' },
          coverage_pct: { ...num, minimum: 0, maximum: 100 },
          units_covered: { ...num, minimum: 0 },
          units_total: { ...num, minimum: 0 },
        },
      };
    case 'structure':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['found', 'missing'],
        properties: {
          found: { type: 'array', items: { type: 'string', enum: [...spec.parts] } },
          missing: { type: 'array', items: { type: 'string', enum: [...spec.parts] } },
        },
      };
    case 'publication':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'publishDate', 'deadline', 'daysLate'],
        properties: {
          status: { type: ['string', 'null'], enum: [...PUBLICATION_STATUS, null] },
          publishDate: { type: ['string', 'null'], format: 'date' },
          deadline: { type: ['string', 'null'], format: 'date' },
          daysLate: num,
        },
      };
    case 'specificity':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['quantPer1000', 'stockShare'],
        properties: {
          quantPer1000: { type: 'number', minimum: 0 },
          stockShare: { type: 'number', minimum: 0, maximum: 1 },
          quantifiedCount: { type: 'integer', minimum: 0 },
        },
      };
    default: {
      const never: never = kind;
      throw new Error(`unknown fact kind ${String(never)}`);
    }
  }
}
