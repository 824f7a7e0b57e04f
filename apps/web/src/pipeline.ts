// The scoring job. Runs inside a worker thread (see worker.ts) or inline. It reaches the upstream
// packages through their namespaces so that a missing stage fails with E_NOT_IMPLEMENTED instead
// of breaking the build while the packages are written in parallel.
import * as core from '@fazhi/core';
import * as reader from '@fazhi/reader';
import * as extract from '@fazhi/extract';
import * as scorer from '@fazhi/scorer';
import * as renderer from '@fazhi/renderer';
import { statSync } from 'node:fs';
import type { Scorecard } from '@fazhi/core';

/** A rubric the server offers: `key` is what clients send, `ref` what loadRubric gets (built-in id or absolute path). */
export interface RubricRef {
  key: string;
  ref: string;
}

export interface ScoreJob {
  kind: 'score';
  bytes: Uint8Array;
  /** Name with the extension decided from the content. */
  fileName: string;
  rubric: RubricRef;
  lang: 'zh' | 'en';
  /** Also render the scorecard HTML. */
  html: boolean;
}

export interface ScoreResult {
  card: Scorecard;
  html?: string;
  /** The original decoded text: evidence offsets refer to it. */
  sourceText: string;
  warnings: { code: string; message: string }[];
}

export interface DashboardJob {
  kind: 'dashboard';
  cards: Scorecard[];
  rubric: RubricRef;
  lang: 'zh' | 'en';
}

export interface DashboardResult {
  html?: string;
  batch?: unknown;
}

export type Job = ScoreJob | DashboardJob;
export type JobResult = ScoreResult | DashboardResult;

type AnyFn = (...args: any[]) => any;

function need(mod: unknown, name: string, pkg: string): AnyFn {
  const f = (mod as Record<string, unknown>)[name];
  if (typeof f !== 'function')
    throw new core.FazhiError('E_NOT_IMPLEMENTED', `${pkg} 尚未提供 ${name}()，此功能暂不可用。/ ${pkg}.${name} is not available yet.`);
  return f as AnyFn;
}
const has = (mod: unknown, name: string) => typeof (mod as Record<string, unknown>)[name] === 'function';

interface Compiled {
  loaded: any;
  extractor: unknown;
  mtimeMs: number;
}
const compiled = new Map<string, Compiled>();

function mtimeOf(ref: string): number {
  try {
    return statSync(ref).mtimeMs;
  } catch {
    return 0; // a built-in id, not a path
  }
}

/** Loads and compiles a rubric once per worker; reloads a file rubric when it changes on disk. */
export function compiledRubric(r: RubricRef): Compiled {
  const m = mtimeOf(r.ref);
  const hit = compiled.get(r.ref);
  if (hit && hit.mtimeMs === m) return hit;
  const loaded = need(core, 'loadRubric', '@fazhi/core')(r.ref);
  const extractor = need(extract, 'compileExtractor', '@fazhi/extract')(loaded);
  const c = { loaded, extractor, mtimeMs: m };
  compiled.set(r.ref, c);
  return c;
}

export async function runScore(job: ScoreJob): Promise<ScoreResult> {
  const { loaded, extractor } = compiledRubric(job.rubric);
  const doc = await need(reader, 'readBuffer', '@fazhi/reader')(job.bytes, job.fileName);
  const facts = need(extract, 'extractFacts', '@fazhi/extract')(doc, extractor);
  const card: Scorecard = need(scorer, 'scoreFacts', '@fazhi/scorer')(loaded, facts);
  const html = job.html
    ? String(await need(renderer, 'renderScorecardHtml', '@fazhi/renderer')(card, loaded, { sourceText: doc.text, lang: job.lang }))
    : undefined;
  return { card, html, sourceText: doc.text, warnings: doc.warnings ?? [] };
}

/** Committee mode: batch aggregation (ranking, statistics, copy detection) and the dashboard HTML. */
export async function runDashboard(job: DashboardJob): Promise<DashboardResult> {
  const { loaded } = compiledRubric(job.rubric);
  const batch = has(scorer, 'scoreBatch') ? await (scorer as any).scoreBatch(loaded, job.cards) : undefined;
  const dash =
    (renderer as Record<string, unknown>).renderDashboardHtml ?? (renderer as Record<string, unknown>).renderBatchDashboardHtml;
  const html =
    typeof dash === 'function' && batch !== undefined
      ? String(await (dash as AnyFn)(batch, loaded, { lang: job.lang, cards: job.cards }))
      : undefined;
  return { html, batch };
}

export function runJob(job: Job): Promise<JobResult> {
  return job.kind === 'score' ? runScore(job) : runDashboard(job);
}
