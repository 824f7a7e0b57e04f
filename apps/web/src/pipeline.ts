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
import { checkZipInflation } from './sniff.js';

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
  /** The clerk's file name, recorded in the scorecard. */
  displayName: string;
  rubric: RubricRef;
  lang: 'zh' | 'en';
  /** Also render the scorecard HTML. */
  html: boolean;
  /** Also compute the text fingerprint (committee mode: copy detection across reports). */
  fingerprint?: boolean;
  maxBytes?: number;
  maxInflatedBytes?: number;
}

export interface ScoreResult {
  card: Scorecard;
  html?: string;
  /** The original decoded text: evidence offsets refer to it. */
  sourceText: string;
  warnings: { code: string; message: string }[];
  fingerprint?: unknown;
}

export interface DashboardJob {
  kind: 'dashboard';
  cards: Scorecard[];
  /** card.file → fingerprint, for copy detection. */
  fingerprints: Record<string, unknown>;
  failures: { file: string; code: string; message: string }[];
  /** card.file → link base (the dashboard links to `<base>.html` / `<base>.pdf`). */
  links: Record<string, string>;
  rubric: RubricRef;
  lang: 'zh' | 'en';
}

export interface DashboardResult {
  html?: string;
  batch?: unknown;
}

/** Loads and compiles a rubric ahead of the first upload (sent once to each worker at start). */
export interface WarmJob {
  kind: 'warm';
  rubric: RubricRef;
}

export type Job = ScoreJob | DashboardJob | WarmJob;
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
  if (job.fileName.endsWith('.docx') && job.maxInflatedBytes) checkZipInflation(job.bytes, job.maxInflatedBytes, job.displayName);
  const doc = await need(reader, 'readBuffer', '@fazhi/reader')(job.bytes, job.fileName, {
    displayName: job.displayName,
    maxBytes: job.maxBytes,
    maxInflatedBytes: job.maxInflatedBytes,
  });
  const facts = need(extract, 'extractFacts', '@fazhi/extract')(doc, extractor);
  const card: Scorecard = need(scorer, 'scoreFacts', '@fazhi/scorer')(loaded, facts);
  const html = job.html
    ? String(await need(renderer, 'renderScorecardHtml', '@fazhi/renderer')(card, loaded, { sourceText: doc.text, lang: job.lang }))
    : undefined;
  let fingerprint: unknown;
  if (job.fingerprint && has(scorer, 'fingerprintText') && has(reader, 'viewToOriginal')) {
    const toOrig = (reader as any).viewToOriginal as AnyFn;
    fingerprint = (scorer as any).fingerprintText(doc.view, (o: number) => toOrig(doc, o), doc.text, facts.fingerprints);
  }
  return { card, html, sourceText: doc.text, warnings: doc.warnings ?? [], fingerprint };
}

/** Committee mode: batch aggregation (ranking, statistics, copy detection) and the dashboard HTML. */
export async function runDashboard(job: DashboardJob): Promise<DashboardResult> {
  const { loaded } = compiledRubric(job.rubric);
  const result = need(scorer, 'scoreBatch', '@fazhi/scorer')(job.cards, [], { fingerprints: job.fingerprints });
  const html = has(renderer, 'renderDashboardHtml')
    ? String(
        (renderer as any).renderDashboardHtml({ result, cards: job.cards, failures: job.failures, loaded, links: job.links, lang: job.lang, pdf: true }),
      )
    : undefined;
  return { html, batch: result };
}

export async function runJob(job: Job): Promise<JobResult> {
  if (job.kind === 'score') return runScore(job);
  if (job.kind === 'dashboard') return runDashboard(job);
  compiledRubric(job.rubric);
  return {};
}
