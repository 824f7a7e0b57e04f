import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { problemsOf, posOf, writeRubrics } from './test-helpers.js';

/**
 * Every lint rule with a failing case. Each case is a small county override of a built-in, so
 * the rule is the only thing wrong; the problem must point at the line that caused it.
 */
const head = 'id: lint-case\ntitle: 测试细则\nversion: 1.0.0\nextends: national\n';

/** `needle`: where the problem must point; with `shift`, that many columns into the needle (a value after its key). */
function only(body: string, code: string, needle: string, nth = 1, shift = 0) {
  const text = head + body;
  const dir = writeRubrics({ 'case.yaml': text });
  const ps = problemsOf(join(dir, 'case.yaml'));
  expect(ps.map((p) => p.code)).toEqual([code]);
  const pos = posOf(text, needle, nth);
  expect(ps[0]).toMatchObject({ file: join(dir, 'case.yaml'), line: pos.line, col: pos.col + shift });
  return ps[0]!;
}

describe('lint rules', () => {
  test('E_RUBRIC_BANDS_ORDER: bands must go strictly down', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-meetings
        scoring: { type: bands, bands: [{ min: 1, points: 2 }, { min: 3, points: 4 }], official: false }
`,
      'E_RUBRIC_BANDS_ORDER',
      'min: 3',
      1,
      5,
    );
  });

  test('E_RUBRIC_BANDS_ORDER: equal mins are not strictly ordered', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-meetings
        scoring: { type: bands, bands: [{ min: 3, points: 4 }, { min: 3, points: 2 }], official: false }
`,
      'E_RUBRIC_BANDS_ORDER',
      'min: 3',
      2,
      5,
    );
  });

  test('E_RUBRIC_POINTS_SUM: points must add up to total (reported at total)', () => {
    const p = only('total: 120\n', 'E_RUBRIC_POINTS_SUM', '120');
    expect(p.message).toContain('100');
  });

  test('E_RUBRIC_POINTS_SUM after a re-weight points at the rubric total in the parent', () => {
    const text = `${head}categories:\n  - id: quality\n    indicators:\n      - id: content-specificity\n        points: 12\n`;
    const dir = writeRubrics({ 'case.yaml': text });
    const ps = problemsOf(join(dir, 'case.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_POINTS_SUM']);
    expect(ps[0]!.file).toMatch(/national\.yaml$/);
    expect(ps[0]!.message).toContain('102');
  });

  test('E_RUBRIC_POINTS_EXCEED: a band may not give more than the indicator is worth', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-meetings
        scoring: { type: bands, bands: [{ min: 3, points: 5 }, { min: 1, points: 2 }], official: false }
`,
      'E_RUBRIC_POINTS_EXCEED',
      'points: 5',
      1,
      8,
    );
  });

  test('E_RUBRIC_POINTS_EXCEED: nor a map value', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-shufa
        scoring: { type: map, values: { done: 11, planned: 2, absent: 0 }, official: false }
`,
      'E_RUBRIC_POINTS_EXCEED',
      'done: 11',
      1,
      6,
    );
  });

  test('E_RUBRIC_UNKNOWN_FACT: an indicator must read a declared fact', () => {
    const p = only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-shufa
        fact: shu_fa
`,
      'E_RUBRIC_UNKNOWN_FACT',
      'shu_fa',
    );
    expect(p.message).toContain('shufa');
  });

  test('E_RUBRIC_GRADES_ORDER: grades go down and end at 0', () => {
    const text = `${head}grades:\n  - { name: 优秀, min: 80 }\n  - { name: 良好, min: 90 }\n  - { name: 较差, min: 10 }\n`;
    const dir = writeRubrics({ 'case.yaml': text });
    const ps = problemsOf(join(dir, 'case.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_GRADES_ORDER', 'E_RUBRIC_GRADES_ORDER']);
    expect(ps[0]).toMatchObject(posOf(text, '90'));
    expect(ps[1]).toMatchObject(posOf(text, '10'));
  });

  test('E_RUBRIC_EXAMPLES: at least one earning and one non-earning example', () => {
    const p = only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-shufa
        examples:
          - { text: 镇党委书记在年终述职中同步述法。, earns: true }
`,
      'E_RUBRIC_EXAMPLES',
      'examples',
    );
    expect(p.message).toContain('earns: false');
  });

  test('E_RUBRIC_EXAMPLES: an expected value the fact can never take', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-shufa
        examples:
          - { text: 镇党委书记在年终述职中同步述法。, earns: true, value: dnoe }
          - { text: 将开展述法。, earns: false, value: planned }
`,
      'E_RUBRIC_EXAMPLES',
      'dnoe',
    );
  });

  test('E_RUBRIC_INCOMPLETE_INDICATOR: a new indicator lacks remedy and examples', () => {
    const p = only(
      `categories:
  - id: quality
    indicators:
      - id: new-one
        title: 新增指标
        fact: shufa
        points: 0
        scoring: { type: map, values: { done: 0 }, official: false }
        whenMissing: zero
        basis: { text: 依据, official: false }
`,
      'E_RUBRIC_INCOMPLETE_INDICATOR',
      'id: new-one',
    );
    expect(p.message).toContain('remedy、examples');
  });

  test('E_RUBRIC_DUPLICATE_ID: an added indicator may not reuse a category id', () => {
    only(
      `categories:
  - id: quality
    indicators:
      - id: disputes
        title: 重名
        fact: shufa
        points: 0
        scoring: { type: map, values: { done: 0 }, official: false }
        whenMissing: zero
        basis: { text: 依据, official: false }
        remedy: 改名。
        examples: [{ text: 述法, earns: true }, { text: 无, earns: false }]
`,
      'E_RUBRIC_DUPLICATE_ID',
      'disputes',
    );
  });

  test('E_RUBRIC_SCORING_KIND: `of` must name a key of the fact value', () => {
    const p = only(
      `categories:
  - id: administration
    indicators:
      - id: village-adviser-coverage
        scoring: { type: proportional, of: coverage, full: 100, official: false }
`,
      'E_RUBRIC_SCORING_KIND',
      'coverage,',
    );
    expect(p.message).toContain('coverage_pct');
  });

  test('E_RUBRIC_SCORING_KIND: map keys must be values the fact can take', () => {
    only(
      `categories:
  - id: administration
    indicators:
      - id: three-systems
        scoring: { type: map, values: { all: 12, some: 5, absent: 0 }, official: false }
`,
      'E_RUBRIC_SCORING_KIND',
      'some',
    );
  });

  test('E_RUBRIC_SCORING_KIND: deduct only for checklist or structure facts', () => {
    only(
      `categories:
  - id: leadership
    indicators:
      - id: leader-meetings
        scoring: { type: deduct, per: 1, official: false }
`,
      'E_RUBRIC_SCORING_KIND',
      'type: deduct',
      1,
      6,
    );
  });

  test('E_RUBRIC_SCHEMA: a fact with an unknown kind', () => {
    const p = only('facts:\n  shufa: { kind: stauts, title: 述法, terms: [述法] }\n', 'E_RUBRIC_SCHEMA', 'stauts');
    expect(p.message).toContain('status / checklist');
  });

  test('E_RUBRIC_SCHEMA: a version written as a number gets a hint', () => {
    const text = 'id: lint-case\ntitle: 测试细则\nversion: 1.0\nextends: national\n';
    const dir = writeRubrics({ 'case.yaml': text });
    const ps = problemsOf(join(dir, 'case.yaml'));
    expect(ps.map((p) => `${p.line}:${p.col} ${p.code}`)).toEqual(['3:10 E_RUBRIC_SCHEMA']);
    expect(ps[0]!.message).toContain('1.0.0');
  });

  test('E_RUBRIC_YAML: a duplicated key is a YAML error at the second key', () => {
    const text = `${head}total: 100\ntotal: 100\n`;
    const dir = writeRubrics({ 'case.yaml': text });
    const ps = problemsOf(join(dir, 'case.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_YAML']);
    expect(ps[0]!.line).toBe(6);
  });

  test('E_RUBRIC_SCHEMA: misspelt keys suggest the right one', () => {
    const p = only('categories:\n  - id: quality\n    indicator: []\n', 'E_RUBRIC_SCHEMA', 'indicator:');
    expect(p.message).toContain('indicators');
  });

  test('several problems in one file are all reported at once', () => {
    const text = `${head}totl: 100\ngrades: 优秀\ncategories:\n  - id: Bad_Id\n`;
    const dir = writeRubrics({ 'case.yaml': text });
    const ps = problemsOf(join(dir, 'case.yaml'));
    expect(ps).toHaveLength(3);
    expect(ps.map((p) => p.line)).toEqual([5, 6, 8]);
  });
});

describe('hostile YAML is refused quickly', () => {
  test('a billion-laughs alias bomb', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `id: bomb\ntitle: 炸弹\nversion: 1.0.0\ndescription: x\nfacts:\n  x:\n    kind: status\n    title: t\n    terms: [述法]\n    patterns: *i\n${lines.map((l) => `# ${l}`).join('\n')}\nlol:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const dir = writeRubrics({ 'bomb.yaml': text });
    const ps = problemsOf(join(dir, 'bomb.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_ALIAS_BOMB']);
  });

  test('deeply nested flow collections', () => {
    const text = `id: deep\ntitle: 深\nversion: 1.0.0\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const dir = writeRubrics({ 'deep.yaml': text });
    const ps = problemsOf(join(dir, 'deep.yaml'));
    expect(ps.map((p) => p.code)).toEqual(['E_RUBRIC_TOO_DEEP']);
    expect(ps[0]!.line).toBe(4);
  });

  test('deeply nested block mappings', () => {
    let text = 'id: deep\ntitle: 深\nversion: 1.0.0\n';
    for (let i = 0; i < 60; i++) text += `${' '.repeat(i)}k${i}:\n`;
    const dir = writeRubrics({ 'deep2.yaml': text });
    expect(problemsOf(join(dir, 'deep2.yaml')).map((p) => p.code)).toEqual(['E_RUBRIC_TOO_DEEP']);
  });

  test('a file too large to be a rubric', () => {
    const dir = writeRubrics({ 'big.yaml': `id: big\ndescription: "${'法'.repeat(1_100_000)}"\n` });
    expect(problemsOf(join(dir, 'big.yaml')).map((p) => p.code)).toEqual(['E_RUBRIC_TOO_LARGE']);
  });

  test('an empty file', () => {
    const dir = writeRubrics({ 'empty.yaml': '# nothing here\n' });
    expect(problemsOf(join(dir, 'empty.yaml')).map((p) => p.code)).toEqual(['E_RUBRIC_SCHEMA']);
  });
});
