// The built-in rubrics (rubrics/*.yaml), loaded and validated at BUILD time into
// dist/builtin-rubrics.json, so that even the first `fazhi check` on a machine skips parsing the
// YAML chain and validating it (≈ 300 ms of a ≈ 550 ms first run). An entry is used only when
// every file of its chain still has the sha256 it had at build time; otherwise — an edited
// rubric, FAZHI_RUBRICS_DIR or FAZHI_NO_CACHE set, a file named like the id in the working
// directory, a run from source — the normal loader (and the on-disk cache) takes over. It cannot
// change a result: the entry is what loadRubric returned for exactly these bytes, with this
// build's loader, from the rubrics directory that loader finds (recorded relative to dist/, which
// is where the bundled loader looks from). This module does not import core's rubric code: in
// the CLI bundle that would put the whole loader into `fazhi check`'s start-up chunks.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION, type LoadedRubric, type Rubric } from '@fazhi/core';

export interface BuiltinTable {
  v: 1;
  tool: string;
  /** The built-in rubrics directory, relative to the table file. */
  dir: string;
  rubrics: Record<string, { rubric: Rubric; sha256: string; chain: { name: string; sha256: string }[] }>;
}

const fileSha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The table for the built-in rubrics `ids` in `dir`, to be written to `tableFile`; a rubric that
 * does not load is left out.
 */
export function compileBuiltinTable(dir: string, ids: string[], load: (id: string) => LoadedRubric, tableFile: string, tool = TOOL_VERSION): BuiltinTable {
  const table: BuiltinTable = { v: 1, tool, dir: relative(dirname(resolve(tableFile)), resolve(dir)), rubrics: {} };
  for (const id of ids) {
    let loaded: LoadedRubric;
    try {
      loaded = load(id);
    } catch {
      continue; // a broken built-in rubric: users get the loader's located errors at run time
    }
    const files = loaded.chain.map((p) => resolve(p));
    if (files.some((f) => dirname(f) !== resolve(dir))) continue; // extends a file outside rubrics/
    table.rubrics[id] = { rubric: loaded.rubric, sha256: loaded.sha256, chain: files.map((f) => ({ name: basename(f), sha256: fileSha(f) })) };
  }
  return table;
}

/** Like core's: relative to the working directory when inside it. */
function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** `loadRubric(arg)` from `table` when `arg` is a built-in id whose files in `dir` are unchanged. */
export function builtinFromTable(arg: string, table: BuiltinTable, dir: string, cwd = process.cwd()): LoadedRubric | undefined {
  if (table.v !== 1 || table.tool !== TOOL_VERSION || !Object.hasOwn(table.rubrics, arg)) return undefined;
  if (isFile(resolve(cwd, arg))) return undefined; // loadRubric reads a file of that name first
  const entry = table.rubrics[arg]!;
  try {
    if (!entry.chain.every((c) => fileSha(join(dir, c.name)) === c.sha256)) return undefined;
  } catch {
    return undefined;
  }
  const chain = entry.chain.map((c) => displayPath(join(dir, c.name), cwd));
  return { rubric: entry.rubric, sha256: entry.sha256, file: chain[0]!, chain };
}

let table: { t: BuiltinTable; dir: string } | null | undefined;

/**
 * The built-in rubric `arg` from the table next to this module (dist/builtin-rubrics.json), when
 * it applies (see above).
 */
export function readBuiltinRubric(arg: string, env: Record<string, string | undefined> = process.env): LoadedRubric | undefined {
  // FAZHI_NO_CACHE=1: everything from the YAML, as with the on-disk cache; FAZHI_RUBRICS_DIR:
  // core's own override of where the built-ins live
  if (env.FAZHI_NO_CACHE || env.FAZHI_RUBRICS_DIR) return undefined;
  if (table === undefined) {
    try {
      const file = fileURLToPath(new URL('./builtin-rubrics.json', import.meta.url));
      const t = JSON.parse(readFileSync(file, 'utf8')) as BuiltinTable;
      table = { t, dir: resolve(dirname(file), t.dir) };
    } catch {
      table = null; // not built (tests run from source), or unreadable
    }
  }
  return table ? builtinFromTable(arg, table.t, table.dir) : undefined;
}
