import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { builtinRubricDir, builtinRubricIds, canonicalJson, formatProblem, loadRubric, loadRubricText, RubricError, Rubric } from '../index.js';
import { posOf, problemsOf, writeRubrics } from './test-helpers.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/rubrics/', import.meta.url));

describe('built-in rubrics', () => {
  const ids = builtinRubricIds();

  test('are found relative to the package and include the presets', () => {
    expect(builtinRubricDir()).toMatch(/rubrics$/);
    for (const id of ['national', 'township', 'county', 'department', 'example-county']) expect(ids).toContain(id);
  });

  test.each(ids)('%s loads, validates strictly and hashes deterministically', (id) => {
    const a = loadRubric(id);
    expect(a.rubric.id).toBe(id);
    expect(() => Rubric.parse(a.rubric)).not.toThrow();
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.chain[0]).toBe(a.file);
    const b = loadRubric(join(builtinRubricDir()!, `${id}.yaml`));
    expect(b.sha256).toBe(a.sha256);
    const sum = a.rubric.categories.flatMap((c) => c.indicators).reduce((s, i) => s + i.points, 0);
    expect(sum).toBeCloseTo(a.rubric.total, 6);
  });

  test.each(ids)('%s starts with the yaml-language-server schema line', (id) => {
    const text = readFileSync(join(builtinRubricDir()!, `${id}.yaml`), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../packages/core/schema/rubric.schema.json');
  });

  test('presets target their unit types', () => {
    expect(loadRubric('township').rubric.applies_to).toEqual(['township']);
    expect(loadRubric('county').rubric.applies_to).toEqual(['county']);
    expect(loadRubric('department').rubric.applies_to).toEqual(['department']);
  });

  test('the default rubric declares the contract fact ids', () => {
    const facts = Object.keys(loadRubric('national').rubric.facts);
    for (const f of ['shufa', 'three_systems', 'legal_adviser', 'mediation', 'legality_reviews']) expect(facts).toContain(f);
  });

  test('the sha256 is that of the canonical JSON and changes with any weight', () => {
    const a = loadRubric('township');
    const r2 = structuredClone(a.rubric);
    r2.categories[0]!.indicators[0]!.points += 1;
    expect(canonicalJson(r2)).not.toBe(canonicalJson(a.rubric));
    // Key order does not matter.
    const reordered = Object.fromEntries(Object.entries(a.rubric).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(a.rubric));
  });

  test('an unknown id or path is one clear error naming the built-ins', () => {
    const ps = problemsOf('no-such-rubric');
    expect(ps).toHaveLength(1);
    expect(ps[0]!.code).toBe('E_RUBRIC_NOT_FOUND');
    expect(ps[0]!.message).toContain('township');
  });
});

