// `fazhi batch`: many reports → scorecards (HTML, JSON, PDF), dashboard, XLSX and CSV.
// A broken file is listed and the rest go on; every output is written atomically; a re-run over
// the same OUT skips reports whose JSON carries the same source and rubric sha256.
// Memory is bounded by summary data: each card's HTML and JSON are written as soon as it is
// scored, and the batch keeps only a CardSummary and a compact fingerprint per report; cards that
// copy detection flags are read back from disk one at a time.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  FazhiError,
  Scorecard,
  isFazhiError,
  loadRubric,
  type BatchResult,
  type CopyPair,
  type LoadedRubric,
  type Scorecard as ScorecardT,
} from '@fazhi/core';
import { formatOf, readDocument } from '@fazhi/reader';
import { addCopyFlags, loadOverrides, overrideMatches, scoreBatch, type ReviewOverride, type TextFingerprint } from '@fazhi/scorer';
import { StringPool, summarizeCard, type CardSummary } from './card-summary.js';
import { compactFingerprint, fillCopyEvidence, filesWithPendingEvidence, scorerFingerprint, type CompactFingerprint } from './copy-fingerprints.js';
import { jsonPieces, writeFileAtomic, writePiecesAtomic } from './fs-atomic.js';
import { renderDashboardHtml } from './html/dashboard.js';
import { renderScorecardHtml } from './html/scorecard.js';
import type { Lang } from './i18n.js';
import { PdfPrinter, findChromium, noChromiumError } from './pdf.js';
import { extractorFor, fingerprintOf, scoreDocument } from './pipeline.js';
import { RubricSelector } from './rubric-auto.js';
import { scoresCsv, scoresXlsx, type RubricGroup } from './tables.js';

export interface BatchOptions {
  /** Rubric id or path, or `auto` (the default): the built-in preset for each report's unit type. */
  rubric?: string;
  /** With `auto`: `township=my-county.yaml,department=…` (see rubric-auto.ts). */
  rubricMap?: string;
  out: string;
  pdf?: boolean;
  overrides?: string;
  previous?: string;
  jobs?: number;
  lang?: Lang;
  /** Pin the stamp for reproducible output (tests). */
  generatedAt?: string;
  /** Progress callback (the CLI draws a bar or prints lines). */
  onProgress?: (e: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'file'; done: number; total: number; name: string; ok: boolean; skipped?: boolean; text: string }
  | { kind: 'pdf'; done: number; total: number; name: string }
  | { kind: 'warn'; text: string };

export interface BatchItem {
  /** Input path as found. */
  path: string;
  /** Name recorded in the card (`file`): the path relative to its input folder. */
  display: string;
  /** Output base name (no extension), unique within OUT. */
  outName: string;
}

export interface BatchFailure {
  file: string;
  code: string;
  message: string;
}

export interface BatchEntry {
  item: BatchItem;
  /** The card's summary (the whole card is `<outName>.json` in OUT). */
  card: CardSummary;
  skipped: boolean;
  /** A reused card whose stored JSON carried a copied_text flag (re-checked against this batch). */
  hadCopyFlag?: boolean;
}

export interface BatchSummary {
  out: string;
  entries: BatchEntry[];
  failures: BatchFailure[];
  result: BatchResult;
  /** Copy detection failed (the rest of the batch was written without copy flags). */
  copyError?: FazhiError;
  /** The rubrics used, each with the statistics of its own reports (several under `--rubric auto`). */
  rubrics: RubricGroup[];
  pdf: { requested: boolean; written: number; error?: FazhiError };
  exitCode: number;
}

/** The per-file work, shared by the main thread and the worker threads. */
export interface FileJob {
  item: BatchItem;
  out: string;
  lang: Lang;
  generatedAt?: string;
}

export type FileOutcome =
  | { ok: true; card: CardSummary; fingerprint?: CompactFingerprint; skipped: boolean; hadCopyFlag?: boolean }
  | { ok: false; failure: BatchFailure };

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

// ---------- inputs ----------

function walk(dir: string, outAbs: string, acc: string[]): void {
  for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ent.name.startsWith('.')) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) {
      if (resolve(p) !== outAbs) walk(p, outAbs, acc);
    } else if (ent.isFile() && formatOf(ent.name)) acc.push(p);
  }
}

