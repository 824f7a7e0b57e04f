import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

// Two builds into one dist/:
//
// 1. `index.ts` (the library other packages import, e.g. apps/web): workspace packages stay
//    external, so a FazhiError thrown here is the same class the importer's @fazhi/core knows.
//
// 2. `cli.ts` and `worker.ts` (the `fazhi` command): @fazhi/core, reader, extract and scorer are
//    bundled FROM SOURCE together with zod and commander, split into chunks per subcommand.
//    `fazhi check` cold start is mostly module loading (≈ 110 ES modules, a quarter of them zod
//    locales): one bundle resolves a handful of files, and zod imported as a namespace
//    (`import * as z`) lets esbuild drop the parts of zod nothing calls. Packages the workspace
//    packages load at run time (yaml, opencc-js, mammoth, pdfjs-dist, …) stay external and are
//    imported by a path relative to dist/, resolved from the package that depends on them, and
//    `import.meta.url` in their sources points at the original file, so `createRequire` and
//    the built-in rubric lookup resolve exactly as they do unbundled.

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const outDir = join(here, 'dist');
const BUNDLED = ['core', 'reader', 'extract', 'scorer'];
const pkgSrc = (name: string): string => join(root, 'packages', name, 'src') + sep;
const fromDist = (file: string): string => {
  const r = relative(outDir, file).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};
// zod's classic API as a plain module: `import * as z from <this>` is tree-shakable, while
// `import { z } from 'zod'` hands esbuild a namespace object that keeps all of zod (every locale).
const zodDir = dirname(createRequire(join(pkgSrc('core'), 'index.ts')).resolve('zod/package.json'));
const zodClassic = join(zodDir, 'v4/classic/external.js');
// `z.locales.zhCN` would make every one of zod's ~60 locales part of the bundle (and, as zod's own
// core re-exports them, of every chunk that uses zod): import the one locale by its file instead.
const zodLocales = new Map(
  [...readFileSync(join(zodDir, 'v4/locales/index.js'), 'utf8').matchAll(/export \{ default as (\w+) \} from "\.\/([\w-]+\.js)"/g)].map((m) => [m[1], join(zodDir, 'v4/locales', m[2])]),
);

const workspacePlugin = {
  name: 'fazhi-workspace',
  setup(build: any): void {
    build.onResolve({ filter: /^@fazhi\/(core|reader|extract|scorer)$/ }, (a: { path: string }) => ({
      path: join(pkgSrc(a.path.slice('@fazhi/'.length)), 'index.ts'),
      sideEffects: false,
    }));
    // The packages' modules only declare things (no module is imported for its side effects),
    // so a module none of whose exports a command uses is left out of that command's chunks:
    // `fazhi check` does not build the batch-result or JSON-Schema zod schemas it never uses.
    build.onResolve({ filter: /^\.\.?\// }, async (a: { path: string; importer: string; resolveDir: string; kind: string; pluginData?: unknown }) => {
      if (a.pluginData === 'inner' || !BUNDLED.some((p) => a.importer.startsWith(pkgSrc(p)))) return undefined;
      const r = await build.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: 'inner' });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.path, external: r.external, sideEffects: false };
    });
    // Bare imports inside the bundled packages: keep external, by a path that works from dist/.
    build.onResolve({ filter: /^[^./]/ }, async (a: { path: string; importer: string; resolveDir: string; kind: string; pluginData?: unknown }) => {
      if (a.pluginData === 'inner' || !BUNDLED.some((p) => a.importer.startsWith(pkgSrc(p)))) return undefined;
      if (a.path.startsWith('node:') || a.path.startsWith('@fazhi/')) return undefined;
      const r = await build.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: 'inner' });
      if (r.errors.length) return { errors: r.errors };
      if (r.external) return { path: r.path, external: true }; // a Node built-in
      return { path: fromDist(r.path), external: true };
    });
    build.onLoad({ filter: /\.ts$/ }, (a: { path: string }) => {
      if (!BUNDLED.some((p) => a.path.startsWith(pkgSrc(p)))) return undefined;
      let src = readFileSync(a.path, 'utf8');
      if (src.includes("from 'zod'")) {
        src = src.replace(/^import \{ z \} from 'zod';$/m, `import * as z from ${JSON.stringify(zodClassic)};`);
        if (/^import (?!type )[^;]*from 'zod';$/m.test(src)) throw new Error(`${a.path}: unexpected zod import (tsup.config.ts rewrites only \`import { z } from 'zod'\`)`);
        const locales = new Set<string>();
        src = src.replace(/\bz\.locales\.(\w+)/g, (_m, name: string) => {
          if (!zodLocales.has(name)) throw new Error(`${a.path}: unknown zod locale z.locales.${name}`);
          locales.add(name);
          return `__zodLocale_${name}`;
        });
        if (/\bz\.locales\b/.test(src)) throw new Error(`${a.path}: z.locales used other than as z.locales.<name> (see tsup.config.ts)`);
        src = [...locales].map((n) => `import __zodLocale_${n} from ${JSON.stringify(zodLocales.get(n))};\n`).join('') + src;
      }
      if (src.includes('import.meta.url')) {
        src = src.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist(a.path))}, import.meta.url).href`);
      }
      return { contents: src, loader: 'ts', resolveDir: dirname(a.path) };
    });
  },
};

const common: Options = {
  format: ['esm'],
  sourcemap: true,
  target: 'node20',
  clean: false, // dist/ is emptied once below: the two builds run in parallel
};

export default defineConfig(() => {
  rmSync(outDir, { recursive: true, force: true });
  return [
    { ...common, entry: ['src/index.ts'], dts: true },
    {
      ...common,
      entry: ['src/cli.ts', 'src/worker.ts', 'src/compile-builtins.ts'],
      dts: false,
      splitting: true,
      metafile: process.env.FAZHI_BUNDLE_META === '1', // dist/metafile-esm.json, for looking at what a chunk holds
      noExternal: [/^@fazhi\/(core|reader|extract|scorer)$/, 'zod', 'commander'],
      esbuildPlugins: [workspacePlugin],
      // commander is CommonJS: give the ES chunks a `require` for its `require('node:events')`
      banner: { js: "import { createRequire as __fazhiRequire } from 'node:module';\nconst require = __fazhiRequire(import.meta.url);" },
      // the built-in rubrics, loaded once with this build's own loader (see src/builtin-rubrics.ts)
      onSuccess: async () => {
        execFileSync(process.execPath, [join(outDir, 'compile-builtins.js'), join(outDir, 'builtin-rubrics.json')], { stdio: 'inherit' });
      },
    },
  ];
});