describe('a broken rubric', () => {
  const file = join(fixtures, 'broken.yaml');
  const text = readFileSync(file, 'utf8');

  test('reports exactly its four errors, each at the right line:col', () => {
    const ps = problemsOf(file);
    const got = ps.map((p) => `${p.line}:${p.col} ${p.code}`);
    expect(got).toEqual([
      '6:10 E_RUBRIC_EXTENDS_NOT_FOUND',
      '11:17 E_RUBRIC_SCHEMA',
      '13:9 E_RUBRIC_SCHEMA',
      '14:13 E_RUBRIC_DUPLICATE_ID',
    ]);
    // The positions are where the words are written.
    expect(posOf(text, 'no-such-rubric')).toEqual({ line: 6, col: 10 });
    expect(posOf(text, '十二')).toEqual({ line: 11, col: 17 });
    expect(posOf(text, 'remdy')).toEqual({ line: 13, col: 9 });
    expect(posOf(text, 'mediation-success-rate', 2)).toEqual({ line: 14, col: 13 });
    expect(ps[2]!.message).toContain('remedy');
    for (const p of ps) expect(formatProblem(p)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ E_RUBRIC_[A-Z_]+ .+`));
  });

  test('RubricError.format prints one located line per problem', () => {
    try {
      loadRubric(file);
      expect.unreachable();
    } catch (e) {
      expect((e as RubricError).format().split('\n')).toHaveLength(4);
    }
  });
});

describe('extends', () => {
  const child = (body: string) => `id: my-county\ntitle: 某县细则\nversion: 1.0.0\n${body}`;

  test('re-weights, re-bands, drops, adds, and overrides a fact', () => {
    const dir = writeRubrics({
      'c.yaml': child(`extends: township
facts:
  shufa: { kind: status, title: 述法（本县口径）, terms: [述法, 述职述法] }
  appearance_rate_county: { kind: rate, title: 出庭应诉率（县口径）, terms: [出庭应诉率] }
drop: [legality-review]
categories:
  - id: disputes
    indicators:
      - id: mediation-success-rate
        points: 14
        scoring: { type: bands, of: rate_pct, bands: [{ min: 99, points: 14 }, { min: 90, points: 6 }], official: false }
  - id: county-extra
    title: 本县特色
    indicators:
      - id: court-appearance
        title: 行政机关负责人出庭应诉
        fact: appearance_rate_county
        points: 6
        scoring: { type: bands, bands: [{ min: 100, points: 6 }, { min: 0, points: 2 }], official: false }
        whenMissing: review
        basis: { text: 行政诉讼法第三条, official: true }
        remedy: 写明出庭应诉率。
        examples:
          - { text: 负责人出庭应诉率100%。, earns: true }
          - { text: 力争出庭应诉率100%。, earns: false }
`),
    });
    const l = loadRubric(join(dir, 'c.yaml'));
    const inds = Object.fromEntries(l.rubric.categories.flatMap((c) => c.indicators.map((i) => [i.id, { ...i, cat: c.id }])));
    const base = loadRubric('township').rubric;
    const baseInd = Object.fromEntries(base.categories.flatMap((c) => c.indicators.map((i) => [i.id, i])));
    // re-weight + re-band: the given keys replace, the rest is inherited
    expect(inds['mediation-success-rate']!.points).toBe(14);
    expect(inds['mediation-success-rate']!.scoring).toMatchObject({ type: 'bands', bands: [{ min: 99 }, { min: 90 }] });
    expect(inds['mediation-success-rate']!.remedy).toBe(baseInd['mediation-success-rate']!.remedy);
    // drop
    expect(inds['legality-review']).toBeUndefined();
    // add (new category at the end)
    expect(inds['court-appearance']!.cat).toBe('county-extra');
    expect(l.rubric.categories.at(-1)!.id).toBe('county-extra');
    // fact override and new fact
    expect(l.rubric.facts.shufa).toMatchObject({ title: '述法（本县口径）', terms: ['述法', '述职述法'] });
    expect(l.rubric.facts.appearance_rate_county!.kind).toBe('rate');
    // scalars inherited
    expect(l.rubric.total).toBe(base.total);
    expect(l.rubric.applies_to).toEqual(['township']);
    expect(l.chain.map((f) => f.split('/').at(-1))).toEqual(['c.yaml', 'township.yaml', 'national.yaml']);
    // total still 100: -8 (legality-review) +2 (mediation) +6 (new)
    expect(l.sha256).not.toBe(loadRubric('township').sha256);
  });

  test('a relative path extends, and errors point at the file and line where the key was written', () => {
    const dir = writeRubrics({
      'parent.yaml': child(`extends: township\ncategories:\n  - id: disputes\n    indicators:\n      - id: mediation-success-rate\n        scoring: { type: bands, of: rate_pct, bands: [{ min: 90, points: 4 }, { min: 95, points: 8 }], official: false }\n`).replace('id: my-county', 'id: parent'),
      'kid.yaml': child('extends: ./parent.yaml\n'),
    });
    const ps = problemsOf(join(dir, 'kid.yaml'));
    const bands = ps.filter((p) => p.code === 'E_RUBRIC_BANDS_ORDER');
    expect(bands).toHaveLength(1);
    expect(bands[0]!.file.endsWith('parent.yaml')).toBe(true);
    const parentText = readFileSync(join(dir, 'parent.yaml'), 'utf8');
    expect(bands[0]).toMatchObject(posOf(parentText, '95'));
    // the points no longer add up: reported at `total`, which the national file wrote
    const sum = ps.find((p) => p.code === 'E_RUBRIC_POINTS_SUM');
    expect(sum).toBeUndefined();
  });

  test('a cycle is refused with the chain in the message', () => {
    const dir = writeRubrics({ 'a.yaml': child('extends: ./b.yaml\n'), 'b.yaml': child('extends: ./c.yaml\n'), 'c.yaml': child('extends: ./a.yaml\n') });
    const ps = problemsOf(join(dir, 'a.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_EXTENDS_CYCLE']);
    expect(ps[0]!.message).toMatch(/a\.yaml → .*b\.yaml → .*c\.yaml → .*a\.yaml/);
    expect(ps[0]!.file.endsWith('c.yaml')).toBe(true);
  });

  test("a child may not reuse its parent's id", () => {
    const text = child('extends: township\n').replace('id: my-county', 'id: township');
    const dir = writeRubrics({ 'same.yaml': text });
    const ps = problemsOf(join(dir, 'same.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_DUPLICATE_ID']);
    expect(ps[0]).toMatchObject({ line: 1, col: 5 });
  });

  test('a rubric extending itself is a cycle', () => {
    const dir = writeRubrics({ 'self.yaml': child('extends: ./self.yaml\n') });
    expect(problemsOf(join(dir, 'self.yaml')).map((p) => p.code)).toEqual(['E_RUBRIC_EXTENDS_CYCLE']);
  });

  test('drop of an unknown id is an error at that entry', () => {
    const text = child('extends: national\ndrop: [no-such-indicator]\n');
    const dir = writeRubrics({ 'd.yaml': text });
    const ps = problemsOf(join(dir, 'd.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_DROP_UNKNOWN']);
    expect(ps[0]).toMatchObject(posOf(text, 'no-such-indicator'));
  });

  test('a new indicator must be complete', () => {
    const text = child(`extends: national
categories:
  - id: quality
    indicators:
      - id: brand-new
        title: 新指标
        points: 0
`);
    const dir = writeRubrics({ 'n.yaml': text });
    const ps = problemsOf(join(dir, 'n.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_INCOMPLETE_INDICATOR']);
    expect(ps[0]).toMatchObject(posOf(text, 'id: brand-new'));
    expect(ps[0]!.message).toMatch(/fact.*scoring.*whenMissing.*basis.*remedy.*examples/);
  });

  test('builtinsOnly refuses path extends (untrusted uploads)', () => {
    const dir = writeRubrics({ 'p.yaml': child('extends: township\n').replace('id: my-county', 'id: p') });
    try {
      loadRubricText(child('extends: ./p.yaml\n'), 'upload.yaml', { baseDir: dir, builtinsOnly: true });
      expect.unreachable();
    } catch (e) {
      expect((e as RubricError).problems.map((p) => p.code)).toEqual(['E_RUBRIC_EXTENDS_NOT_FOUND']);
    }
    expect(loadRubricText(child('extends: township\n'), 'upload.yaml', { builtinsOnly: true }).chain).toHaveLength(3);
  });

  test('a rubric saved as GB18030 (Notepad) is read, not garbled', async () => {
    const text = child('extends: township\ndescription: 本县细则（GB18030 编码）\n');
    const dir = writeRubrics({});
    const { writeFileSync } = await import('node:fs');
    // Encode by hand: TextEncoder only does UTF-8; these characters map via a tiny GBK table.
    const gbk = encodeGbk(text);
    writeFileSync(join(dir, 'gbk.yaml'), gbk);
    const l = loadRubric(join(dir, 'gbk.yaml'));
    expect(l.rubric.title).toBe('某县细则');
    expect(l.rubric.description).toBe('本县细则（GB18030 编码）');
  });

  test('loadRubricText resolves relative extends against baseDir', () => {
    const dir = writeRubrics({ 'p.yaml': child('extends: township\n').replace('id: my-county', 'id: p') });
    const l = loadRubricText(child('extends: ./p.yaml\n'), 'upload.yaml', { baseDir: dir });
    expect(l.chain).toHaveLength(4);
    expect(l.rubric.id).toBe('my-county');
  });
});

/** GBK bytes of a string, found by searching the decoder's table (test helper; slow but exact). */
function encodeGbk(s: string): Uint8Array {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}
