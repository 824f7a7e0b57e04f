import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFazhiError } from '@fazhi/core';
import { loadOverrides, OverrideError, scoreFacts, validateOverrides } from './index.js';
import { fullFacts, nationalRubric, withFacts, fact } from './test-helpers.js';

const loaded = nationalRubric();
const dir = mkdtempSync(join(tmpdir(), 'fazhi-overrides-'));
const write = (name: string, src: string) => {
  const p = join(dir, name);
  writeFileSync(p, src);
  return p;
};
const reports = [fullFacts('reports/甲镇.txt'), fullFacts('reports/乙镇.txt')].map((f) => ({ file: f.file, sha256: f.source.sha256 }));

const VALID = `# 2025年复核结果
- report: 甲镇.txt
  indicator: leader-shufa
  points: 6
  reason: 述法只有书记一人，镇长未述法
  reviewer: 县司法局 张三
  date: 2025-05-10
- report: ${reports[1]!.sha256}
  indicator: village-adviser-coverage
  status: na
  reason: 街道无村（社区）建制
  reviewer: 县司法局 李四
  date: 2025-05-11
`;

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OverrideError);
    expect(isFazhiError(e)).toBe(true);
    return (e as OverrideError).problems;
  }
  throw new Error('expected an OverrideError');
}

describe('loadOverrides', () => {
  it('reads a valid file with locations', () => {
    const p = write('valid.yaml', VALID);
    const list = loadOverrides(p);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ report: '甲镇.txt', indicator: 'leader-shufa', points: 6, loc: { file: p, line: 2, col: 3 } });
    expect(list[1]!.loc!.line).toBe(8);
    expect(() => validateOverrides(list, reports, loaded.rubric)).not.toThrow();
  });

  it('accepts an `overrides:` map and an empty file', () => {
    expect(loadOverrides(write('map.yaml', `overrides:\n${VALID.replace(/^(?!#)/gm, '  ')}`))).toHaveLength(2);
    expect(loadOverrides(write('empty.yaml', '# nothing yet\n'))).toEqual([]);
  });

  const bad: { name: string; src: string; code: string; line: number; col?: number }[] = [
    { name: 'YAML syntax', src: '- report: a.txt\n  indicator: [x\n', code: 'E_OVERRIDE_YAML', line: 3 },
    { name: 'not a list', src: 'report: a.txt\n', code: 'E_OVERRIDE_SCHEMA', line: 1 },
    { name: 'unknown key', src: '- report: a.txt\n  indicator: leader-shufa\n  points: 1\n  reason: r\n  reviewer: x\n  date: 2025-05-01\n  pionts: 3\n', code: 'E_OVERRIDE_SCHEMA', line: 7, col: 3 },
    { name: 'bad date', src: '- report: a.txt\n  indicator: leader-shufa\n  points: 1\n  reason: r\n  reviewer: x\n  date: 5月1日\n', code: 'E_OVERRIDE_SCHEMA', line: 6, col: 9 },
    { name: 'neither points nor status', src: '- report: a.txt\n  indicator: leader-shufa\n  reason: r\n  reviewer: x\n  date: 2025-05-01\n', code: 'E_OVERRIDE_SCHEMA', line: 1, col: 3 },
    { name: 'negative points', src: '- report: a.txt\n  indicator: leader-shufa\n  points: -1\n  reason: r\n  reviewer: x\n  date: 2025-05-01\n', code: 'E_OVERRIDE_SCHEMA', line: 3, col: 11 },
    {
      name: 'same report and indicator twice',
      src: '- {report: a.txt, indicator: leader-shufa, points: 1, reason: r, reviewer: x, date: 2025-05-01}\n- {report: a.txt, indicator: leader-shufa, points: 2, reason: r, reviewer: x, date: 2025-05-01}\n',
      code: 'E_OVERRIDE_DUPLICATE',
      line: 2,
    },
  ];
  it.each(bad)('located error: $name', ({ name, src, code, line, col }) => {
    const p = write(`${name.replace(/\W/g, '_')}.yaml`, src);
    const [first] = problemsOf(() => loadOverrides(p));
    expect(first).toMatchObject({ code, file: p, line });
    if (col) expect(first!.col).toBe(col);
  });

  it('a missing file is a user error', () => {
    expect(() => loadOverrides(join(dir, 'nope.yaml'))).toThrow(/E_OVERRIDE_READ|无法读取/);
  });
});