/** Folders are searched (recursively) for report files; files given by name are always taken. */
export function collectInputs(inputs: string[], out: string): BatchItem[] {
  const outAbs = resolve(out);
  const items: BatchItem[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new FazhiError('E_INPUT_NOT_FOUND', `找不到输入 ${input}：请给出报告文件或所在目录`, { file: input });
    }
    if (st.isDirectory()) {
      const files: string[] = [];
      walk(input, outAbs, files);
      for (const f of files) items.push({ path: f, display: relative(input, f).split('\\').join('/'), outName: '' });
    } else items.push({ path: input, display: basename(input), outName: '' });
  }
  // two inputs with the same display name (x.txt from two folders): keep their paths apart
  const seen = new Map<string, number>();
  for (const it of items) seen.set(it.display, (seen.get(it.display) ?? 0) + 1);
  for (const it of items) if (seen.get(it.display)! > 1) it.display = it.path.split('\\').join('/');
  const used = new Set<string>();
  for (const it of items) {
    const stem = it.display.slice(0, it.display.length - extname(it.display).length).replace(/[\\/:*?"<>|\s]+/g, '_') || 'report';
    let name = stem;
    for (let k = 2; used.has(name.toLowerCase()) || name.toLowerCase() === 'index' || name.toLowerCase() === 'scores'; k++) name = `${stem}-${k}`;
    used.add(name.toLowerCase());
    it.outName = name;
  }
  return items;
}

// ---------- one file ----------

interface Context {
  selector: RubricSelector;
  overrides: ReviewOverride[];
}

function reusable(job: FileJob, ctx: Context, srcSha: string, loaded: LoadedRubric): { card: ScorecardT; hadCopyFlag: boolean } | undefined {
  const jsonPath = join(job.out, `${job.item.outName}.json`);
  if (!existsSync(jsonPath) || !existsSync(join(job.out, `${job.item.outName}.html`))) return undefined;
  try {
    const parsed = Scorecard.safeParse(JSON.parse(readFileSync(jsonPath, 'utf8')));
    if (!parsed.success) return undefined;
    const c = parsed.data;
    if (c.stamps.source.sha256 !== srcSha || c.stamps.rubric.sha256 !== loaded.sha256 || c.file !== job.item.display) return undefined;
    // overrides change a card without changing either hash: re-score when any applies, or did
    const applies = ctx.overrides.some((o) => overrideMatches(o, { file: c.file, sha256: srcSha }));
    if (applies || c.indicators.some((i) => i.override)) return undefined;
    // copied_text depends on the other reports of the batch, which may have changed: it is taken
    // off here and put back by addCopyFlags for this batch (a penalised card is scored afresh)
    const copied = c.flags.filter((f) => f.code === 'copied_text');
    if (copied.some((f) => f.penalty)) return undefined;
    if (copied.length) c.flags = c.flags.filter((f) => f.code !== 'copied_text');
    return { card: c, hadCopyFlag: copied.length > 0 };
  } catch {
    return undefined;
  }
}

export async function processFile(job: FileJob, ctx: Context): Promise<FileOutcome> {
  const { item, out } = job;
  try {
    let srcSha: string | undefined;
    try {
      srcSha = sha256(readFileSync(item.path));
    } catch {
      /* the reader reports it below */
    }
    // the report is read first: its unit type picks the rubric (`--rubric auto`), and the text's
    // fingerprint is needed for copy detection across the batch even when the card is reused
    const doc = await readDocument(item.path, { displayName: item.display });
    const { loaded, note } = ctx.selector.forLevel(doc.meta.adminLevel.value);
    const old = srcSha ? reusable(job, ctx, srcSha, loaded) : undefined;
    if (old) {
      return { ok: true, card: summarizeCard(old.card), fingerprint: compactFingerprint(fingerprintOf(doc)), skipped: true, hadCopyFlag: old.hadCopyFlag };
    }
    const r = scoreDocument(doc, loaded, extractorFor(loaded), {
      overrides: ctx.overrides,
      generatedAt: job.generatedAt,
      fingerprint: true,
      notes: note ? [note] : undefined,
    });
    const html = renderScorecardHtml(r.card, loaded, { sourceText: r.doc.text, lang: job.lang, backHref: 'index.html' });
    writeFileAtomic(join(out, `${item.outName}.html`), html);
    // JSON last: its presence (with matching hashes) is what a re-run trusts
    writeFileAtomic(join(out, `${item.outName}.json`), JSON.stringify(r.card, null, 2) + '\n');
    return { ok: true, card: summarizeCard(r.card), fingerprint: r.fingerprint && compactFingerprint(r.fingerprint), skipped: false };
  } catch (e) {
    if (isFazhiError(e)) return { ok: false, failure: { file: item.display, code: e.code, message: e.message } };
    return { ok: false, failure: { file: item.display, code: 'E_INTERNAL', message: `内部错误（请报告此问题）：${(e as Error)?.message ?? String(e)}` } };
  }
}

export interface ContextInit {
  rubric?: string;
  rubricMap?: string;
  overrides?: string;
}

/** Rubric selector and overrides, loaded once per thread (extractors are cached per rubric sha256). */
export function loadContext(init: ContextInit): Context {
  const selector = RubricSelector.fromOptions(init.rubric, init.rubricMap, loadRubric);
  const overrides = init.overrides ? loadOverrides(init.overrides) : [];
  return { selector, overrides };
}

// ---------- worker pool ----------

function workerUrl(): URL | undefined {
  // Worker threads run the built bundle; from TypeScript sources (tests) work stays in-process.
  if (!import.meta.url.endsWith('.js')) return undefined;
  const u = new URL('./worker.js', import.meta.url);
  return existsSync(u) ? u : undefined;
}

async function runPool(
  jobs: FileJob[],
  n: number,
  init: ContextInit,
  onDone: (job: FileJob, r: FileOutcome) => void,
): Promise<void> {
  const url = workerUrl();
  if (!url || n <= 1 || jobs.length <= 1) {
    const ctx = loadContext(init);
    for (const j of jobs) onDone(j, await processFile(j, ctx));
    return;
  }
  let next = 0;
  const size = Math.min(n, jobs.length);
  await Promise.all(
    Array.from({ length: size }, () =>
      new Promise<void>((res) => {
        const w = new Worker(url, { workerData: init });
        let current: FileJob | undefined;
        const feed = () => {
          current = jobs[next++];
          if (!current) {
            void w.terminate();
            res();
          } else w.postMessage(current);
        };
        w.on('message', (r: FileOutcome) => {
          onDone(current!, r);
          feed();
        });
        w.on('error', (e) => {
          // a crashed worker loses only its current file; the others (or this thread) go on
          if (current) onDone(current, { ok: false, failure: { file: current.item.display, code: 'E_WORKER', message: String(e?.message ?? e) } });
          current = undefined;
          res();
        });
        feed();
      }),
    ),
  );
  if (next < jobs.length) {
    const ctx = loadContext(init);
    while (next < jobs.length) {
      const j = jobs[next++]!;
      onDone(j, await processFile(j, ctx));
    }
  }
}

// ---------- previous year ----------

function readPrevious(dir: string): CardSummary[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FazhiError('E_PREVIOUS_NOT_FOUND', `找不到上一年度的输出目录 ${dir}：请给出上次 fazhi batch 的 --out 目录`, { file: dir });
  }
  const cards: CardSummary[] = [];
  const pool = new StringPool();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    try {
      const p = Scorecard.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (p.success) cards.push(summarizeCard(p.data, pool));
    } catch {
      /* not a scorecard */
    }
  }
  return cards;
}

