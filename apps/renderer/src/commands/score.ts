// `fazhi score FILE… [--rubric auto|R] [--rubric-map …] [--overrides O] --format json|jsonl|facts`
// FILE is a report (.txt/.html/.docx/.pdf …) or a saved FactSet (JSON, told apart by content, not
// by name): saved facts are re-scored without re-extracting. `--format facts` prints the FactSets
// instead of scorecards, so they can be saved and re-scored under another rubric later.
// A file that fails gets its own error entry and the command goes on; exit code 1 when any failed.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import * as core from '@fazhi/core';
import { FactSet, FazhiError, isFazhiError, type LoadedRubric, type Scorecard, type SourceDocument } from '@fazhi/core';
import * as reader from '@fazhi/reader';
import * as extract from '@fazhi/extract';
import {
  addCopyFlags,
  fingerprintText,
  loadOverrides,
  overrideMatches,
  scoreBatch,
  scoreFacts,
  validateOverrides,
  type ReviewOverride,
  type TextFingerprint,
} from '@fazhi/scorer';
import { RubricSelector } from '../rubric-auto.js';

interface Opts {
  rubric?: string;
  rubricMap?: string;
  overrides?: string;
  format?: string;
}

// each input carries the rubric picked for it (by unit type under `--rubric auto`)
type Input =
  | { file: string; facts: FactSet; loaded: LoadedRubric; note?: string; fingerprint?: TextFingerprint }
  | { file: string; error: { code: string; message: string } };

const FORMATS = ['json', 'jsonl', 'facts'] as const;

/** Cards are stamped with SOURCE_DATE_EPOCH when set (reproducible builds convention), else now. */
function generatedAt(): string {
  const e = process.env.SOURCE_DATE_EPOCH;
  if (e && /^\d+$/.test(e)) return new Date(Number(e) * 1000).toISOString();
  return new Date().toISOString();
}

