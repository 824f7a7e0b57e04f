import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRubric } from '@fazhi/core';
import { loadRubricCached } from './rubric-loader.js';
import { starterRubric } from './rubric-init.js';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { FAZHI_CACHE_DIR: join(dir, 'cache') };

describe('rubric cache for fazhi check', () => {
  it('gives the same LoadedRubric as loadRubric, from the cache on the second call', () => {
    const a = loadRubricCached('township', env);
    expect(readdirSync(env.FAZHI_CACHE_DIR)).toHaveLength(1);
    const b = loadRubricCached('township', env);
    expect(b).toEqual(loadRubric('township'));
    expect(b).toEqual(a);
  });

  it('reloads when a file of the chain changes', () => {
    const file = join(dir, 'county.yaml');
    writeFileSync(file, starterRubric('county'));
    const first = loadRubricCached(file, env);
    expect(loadRubricCached(file, env).sha256).toBe(first.sha256);
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1.0.0', 'version: 1.0.1'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = loadRubricCached(file, env);
    expect(second.rubric.version).toBe('1.0.1');
    expect(second.sha256).not.toBe(first.sha256);
  });

  it('survives a corrupt cache entry and can be switched off', () => {
    for (const f of readdirSync(env.FAZHI_CACHE_DIR)) writeFileSync(join(env.FAZHI_CACHE_DIR, f), '{not json');
    expect(loadRubricCached('township', env).rubric.id).toBe('township');
    expect(loadRubricCached('township', { FAZHI_NO_CACHE: '1' }).rubric.id).toBe('township');
  });
});
