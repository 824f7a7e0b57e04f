import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { generateJsonSchemas, jsonSchemaText } from './json-schema.js';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

describe('committed JSON Schemas', () => {
  const generated = generateJsonSchemas();

  test.each(Object.keys(generated))('%s matches the zod schemas (run `pnpm gen` when this fails)', (name) => {
    const committed = readFileSync(schemaDir + name, 'utf8');
    expect(committed, `packages/core/schema/${name} 已过期：请运行 pnpm gen 并提交`).toBe(jsonSchemaText(generated[name]));
  });

  test('no stray schema file is left behind', () => {
    expect(readdirSync(schemaDir).sort()).toEqual(Object.keys(generated).sort());
  });

  test('a changed zod schema would make the check fail', () => {
    // The comparison is byte-for-byte: any change in a schema changes the text.
    const a = jsonSchemaText(z.toJSONSchema(z.strictObject({ a: z.string() }), { target: 'draft-7' }));
    const b = jsonSchemaText(z.toJSONSchema(z.strictObject({ a: z.string(), b: z.number().optional() }), { target: 'draft-7' }));
    expect(a).not.toBe(b);
  });

  test('the rubric schema rejects unknown keys, so editors flag typos', () => {
    const rubric = generated['rubric.schema.json'] as { definitions: Record<string, { additionalProperties?: unknown }> };
    expect(rubric.definitions.RubricFile!.additionalProperties).toBe(false);
  });
});
