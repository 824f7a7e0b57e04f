import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null | undefined;

/**
 * The directory of the built-in rubrics (`<repo>/rubrics`). Found by walking up from this
 * module, so it works from `src/` (tests), from `dist/` and from a bundle that inlined core.
 * `FAZHI_RUBRICS_DIR` overrides it (packaged installs).
 */
export function builtinRubricDir(): string | null {
  if (cached !== undefined) return cached;
  const env = process.env.FAZHI_RUBRICS_DIR;
  if (env && existsSync(join(env, 'national.yaml'))) return (cached = env);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const cand = join(dir, 'rubrics');
    if (existsSync(join(cand, 'national.yaml'))) return (cached = cand);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (cached = null);
}

/** Ids of the built-in rubrics (file names in `rubrics/` without `.yaml`), sorted. */
export function builtinRubricIds(): string[] {
  const dir = builtinRubricDir();
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => /^[a-z][a-z0-9-]*\.yaml$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort();
}

export const isBuiltinIdLike = (s: string): boolean => /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(s);

export function builtinRubricPath(id: string): string | null {
  const dir = builtinRubricDir();
  if (!dir || !isBuiltinIdLike(id)) return null;
  const p = join(dir, `${id}.yaml`);
  return existsSync(p) ? p : null;
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