// ---------- the batch ----------

/** Temp files left by a killed run (see writeFileAtomic) are removed before a new one starts. */
function removeStaleTemps(out: string): void {
  if (!existsSync(out)) return;
  for (const f of readdirSync(out)) if (/^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(f)) rmSync(join(out, f), { force: true });
}

export async function runBatch(inputs: string[], opts: BatchOptions): Promise<BatchSummary> {
  const lang = opts.lang ?? 'zh';
  const out = opts.out;
  const emit = opts.onProgress ?? (() => undefined);
  // fail early, with located errors, on a bad rubric or overrides file
  const init: ContextInit = { rubric: opts.rubric, rubricMap: opts.rubricMap, overrides: opts.overrides };
  const ctx = loadContext(init);
  const previous = opts.previous ? readPrevious(opts.previous) : undefined;
  const items = collectInputs(inputs, out);
  removeStaleTemps(out);
  if (items.length === 0) {
    throw new FazhiError('E_NO_INPUT', `在 ${inputs.join(' ')} 中没有找到报告文件（.txt .html .docx .doc .pdf）`);
  }
  emit({ kind: 'start', total: items.length });

  const byName = new Map<string, FileOutcome>();
  // the summaries of a batch repeat the same titles, ids and stamps: one copy of each
  const pool = new StringPool();
  let done = 0;
  const jobs: FileJob[] = items.map((item) => ({ item, out, lang, generatedAt: opts.generatedAt }));
  const nJobs = Math.max(1, Math.min(opts.jobs ?? 1, availableParallelism()));
  await runPool(jobs, nJobs, init, (job, r) => {
    if (r.ok) r.card = summarizeCard(r.card, pool);
    byName.set(job.item.outName, r);
    done++;
    const text = r.ok
      ? `${job.item.display} ${r.card.total}/${r.card.max} ${r.card.grade}${r.skipped ? '（未变，沿用）' : ''}`
      : `${job.item.display} 失败 ${r.failure.code} ${r.failure.message}`;
    emit({ kind: 'file', done, total: items.length, name: job.item.display, ok: r.ok, skipped: r.ok && r.skipped, text });
  });

  const entries: BatchEntry[] = [];
  const failures: BatchFailure[] = [];
  let fingerprints: Record<string, TextFingerprint> | undefined = {};
  for (const item of items) {
    const r = byName.get(item.outName)!;
    if (r.ok) {
      entries.push({ item, card: r.card, skipped: r.skipped, hadCopyFlag: r.hadCopyFlag });
      if (r.fingerprint) fingerprints[r.card.file] = scorerFingerprint(r.fingerprint);
    } else failures.push(r.failure);
  }
  byName.clear();

  // Text shared with another report of this batch is a batch matter: the scorer flags it on the
  // cards (copied_text, with a penalty where the rubric lists one); changed cards are rewritten
  // before any PDF is printed. The pairs' passages come back with their offsets only; each
  // report's side gets its quotes when that report is read again below.
  let copies: CopyPair[] = [];
  let copyError: FazhiError | undefined;
  try {
    copies = scoreBatch(asCards(entries.map((e) => e.card)), [], { fingerprints }).copies;
  } catch (err) {
    copyError = new FazhiError('E_COPY_DETECTION', `雷同检测未能完成（${(err as Error)?.message ?? String(err)}）：评分、看板和评分表照常输出，但未标注雷同；请分批运行或报告此问题`);
    emit({ kind: 'warn', text: `${copyError.code} ${copyError.message}` });
  }
  fingerprints = undefined;
  // the card's own rubric (the worker that scored it loaded the same one; its sha256 is stamped)
  const rubricOf = (card: Pick<CardSummary, 'adminLevel' | 'stamps'>): LoadedRubric => {
    const l = ctx.selector.forLevel(card.adminLevel).loaded;
    return l.sha256 === card.stamps.rubric.sha256 ? l : (ctx.selector.bySha(card.stamps.rubric.sha256) ?? l);
  };
  const involved = new Set<string>();
  for (const p of copies) involved.add(p.a).add(p.b);
  for (const e of entries) {
    // a reused card that carried copied_text is re-checked even when it has no pair any more
    if (!involved.has(e.card.file) && !e.hadCopyFlag) continue;
    try {
      const doc = await readDocument(e.item.path, { displayName: e.item.display });
      if (fillCopyEvidence(copies, e.card.file, doc) > 0) {
        emit({ kind: 'warn', text: `${e.item.display}: 评分后文件已改动，雷同段落的引文未能取回；请重新运行 fazhi batch` });
      }
      const jsonPath = join(out, `${e.item.outName}.json`);
      const stored = readFileSync(jsonPath, 'utf8');
      const card = JSON.parse(stored) as ScorecardT;
      // as in reusable(): copied_text is this batch's to give
      if (e.skipped) card.flags = card.flags.filter((f) => f.code !== 'copied_text');
      const next = addCopyFlags([card], copies, rubricOf(card).rubric)[0]!;
      const json = JSON.stringify(next, null, 2) + '\n';
      if (json !== stored) {
        const html = renderScorecardHtml(next, rubricOf(next), { sourceText: doc.text, lang, backHref: 'index.html' });
        writeFileAtomic(join(out, `${e.item.outName}.html`), html);
        writeFileAtomic(jsonPath, json);
        e.skipped = false;
      }
      // else: a reused card whose copy flag comes out the same: its files on disk are already right
      e.card = summarizeCard(next, pool);
    } catch (err) {
      emit({ kind: 'warn', text: `${e.item.display}: ${(err as Error).message}` });
    }
  }
  for (const f of filesWithPendingEvidence(copies)) emit({ kind: 'warn', text: `${f}: 雷同段落的引文未能取回` });

  // PDFs: one browser for the whole batch, in this thread
  const pdf: BatchSummary['pdf'] = { requested: !!opts.pdf, written: 0 };
  if (opts.pdf && entries.length) {
    const exe = findChromium();
    if (!exe) {
      pdf.error = noChromiumError();
      emit({ kind: 'warn', text: `${pdf.error.code} ${pdf.error.message}` });
    } else {
      const printer = new PdfPrinter(exe);
      try {
        await printer.open();
        // Two prints in flight (the printer's pages): Chromium lays out one card while the other
        // is compressed into its PDF. Each file is still written whole (atomically).
        let next = 0;
        const slot = async (): Promise<void> => {
          try {
            await printAll();
          } catch (err) {
            next = entries.length; // the other slot stops too
            throw err;
          }
        };
        const printAll = async (): Promise<void> => {
          while (next < entries.length) {
            const e = entries[next++]!;
            const pdfPath = join(out, `${e.item.outName}.pdf`);
            if (!(e.skipped && existsSync(pdfPath))) {
              const html = readFileSync(join(out, `${e.item.outName}.html`), 'utf8');
              writeFileAtomic(pdfPath, await printer.print(html));
            }
            pdf.written++;
            emit({ kind: 'pdf', done: pdf.written, total: entries.length, name: e.item.display });
          }
        };
        await Promise.all([slot(), slot()]);
      } catch (e) {
        pdf.error = isFazhiError(e) ? e : new FazhiError('E_PDF_FAILED', `生成 PDF 失败：${(e as Error).message}`);
        emit({ kind: 'warn', text: `${pdf.error.code} ${pdf.error.message}` });
      } finally {
        await printer.close();
      }
    }
  }

  const cards = entries.map((e) => e.card);
  // the pairs found above (the same fingerprints would give the same pairs): not detected twice
  const result = scoreBatch(asCards(cards), [], { previous: previous && asCards(previous) });
  result.copies = copies;
  const rubrics = rubricGroups(cards, rubricOf);
  // with one rubric the statistics are the batch's own; with several, each rubric's are its own
  if (rubrics.length === 1) result.indicators = rubrics[0]!.indicators;
  const links = Object.fromEntries(entries.map((e) => [e.card.file, e.item.outName]));
  const loaded = rubrics[0]?.loaded ?? ctx.selector.forLevel('unknown').loaded;
  writeFileAtomic(
    join(out, 'index.html'),
    renderDashboardHtml({ result, cards, failures, loaded, rubrics, links, lang, generatedAt: opts.generatedAt, pdf: pdf.written > 0 }),
  );
  writeFileAtomic(join(out, 'scores.xlsx'), await scoresXlsx({ result, cards, failures, loaded, rubrics, lang }));
  writeFileAtomic(join(out, 'scores.csv'), scoresCsv({ result, cards, loaded, rubrics, lang }));
  const rubricsJson = rubrics.map((g) => ({
    id: g.loaded.rubric.id,
    version: g.loaded.rubric.version,
    sha256: g.loaded.sha256,
    file: g.loaded.file,
    reports: g.cards.map((c) => c.file),
    indicators: g.indicators,
  }));
  // written piece by piece: at national scale the copy pairs alone are tens of megabytes of JSON
  writePiecesAtomic(join(out, 'batch.json'), jsonPieces({ ...result, rubrics: rubricsJson, failures }));

  const exitCode = failures.length > 0 || (pdf.requested && pdf.error) || copyError ? 1 : 0;
  return { out, entries, failures, result, rubrics, pdf, copyError, exitCode };
}

