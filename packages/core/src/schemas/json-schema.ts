import { z } from 'zod';
import { FactSet } from './factset.js';
import { RubricFile } from './rubric.js';
import { Scorecard } from './scorecard.js';
import { BatchResult } from './batch.js';
import { SourceDocument } from './source.js';

/** The JSON Schemas committed under `packages/core/schema/`, generated from the zod schemas (never hand-written). */
export const JSON_SCHEMA_SOURCES = {
  'rubric.schema.json': { schema: RubricFile, title: '评分细则 YAML 文件 / Fazhi Scorecard rubric file', io: 'input' },
  'factset.schema.json': { schema: FactSet, title: '事实集 / FactSet (extracted facts with verbatim evidence)', io: 'output' },
  'scorecard.schema.json': { schema: Scorecard, title: '评分卡 / Scorecard', io: 'output' },
  'batch-result.schema.json': { schema: BatchResult, title: '批量评分汇总 / BatchResult (ranking, statistics, copy detection)', io: 'output' },
  'source-document.schema.json': { schema: SourceDocument, title: '源文档 / SourceDocument (decoded report text and view)', io: 'output' },
} as const;

/**
 * Draft-7 JSON Schemas (draft-7 because editors' YAML plugins and json-schema-to-typescript
 * handle it best), keyed by file name. Deterministic: the same zod schemas give the same bytes.
 */
export function generateJsonSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, { schema, title, io }] of Object.entries(JSON_SCHEMA_SOURCES)) {
    const js = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
    out[name] = { $comment: 'Generated from packages/core/src/schemas by `pnpm gen`. Do not edit.', title, ...js };
  }
  return out;
}

/** The text written to each file: two-space JSON and a final newline. */
export const jsonSchemaText = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;