function sniff(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64);
    const n = readSync(fd, buf, 0, 64, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  } catch {
    throw new FazhiError('E_FILE_NOT_FOUND', `无法打开文件 ${path}，请检查路径`, { file: path });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Saved facts: a FactSet, a JSON array of them, or JSON lines. `null` when the file is not JSON. */
function readFactSets(path: string): FactSet[] | null {
  const head = sniff(path);
  if (!head.startsWith('{') && !head.startsWith('[')) return null;
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let values: unknown[];
  try {
    const v = JSON.parse(text) as unknown;
    values = Array.isArray(v) ? v : [v];
  } catch {
    try {
      values = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
    } catch {
      if (path.toLowerCase().endsWith('.json') || path.toLowerCase().endsWith('.jsonl')) {
        throw new FazhiError('E_FACTSET_JSON', `${path} 不是有效的 JSON，请检查文件是否完整`, { file: path });
      }
      return null; // a text report that happens to start with a brace
    }
  }
  return values.map((v, i) => {
    const r = FactSet.safeParse(v);
    if (r.success) return r.data;
    const where = values.length > 1 ? `第 ${i + 1} 项` : '';
    const contract = v && typeof v === 'object' && 'facts' in v && !('signals' in v);
    const hint = contract
      ? '这是 fazhi extract 的输出（只含约定字段），不能重新评分；请用 fazhi score 报告 --format facts 保存完整事实数据'
      : `字段不符：${r.error.issues.slice(0, 3).map((x) => `${x.path.join('.') || '(根)'} ${x.message}`).join('；')}`;
    throw new FazhiError('E_FACTSET_SCHEMA', `${path} ${where}不是有效的 FactSet：${hint}`, { file: path });
  });
}

function loadRubricOrFail(id: string): LoadedRubric {
  const load = (core as unknown as { loadRubric?: (id: string) => LoadedRubric }).loadRubric;
  if (typeof load !== 'function') throw new FazhiError('E_NOT_IMPLEMENTED', '细则加载器尚未就绪 / rubric loader not available');
  return load(id);
}

function errorOf(e: unknown): { code: string; message: string } {
  return isFazhiError(e)
    ? { code: e.code, message: e.message }
    : { code: 'E_INTERNAL', message: `内部错误（请报告此问题）: ${String((e as Error)?.message ?? e)}` };
}

export default async function run(files: string[], opts: Opts): Promise<number> {
  const format = (opts.format ?? 'json') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    throw new FazhiError('E_USAGE', `不支持的输出格式 ${opts.format}：请用 --format json、jsonl 或 facts`);
  }
  const selector = RubricSelector.fromOptions(opts.rubric, opts.rubricMap, loadRubricOrFail);
  const overrides: ReviewOverride[] = opts.overrides ? loadOverrides(opts.overrides) : [];

  // Report files go through reader + extract (compiled once per rubric); saved FactSets are used as they are.
  const extractors = new Map<string, extract.Extractor>();
  const inputs: Input[] = [];
  for (const file of files) {
    try {
      const saved = readFactSets(file);
      if (saved) {
        for (const facts of saved) {
          const { loaded, note } = selector.forLevel(facts.meta.adminLevel);
          inputs.push({ file: facts.file, facts, loaded, note });
          if (facts.rubric.sha256 !== loaded.sha256 && facts.rubric.id !== loaded.rubric.id) {
            process.stderr.write(
              `注意 ${file}: 事实数据按细则 ${facts.rubric.id} 抽取，现按 ${loaded.rubric.id} 评分；该细则新增的事实记为未找到\n`,
            );
          }
        }
        continue;
      }
      const readDocument = (reader as unknown as { readDocument?: (p: string) => Promise<SourceDocument> }).readDocument;
      if (typeof readDocument !== 'function' || typeof extract.compileExtractor !== 'function') {
        throw new FazhiError('E_NOT_IMPLEMENTED', '读取器或抽取器尚未就绪，暂时只能对已保存的 FactSet 评分 / reader or extractor not available');
      }
      const doc = await readDocument(file);
      const { loaded, note } = selector.forLevel(doc.meta.adminLevel.value);
      let extractor = extractors.get(loaded.sha256);
      if (!extractor) extractors.set(loaded.sha256, (extractor = extract.compileExtractor(loaded)));
      const facts = extract.extractFacts(doc, extractor);
      const fingerprint = fingerprintText(doc.view, (o) => reader.viewToOriginal(doc, o), doc.text, facts.fingerprints);
      inputs.push({ file, facts, loaded, note, fingerprint });
    } catch (e) {
      inputs.push({ file, error: errorOf(e) });
    }
  }

  // Overrides are checked against this batch before anything is scored (located errors, exit 2).
  const ok = inputs.filter((i): i is Extract<Input, { facts: FactSet }> => 'facts' in i);
  if (overrides.length) {
    const reportOf = (i: (typeof ok)[number]) => ({ file: i.facts.file, sha256: i.facts.source.sha256 });
    const bySha = new Map<string, typeof ok>();
    for (const i of ok) bySha.set(i.loaded.sha256, [...(bySha.get(i.loaded.sha256) ?? []), i]);
    const all = ok.map(reportOf);
    const unmatched = overrides.filter((o) => !all.some((r) => overrideMatches(o, r)));
    if (bySha.size <= 1 || unmatched.length) {
      // one rubric (or a report the batch does not have): checked as a whole, as always
      const rubric = ok[0]?.loaded ?? selector.forLevel(undefined).loaded;
      validateOverrides(bySha.size <= 1 ? overrides : unmatched, all, rubric.rubric);
    } else {
      // several rubrics: each override is checked against the rubric of the report it names
      for (const group of bySha.values()) {
        const reports = group.map(reportOf);
        validateOverrides(overrides.filter((o) => reports.some((r) => overrideMatches(o, r))), reports, group[0]!.loaded.rubric);
      }
    }
  }

  const at = generatedAt();
  let failed = 0;
  const results: (Scorecard | FactSet | { file: string; error: { code: string; message: string } })[] = [];
  const cards: Scorecard[] = [];
  for (const i of inputs) {
    if ('error' in i) {
      failed++;
      results.push({ file: i.file, error: i.error });
      process.stderr.write(`错误 ${i.file}: ${i.error.code} ${i.error.message}\n`);
      continue;
    }
    if (format === 'facts') {
      results.push(i.facts);
      continue;
    }
    try {
      const card = scoreFacts(i.loaded, i.facts, { overrides, generatedAt: at });
      if (i.note) card.notes = [i.note];
      cards.push(card);
      results.push(card);
    } catch (e) {
      failed++;
      const error = errorOf(e);
      results.push({ file: i.file, error });
      process.stderr.write(`错误 ${i.file}: ${error.code} ${error.message}\n`);
    }
  }

  if (format === 'jsonl') {
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  } else if (format === 'facts') {
    process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  } else if (inputs.length === 1) {
    process.stdout.write(`${JSON.stringify(results[0], null, 2)}\n`);
  } else {
    const fingerprints: Record<string, TextFingerprint> = {};
    for (const i of ok) if (i.fingerprint) fingerprints[i.facts.file] = i.fingerprint;
    const factsets = ok.map((i) => i.facts);
    // Shared text goes on the cards as copied_text (a rubric penalty may move totals, so rank after).
    const copies = scoreBatch(cards, factsets, { fingerprints }).copies;
    const rubricOf = new Map(ok.map((i) => [i.facts.file, i.loaded.rubric]));
    const flagged = cards.map((c) => addCopyFlags([c], copies, rubricOf.get(c.file))[0]!);
    const batch = scoreBatch(flagged, factsets, { fingerprints });
    const errors = results.filter((r): r is { file: string; error: { code: string; message: string } } => 'error' in r);
    process.stdout.write(`${JSON.stringify({ scorecards: flagged, batch, errors }, null, 2)}\n`);
  }
  return failed ? 1 : 0;
}
