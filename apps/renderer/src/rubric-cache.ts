// A small on-disk cache of resolved rubrics for `fazhi check`, whose cold start is dominated by
// parsing and validating the rubric YAML chain (≈ 250 ms of a ≈ 300 ms run, measured with
// --cpu-prof). The cache entry remembers every file of the chain (size + mtime) and the loader
// module itself, so an edited rubric, an edited parent or a new tool build is always reloaded.
// Any cache problem silently falls back to a normal load: the cache can never change a result.
// This module does not import core's loader, so `fazhi check` imports the loader (YAML + the
// rubric's zod schemas) only on a miss; `loadRubricCached` in rubric-loader.ts is both in one call.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION, type LoadedRubric } from '@fazhi/core';

interface Stamp {
  path: string;
  size: number;
  mtimeMs: number;
}
interface Entry {
  v: 1;
  tool: string;
  stamps: Stamp[];
  loaded: LoadedRubric;
}

function stampOf(path: string): Stamp | null {
  try {
    const s = statSync(path);
    return { path, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * The code that loaded the rubric: this module's own file (in the CLI bundle, core's loader is
 * bundled next to it and every build rewrites dist/) and core's entry, so a rebuild of either
 * invalidates every entry.
 */
function loaderFiles(): string[] {
  const files: string[] = [];
  try {
    files.push(fileURLToPath(import.meta.url));
  } catch {
    // not a file: URL
  }
  try {
    files.push(fileURLToPath(import.meta.resolve('@fazhi/core')));
  } catch {
    // core not resolvable from here (bundled CLI installed elsewhere)
  }
  return files;
}

export function cacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.FAZHI_CACHE_DIR) return env.FAZHI_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'fazhi', 'rubrics');
}

function entryFile(arg: string, env: Record<string, string | undefined>): string {
  const key = createHash('sha256').update(`${process.cwd()}\0${arg}`).digest('hex').slice(0, 32);
  return join(cacheDir(env), `${key}.json`);
}

/**
 * The cached, already validated rubric for `arg` (an id or a path, as given), when every file of
 * its chain and the loader are unchanged since it was stored; else undefined. Never throws.
 */
export function readCachedRubric(arg: string, env: Record<string, string | undefined> = process.env): LoadedRubric | undefined {
  if (env.FAZHI_NO_CACHE) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryFile(arg, env), 'utf8')) as Entry;
    const fresh =
      entry.v === 1 &&
      entry.tool === TOOL_VERSION &&
      entry.stamps.length > 0 &&
      entry.stamps.every((s) => {
        const now = stampOf(s.path);
        return now !== null && now.size === s.size && now.mtimeMs === s.mtimeMs;
      });
    return fresh ? entry.loaded : undefined;
  } catch {
    return undefined; // no entry, or unreadable: load normally
  }
}

/** Stores what `loadRubric(arg)` returned. Never throws: a read-only home or full disk only costs speed. */
export function writeCachedRubric(arg: string, loaded: LoadedRubric, env: Record<string, string | undefined> = process.env): void {
  if (env.FAZHI_NO_CACHE) return;
  try {
    const cwd = process.cwd();
    const paths = [...new Set([...loaded.chain.map((p) => resolve(cwd, p)), ...loaderFiles()])];
    const stamps = paths.map(stampOf);
    if (stamps.every((s): s is Stamp => s !== null)) {
      const entry: Entry = { v: 1, tool: TOOL_VERSION, stamps, loaded };
      const file = entryFile(arg, env);
      mkdirSync(cacheDir(env), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, file);
    }
  } catch {
    // a read-only home or full disk only costs speed
  }
}

