// End-to-end: what the BUILT `fazhi check` loads at start. Its cold start is what a township
// feels (issue 8: ≤ 400 ms, measured in bench/, never here); these assert the STRUCTURE that keeps
// it short, so a regression shows up as a failing test rather than as a slower benchmark: no
// commander, no YAML parser or rubric loader for a built-in rubric (precompiled at build time,
// apps/renderer/src/builtin-rubrics.ts) or a cached one, and none of zod's ~60 locales.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/renderer/dist/cli.js');
const GOOD = join(ROOT, 'examples/reports/2024-云岭县青石镇-法治政府建设年度报告.txt');
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Prints every ES module URL the process loads and every require() (the rubric loader requires
// yaml), to stderr, one per line.
const hooks = join(tmp, 'hooks.mjs');
writeFileSync(hooks, "export async function load(url, ctx, next) { process._rawDebug('LOADED ' + url); return next(url, ctx); }\n");
const register = join(tmp, 'register.mjs');
writeFileSync(
  register,
  [
    "import Module, { register } from 'node:module';",
    `register(${JSON.stringify(pathToFileURL(hooks).href)});`,
    'const load = Module._load;',
    "Module._load = function (request, ...rest) { process._rawDebug('LOADED require:' + request); return load.call(this, request, ...rest); };",
    '',
  ].join('\n'),
);

function loadedBy(args: string[], env: Record<string, string> = {}): { code: number | null; urls: string[]; out: string } {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FAZHI_CACHE_DIR: join(tmp, 'cache'), ...env },
    timeout: 60000,
  });
  const urls = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice(7));
  return { code: r.status, urls, out: r.stdout };
}

describe('fazhi check start-up (built CLI)', () => {
  it('loads neither commander, nor the YAML parser, nor zod locales for a built-in rubric', () => {
    const r = loadedBy(['check', GOOD]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('青石镇');
    expect(r.urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
    expect(r.urls.filter((u) => /commander|yaml|locales|json-schema-to-typescript|pdfjs|mammoth|exceljs|handlebars|playwright/.test(u))).toEqual([]);
    // every module is one of the CLI's own chunks or a Node built-in (the bundle, not ~110 files)
    expect(r.urls.filter((u) => !u.startsWith('node:') && !u.startsWith('require:node:') && !u.includes('/apps/renderer/dist/'))).toEqual([]);
  });

  it('with a county rubric file: the loader on the first run, the on-disk cache on the second', () => {
    const rubric = join(ROOT, 'rubrics/example-county.yaml');
    const env = { FAZHI_CACHE_DIR: join(tmp, 'cache-county') };
    const first = loadedBy(['check', GOOD, '--rubric', rubric], env);
    const second = loadedBy(['check', GOOD, '--rubric', rubric], env);
    expect(first.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(first.urls.some((u) => u === 'require:yaml')).toBe(true);
    expect(second.urls.filter((u) => u === 'require:yaml')).toEqual([]);
  });

  it('FAZHI_NO_CACHE=1 loads the rubric from its YAML and prints the same report', () => {
    const cached = loadedBy(['check', GOOD]);
    const fresh = loadedBy(['check', GOOD], { FAZHI_NO_CACHE: '1' });
    expect(fresh.urls.some((u) => u === 'require:yaml')).toBe(true);
    expect(fresh.out).toBe(cached.out);
  });
});