describe('validateOverrides against the batch', () => {
  const p = write(
    'unknown.yaml',
    `- {report: 丙镇.txt, indicator: leader-shufa, points: 1, reason: r, reviewer: x, date: 2025-05-01}
- {report: 甲镇.txt, indicator: leader-shufaa, points: 1, reason: r, reviewer: x, date: 2025-05-01}
- {report: 甲镇.txt, indicator: leader-meetings, points: 5, reason: r, reviewer: x, date: 2025-05-01}
`,
  );
  const list = loadOverrides(p);
  it('names unknown reports, unknown indicators and points above max, each at its line', () => {
    const problems = problemsOf(() => validateOverrides(list, reports, loaded.rubric));
    expect(problems.map((x) => [x.code, x.line])).toEqual([
      ['E_OVERRIDE_UNKNOWN_REPORT', 1],
      ['E_OVERRIDE_UNKNOWN_INDICATOR', 2],
      ['E_OVERRIDE_POINTS', 3],
    ]);
    expect(problems[0]!.message).toMatch(/丙镇\.txt/);
    const e = (() => {
      try {
        validateOverrides(list, reports, loaded.rubric);
      } catch (x) {
        return x as OverrideError;
      }
    })()!;
    expect(e.format().split('\n')[0]).toBe(`${p}:1:3: E_OVERRIDE_UNKNOWN_REPORT ${problems[0]!.message}`);
  });
});

describe('applying overrides', () => {
  const list = loadOverrides(write('apply.yaml', VALID));
  const AT = '2026-01-01T00:00:00.000Z';
  it('sets points, keeps the original and the reason, and recomputes totals', () => {
    const card = scoreFacts(loaded, fullFacts('reports/甲镇.txt'), { overrides: list, generatedAt: AT });
    const r = card.indicators.find((i) => i.id === 'leader-shufa')!;
    expect(r.points).toBe(6);
    expect(r.status).toBe('partial');
    expect(r.override).toEqual({ points: 6, reason: '述法只有书记一人，镇长未述法', reviewer: '县司法局 张三', date: '2025-05-10', originalPoints: 10 });
    expect(r.rule).toMatch(/^人工复核：10 分 → 6 分/);
    expect(card.total).toBe(96);
    // the other report's override (by sha256) does not touch this one
    expect(card.indicators.find((i) => i.id === 'village-adviser-coverage')!.override).toBeUndefined();
  });
  it('status na by sha256 takes the indicator out of max, and clears review', () => {
    const fs = withFacts(fullFacts('reports/乙镇.txt'), {
      legal_adviser: fact('coverage', { present: true, coverage_pct: null, units_covered: null, units_total: null }),
    });
    const before = scoreFacts(loaded, fs, { generatedAt: AT });
    expect(before.review).toEqual(['village-adviser-coverage']);
    const card = scoreFacts(loaded, fs, { overrides: list, generatedAt: AT });
    expect(card.review).toEqual([]);
    expect(card.max).toBe(94);
    expect(card.indicators.find((i) => i.id === 'village-adviser-coverage')!.status).toBe('na');
  });
  it('refuses points above the maximum even without validateOverrides', () => {
    const o = [{ report: '甲镇.txt', indicator: 'leader-meetings', points: 9, reason: 'r', reviewer: 'x', date: '2025-05-01' }];
    expect(() => scoreFacts(loaded, fullFacts('reports/甲镇.txt'), { overrides: o })).toThrow(/超过满分/);
  });
});
