// Core's rubric loader (YAML parsing, the rubric's zod schemas, zod's locales) behind a module of
// its own: `fazhi check` imports this dynamically, only when a rubric is not in the on-disk cache
// (rubric-cache.ts). Nothing that `check` imports statically may import this module: the bundler
// would then put the loader into check's chunks. (A dynamic import of '@fazhi/core' itself would
// put all of core into the chunk every command loads at start.)
import { loadRubric, type LoadedRubric } from '@fazhi/core';
import { readCachedRubric, writeCachedRubric } from './rubric-cache.js';

export { loadRubric };

/**
 * `loadRubric` with the on-disk cache, keyed by the argument and the working directory (built-in
 * paths in `file`/`chain` are relative to it). Disabled with FAZHI_NO_CACHE=1.
 */
export function loadRubricCached(arg: string, env: Record<string, string | undefined> = process.env): LoadedRubric {
  const hit = readCachedRubric(arg, env);
  if (hit) return hit;
  const loaded = loadRubric(arg);
  writeCachedRubric(arg, loaded, env);
  return loaded;
}
