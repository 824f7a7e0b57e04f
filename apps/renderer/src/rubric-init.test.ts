import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadRubric, loadRubricText } from '@fazhi/core';
import { init } from './commands/rubric.js';
import { rubricIdFromStem, starterRubric } from './rubric-init.js';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fazhi rubric init', () => {
  it('writes a county rubric that extends township and validates', () => {
    const file = join(dir, 'yunling-county.yaml');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(init(file)).toBe(0);
    } finally {
      write.mockRestore();
    }
    const loaded = loadRubric(file);
    expect(loaded.rubric.id).toBe('yunling-county');
    expect(loaded.chain.length).toBe(3); // this file ← township ← national
    const ids = loaded.rubric.categories.flatMap((c) => c.indicators.map((i) => i.id));
    expect(ids).toContain('major-decisions'); // added
    expect(ids).not.toContain('legality-review'); // dropped
    const all = loaded.rubric.categories.flatMap((c) => c.indicators);
    expect(all.find((i) => i.id === 'three-systems')?.points).toBe(12); // re-weighted
    expect(all.find((i) => i.id === 'mediation-success-rate')?.scoring).toMatchObject({ type: 'bands', bands: [{ min: 97 }, { min: 93 }, { min: 0 }] }); // re-banded
    expect(all.reduce((s, i) => s + i.points, 0)).toBe(loaded.rubric.total);
  });

  it('refuses to overwrite an existing file', () => {
    const file = join(dir, 'existing.yaml');
    writeFileSync(file, '# mine\n');
    expect(() => init(file)).toThrow(/E_EXISTS|已存在/);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
  });

  it('derives a valid id from any file name', () => {
    expect(rubricIdFromStem('Yunling_County 2025')).toBe('yunling-county-2025');
    expect(rubricIdFromStem('云岭县细则')).toBe('my-county');
    expect(() => loadRubricText(starterRubric('云岭县细则'), join(dir, 'x.yaml'))).not.toThrow();
  });
});
