import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { builtinRubricDir, builtinRubricIds } from '../rubric/paths.js';
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

  test('what editors validate against accepts every built-in rubric and flags the broken fixture', () => {
    // Round-trip the committed JSON Schema back into a validator: this is what the
    // yaml-language-server line at the top of each rubric makes an editor check.
    const editor = z.fromJSONSchema(JSON.parse(readFileSync(schemaDir + 'rubric.schema.json', 'utf8')));
    for (const id of builtinRubricIds()) {
      const data = parse(readFileSync(`${builtinRubricDir()}/${id}.yaml`, 'utf8'));
      expect(editor.safeParse(data).success, id).toBe(true);
    }
    const broken = parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/rubrics/broken.yaml', import.meta.url)), 'utf8'));
    const r = editor.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.code}:${i.path.join('.')}`).sort()).toEqual([
      'invalid_type:categories.0.indicators.0.points',
      'unrecognized_keys:categories.0.indicators.1',
    ]);
  });
});
