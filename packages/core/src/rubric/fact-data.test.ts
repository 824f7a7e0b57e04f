import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { builtinRubricIds, factDataSchema, factDataTypes, factTypeName, loadRubric } from '../index.js';

describe('fact data schema and types', () => {
  test('factTypeName is PascalCase + Fact', () => {
    expect(factTypeName('legal_adviser')).toBe('LegalAdviserFact');
    expect(factTypeName('shufa')).toBe('ShufaFact');
  });

  test.each(builtinRubricIds())('%s: one property per fact, typed by its kind', (id) => {
    const r = loadRubric(id).rubric;
    const s = factDataSchema(r) as { properties: Record<string, { $ref: string }>; definitions: Record<string, any> };
    expect(Object.keys(s.properties).sort()).toEqual(Object.keys(r.facts).sort());
    for (const [fid, spec] of Object.entries(r.facts)) {
      const def = s.definitions[factTypeName(fid)];
      expect(def.properties.kind.const).toBe(spec.kind);
      expect(def.properties.evidence.items.$ref).toBe('#/definitions/Evidence');
    }
    expect(s.definitions.Evidence.properties.quote).toBeDefined();
  });

  test('ratio values use the rubric-declared key names', () => {
    const s = factDataSchema(loadRubric('national').rubric) as { definitions: Record<string, any> };
    expect(Object.keys(s.definitions.MediationFact.properties.value.properties).sort()).toEqual(['disputes', 'rate_pct', 'resolved']);
  });

  test('the TypeScript declarations hold an interface per fact and compile', async () => {
    const loaded = loadRubric('example-county');
    const dts = await factDataTypes(loaded.rubric);
    expect(dts).toContain('export interface FactData');
    for (const fid of Object.keys(loaded.rubric.facts)) expect(dts).toContain(`export interface ${factTypeName(fid)}`);
    expect(dts).toMatch(/export type ShufaValue = \(?"done" \| "planned" \| "absent"\)?/);
    // Type-check the declarations together with a use of them.
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-types-'));
    writeFileSync(join(dir, 'facts.ts'), dts);
    writeFileSync(
      join(dir, 'use.ts'),
      `import type { FactData } from './facts';\nconst f: FactData = { shufa: { kind: 'status', value: 'done', evidence: [{ quote: '述法', start: 0, end: 2, line: 1, section: '一', modality: 'done' }] }, demo_villages: { kind: 'count', value: 5, evidence: [] } };\n// @ts-expect-error a status fact cannot be a number\nconst g: FactData = { shufa: { kind: 'status', value: 3, evidence: [] } };\nexport { f, g };\n`,
    );
    const program = ts.createProgram([join(dir, 'facts.ts'), join(dir, 'use.ts')], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });
});