/**
 * scoreBatch reads of each card only what a CardSummary holds (ranking: file, place, year, unit
 * type, totals, grade, flag codes, review; statistics and year-on-year: indicator id, title,
 * points, max, status), but is typed for whole Scorecards.
 */
const asCards = (cs: CardSummary[]): ScorecardT[] => cs as unknown as ScorecardT[];

/**
 * The cards grouped by the rubric that scored them (stamped sha256), in order of first use, each
 * with per-indicator statistics over its own reports only: one rubric's 10-point indicator is not
 * averaged with another's 8-point indicator of the same id.
 */
export function rubricGroups(
  cards: CardSummary[],
  rubricOf: (c: CardSummary) => LoadedRubric,
): RubricGroup[] {
  const groups = new Map<string, RubricGroup>();
  for (const c of cards) {
    const sha = c.stamps.rubric.sha256;
    let g = groups.get(sha);
    if (!g) {
      const l = rubricOf(c);
      g = { loaded: l, cards: [], indicators: [] };
      groups.set(sha, g);
    }
    g.cards.push(c);
  }
  for (const g of groups.values()) g.indicators = scoreBatch(asCards(g.cards)).indicators;
  // presets in a fixed order (township, department, county), then anything else by id
  const rank = (id: string) => {
    const k = ['township', 'department', 'county'].indexOf(id);
    return k < 0 ? 3 : k;
  };
  return [...groups.values()].sort((a, b) => rank(a.loaded.rubric.id) - rank(b.loaded.rubric.id) || (a.loaded.rubric.id < b.loaded.rubric.id ? -1 : a.loaded.rubric.id > b.loaded.rubric.id ? 1 : 0));
}
