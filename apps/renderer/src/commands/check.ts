// `fazhi check FILE [--rubric auto|R] [--rubric-map …] [--min-score S] [--watch]`: a township's self-check in a terminal.
// Cold start matters, so this imports only reader, extract and scorer — never the HTML/PDF/XLSX
// code (this module itself is imported only when `check` runs) — and compiles the rubric's
// extractor once, also across --watch re-runs.
import { existsSync, watch as fsWatch, statSync, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { FazhiError, isFazhiError, type LoadedRubric, type Scorecard } from '@fazhi/core';
import { compileExtractor, extractFacts } from '@fazhi/extract';
import { readDocument } from '@fazhi/reader';
import { scoreFacts } from '@fazhi/scorer';
import { checkExitCode, renderCheckReport, shouldColor } from '../check-report.js';
import { AUTO, parseRubricMap, RubricSelector } from '../rubric-auto.js';
import { readBuiltinRubric } from '../builtin-rubrics.js';
import { readCachedRubric, writeCachedRubric } from '../rubric-cache.js';

export interface CheckOptions {
  rubric?: string;
  rubricMap?: string;
  minScore?: string | number;
  watch?: boolean;
}

type Scorer = (file: string) => Promise<Scorecard>;

/**
 * Rubrics for `check` without core's loader when possible: a built-in rubric compiled at build
 * time (builtin-rubrics.ts), else the on-disk cache (rubric-cache.ts). The loader — YAML parsing
 * and the rubric's zod schemas, the larger part of a cold start — is imported only for a rubric
 * in neither (a county's own rubric on its first run, an edited one): `prepare(args)` before `load(arg)`.
 */
export class CachedRubrics {
  private readonly hits = new Map<string, LoadedRubric>();
  private loader?: (arg: string) => LoadedRubric;

  async prepare(args: Iterable<string>): Promise<void> {
    for (const arg of args) {
      if (this.hits.has(arg)) continue;
      const hit = readBuiltinRubric(arg) ?? readCachedRubric(arg);
      if (hit) this.hits.set(arg, hit);
      else this.loader ??= (await import('../rubric-loader.js')).loadRubric;
    }
  }

  /** Synchronous, as RubricSelector needs; throws the loader's RubricError for a bad rubric. */
  readonly load = (arg: string): LoadedRubric => {
    const hit = this.hits.get(arg) ?? readBuiltinRubric(arg) ?? readCachedRubric(arg);
    if (hit) return hit;
    if (!this.loader) throw new Error(`CachedRubrics: prepare(['${arg}']) was not awaited`);
    const loaded = this.loader(arg);
    writeCachedRubric(arg, loaded);
    this.hits.set(arg, loaded);
    return loaded;
  };
}

/** Builds a function that scores one file with a rubric compiled once. */
export async function makeScorer(loaded: LoadedRubric): Promise<Scorer> {
  const extractor = compileExtractor(loaded);
  return async (file) => {
    const doc = await readDocument(file);
    const facts = extractFacts(doc, extractor);
    return scoreFacts(loaded, facts);
  };
}

/**
 * Like makeScorer, but the rubric is picked per report by its unit type (`--rubric auto`); each
 * rubric is compiled once, also across --watch re-runs. An unknown unit type puts a note on the card.
 */
export async function makeSelectingScorer(selector: RubricSelector, rubrics?: CachedRubrics): Promise<Scorer> {
  const extractors = new Map<string, ReturnType<typeof compileExtractor>>();
  return async (file) => {
    const doc = await readDocument(file);
    await rubrics?.prepare([selector.argFor(doc.meta.adminLevel.value)]);
    const { loaded, note } = selector.forLevel(doc.meta.adminLevel.value);
    let extractor = extractors.get(loaded.sha256);
    if (!extractor) extractors.set(loaded.sha256, (extractor = compileExtractor(loaded)));
    const card = scoreFacts(loaded, extractFacts(doc, extractor));
    if (note) card.notes = [note];
    return card;
  };
}

export function parseMinScore(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (String(v).trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new FazhiError('E_BAD_OPTION', `--min-score 须为不小于 0 的数字，收到「${String(v)}」。例如 --min-score 80`);
  }
  return n;
}

export default async function check(file: string, opts: CheckOptions = {}): Promise<number> {
  const minScore = parseMinScore(opts.minScore);
  const rubrics = new CachedRubrics();
  // the rubrics RubricSelector loads at construction: a fixed --rubric, or the --rubric-map files
  const spec = opts.rubric ?? AUTO;
  await rubrics.prepare(spec === AUTO ? Object.values(parseRubricMap(opts.rubricMap)) : [spec]);
  const selector = RubricSelector.fromOptions(opts.rubric, opts.rubricMap, rubrics.load);
  const score = selector.auto ? await makeSelectingScorer(selector, rubrics) : await makeScorer(selector.forLevel(undefined).loaded);
  const color = shouldColor(process.stdout);
  const width = process.stdout.columns ?? 100;

  const runOnce = async (): Promise<number> => {
    const card = await score(file);
    process.stdout.write(renderCheckReport(card, { color, minScore, width }));
    for (const n of card.notes ?? []) process.stdout.write(`注意：${n}\n`);
    return checkExitCode(card, minScore);
  };

  if (!opts.watch) return runOnce();
  if (!existsSync(file)) throw new FazhiError('E_NOT_FOUND', `找不到文件：${file}。请检查路径（--watch 需要一个已存在的文件）。`, { file });
  return watchFile(file, async () => {
    if (color) process.stdout.write('\u001b[2J\u001b[H');
    try {
      await runOnce();
    } catch (e) {
      // A half-saved or briefly missing file is normal while an editor writes: report and wait.
      if (!isFazhiError(e)) throw e;
      process.stderr.write(`错误 ${e.format()}\n`);
    }
    const at = new Date().toTimeString().slice(0, 8);
    process.stdout.write(`\n${at} 已检查。监视 ${file} 中：保存后自动重新检查，按 Ctrl+C 退出。\n`);
  });
}

/**
 * Runs `run` now and again whenever `file` changes. Watches the DIRECTORY, not the file, so it
 * survives editors that save by writing a temp file and renaming it over the original (vim,
 * VS Code, WPS), which would silently end a watch on the old inode. Events are debounced and a
 * re-run happens only when size or mtime really changed. Resolves with 0 on SIGINT/SIGTERM or
 * when `signal` aborts.
 */
export function watchFile(file: string, run: () => Promise<void>, opts: { debounceMs?: number; signal?: AbortSignal } = {}): Promise<number> {
  const debounceMs = opts.debounceMs ?? 250;
  const abs = resolve(file);
  const dir = dirname(abs);
  const name = basename(abs);
  const stamp = (): string => {
    try {
      const s = statSync(abs);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return 'absent';
    }
  };

  return new Promise<number>((done, fail) => {
    let last = stamp();
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    let watcher: FSWatcher | undefined;

    const go = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        await run();
      } catch (e) {
        cleanup();
        fail(e);
        return;
      } finally {
        running = false;
      }
      if (again) {
        again = false;
        void go();
      }
    };
    const onEvent = (_ev: string, changed: string | Buffer | null): void => {
      if (changed !== null && changed.toString() !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = stamp();
        if (now === last || now === 'absent') return; // mid-rename, or nothing changed
        last = now;
        void go();
      }, debounceMs);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      watcher?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      opts.signal?.removeEventListener('abort', onSignal);
    };
    const stop = (code = 0): void => {
      cleanup();
      done(code);
    };
    const onSignal = (): void => stop(0);

    try {
      watcher = fsWatch(dir, { persistent: true }, onEvent);
    } catch (e) {
      fail(new FazhiError('E_WATCH', `无法监视目录 ${dir}：${(e as Error).message}`, { file }));
      return;
    }
    watcher.on('error', (e) => {
      cleanup();
      fail(new FazhiError('E_WATCH', `无法监视目录 ${dir}：${e.message}`, { file }));
    });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    opts.signal?.addEventListener('abort', onSignal);
    void go();
  });
}
