import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { builtinRubricDir, loadRubricText, RubricError } from '../index.js';

/** Any input gives a rubric or a RubricError with located problems: never a crash, never an unlocated error. */
function check(text: string): void {
  try {
    loadRubricText(text, join(builtinRubricDir()!, 'fuzz-case.yaml'), { builtinsOnly: true });
  } catch (e) {
    expect(e).toBeInstanceOf(RubricError);
    const ps = (e as RubricError).problems;
    expect(ps.length).toBeGreaterThan(0);
    for (const p of ps) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.col).toBeGreaterThanOrEqual(1);
      expect(p.code).toMatch(/^E_RUBRIC_[A-Z_]+$/);
    }
  }
}

describe('loader robustness', () => {
  const township = readFileSync(join(builtinRubricDir()!, 'township.yaml'), 'utf8').replace('id: township', 'id: fuzz-case');
  const lines = township.split('\n');

  test('arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => check(s)), { numRuns: 150 });
  });

  test('a real rubric with lines deleted, duplicated or swapped', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(lines.length - 1), fc.constantFrom('del', 'dup', 'swap')), { maxLength: 4 }), (ops) => {
        const ls = [...lines];
        for (const [i, j, op] of ops) {
          if (op === 'del') ls.splice(i % ls.length, 1);
          else if (op === 'dup') ls.splice(i % ls.length, 0, ls[j % ls.length]!);
          else [ls[i % ls.length], ls[j % ls.length]] = [ls[j % ls.length]!, ls[i % ls.length]!];
        }
        check(ls.join('\n'));
      }),
      { numRuns: 60 },
    );
  });
});
