import { z } from 'zod';
import { Evidence } from '../schemas/evidence.js';
import type { Rubric } from '../schemas/rubric.js';
import { valueJsonSchema } from './kinds.js';

const pascal = (id: string): string => id.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** The interface name a fact gets in `factDataTypes` (`legal_adviser` → `LegalAdviserFact`). */
export const factTypeName = (factId: string): string => `${pascal(factId)}Fact`;

/**
 * JSON Schema (draft-7) of the fact data this rubric consumes: one property per fact id, each
 * `{ kind, value, evidence[] }` with the value shape of its kind (see `valueJsonSchema`). For
 * integrators who feed facts from their own systems instead of running the extractor. A fact
 * left out counts as "not found" (the indicator's `whenMissing` applies).
 */
export function factDataSchema(rubric: Rubric): Record<string, unknown> {
  const ev = z.toJSONSchema(Evidence, { target: 'draft-7' }) as { definitions?: Record<string, unknown> } & Record<string, unknown>;
  const { $schema: _s, definitions: evDefs, ...evidenceSchema } = ev;
  const definitions: Record<string, unknown> = { ...(evDefs ?? {}) };
  if (!definitions.Evidence) definitions.Evidence = evidenceSchema;
  // Evidence's own $ref to Modality must point into this document.
  const properties: Record<string, unknown> = {};
  for (const [id, spec] of Object.entries(rubric.facts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = factTypeName(id);
    const value = { title: `${pascal(id)}Value`, ...valueJsonSchema(spec) };
    definitions[name] = {
      title: name,
      description: `${spec.title}（${spec.kind}）`,
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'value', 'evidence'],
      properties: {
        kind: { type: 'string', const: spec.kind },
        value,
        evidence: { type: 'array', items: { $ref: '#/definitions/Evidence' }, description: '逐字证据；没有 done 证据的事实不得分' },
        approximate: { type: 'array', items: { type: 'string' }, description: '以“余/近/约/多”表述的数值所在的键' },
        detail: { type: 'object', additionalProperties: true },
      },
    };
    properties[id] = { $ref: `#/definitions/${name}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'FactData',
    description: `细则 ${rubric.id} ${rubric.version}（${rubric.title}）所需的事实数据 / fact data consumed by this rubric`,
    type: 'object',
    additionalProperties: false,
    properties,
    definitions,
  };
}

/** TypeScript declarations of `factDataSchema(rubric)` (json-schema-to-typescript): one interface per fact. */
export async function factDataTypes(rubric: Rubric): Promise<string> {
  const { compile } = await import('json-schema-to-typescript');
  const schema = factDataSchema(rubric);
  return compile(schema as Parameters<typeof compile>[0], 'FactData', {
    bannerComment: `/* 由 fazhi 根据细则 ${rubric.id} ${rubric.version} 生成，请勿手改 / generated from rubric ${rubric.id} ${rubric.version} */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
  });
}
