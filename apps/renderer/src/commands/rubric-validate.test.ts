import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import run from './rubric-validate.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const broken = `${repo}packages/core/test/fixtures/rubrics/broken.yaml`;

describe('fazhi rubric validate', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  test('valid built-in rubrics: exit 0 and one 中文 OK line each', () => {
    const files = ['national', 'township', 'county', 'department', 'example-county'].map((id) => `${repo}rubrics/${id}.yaml`);
    expect(run(files)).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(5);
    expect(out).toContain('有效');
    expect(err).toBe('');
  });

  test('a broken rubric: exit 1 and every located error as file:line:col CODE message', () => {
    expect(run([broken])).toBe(1);
    const lines = err.trim().split('\n');
    const located = lines.filter((l) => /:\d+:\d+ E_RUBRIC_/.test(l));
    expect(located.map((l) => l.slice(broken.length + 1).split(' ').slice(0, 2).join(' '))).toEqual([
      '6:10 E_RUBRIC_EXTENDS_NOT_FOUND',
      '11:17 E_RUBRIC_SCHEMA',
      '13:9 E_RUBRIC_SCHEMA',
      '14:13 E_RUBRIC_DUPLICATE_ID',
    ]);
    expect(lines.at(-1)).toContain('4 处错误');
  });

  test('one bad file among good ones still exits 1 and reports the good ones', () => {
    expect(run([`${repo}rubrics/township.yaml`, broken])).toBe(1);
    expect(out).toContain('township');
    expect(err).toContain('E_RUBRIC_DUPLICATE_ID');
  });
});
