// Review overrides (人工复核 / 申诉): a YAML list read with locations, validated against a batch.
// This is the scorer's only file I/O helper; it reads the overrides file, never a report.
import { readFileSync } from 'node:fs';
import { FazhiError, IndicatorStatus, type Rubric } from '@fazhi/core';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';

// yaml (about 70 CommonJS files) is required when an overrides file is read, not at import, so
// `fazhi check` and other scorer users that never read one do not pay for loading it.
type Yaml = typeof import('yaml');
let yamlMod: Yaml | undefined;
const yaml = (): Yaml => (yamlMod ??= createRequire(import.meta.url)('yaml') as Yaml);
const isMap = ((n: unknown) => yaml().isMap(n)) as Yaml['isMap'];
const isScalar = ((n: unknown) => yaml().isScalar(n)) as Yaml['isScalar'];
const isSeq = ((n: unknown) => yaml().isSeq(n)) as Yaml['isSeq'];
const parseDocument = ((...a: Parameters<Yaml['parseDocument']>) => yaml().parseDocument(...a)) as Yaml['parseDocument'];
import { z } from 'zod';

export const OverrideEntry = z
  .strictObject({
    /** The report's file name (base name or path as given) or its sha256. */
    report: z.string().min(1),
    indicator: z.string().min(1),
    points: z.number().min(0).optional(),
    status: IndicatorStatus.optional(),
    reason: z.string().min(1),
    reviewer: z.string().min(1),
    date: z.iso.date(),
  })
  .refine((o) => o.points !== undefined || o.status !== undefined, { message: '须给出 points 或 status' })
  .meta({ id: 'OverrideEntry' });

export interface Loc {
  file: string;
  line: number;
  col: number;
}
/** One override as written, with where it was written (for located errors later). */
export type ReviewOverride = z.infer<typeof OverrideEntry> & { loc?: Loc };

export interface OverrideProblem {
  code: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

/** Several located problems at once; `format()` prints the first, `problems` has them all. */
export class OverrideError extends FazhiError {
  readonly problems: OverrideProblem[];
  constructor(problems: OverrideProblem[]) {
    const first = problems[0]!;
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处错误）` : '';
    super(first.code, `${first.message}${more}`, { file: first.file, line: first.line, col: first.col });
    this.name = 'OverrideError';
    this.problems = problems;
  }
  override format(): string {
    return this.problems
      .map((p) => `${p.file ? `${p.file}${p.line ? `:${p.line}:${p.col ?? 1}` : ''}: ` : ''}${p.code} ${p.message}`)
      .join('\n');
  }
}

function nodePos(doc: Document, lc: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const p = path.slice(0, n);
    let node = (n === 0 ? doc.contents : doc.getIn(p, true)) as Node | null | undefined;
    if (!node) continue;
    // Point at the key of a missing/bad entry rather than at its parent map.
    if (n > 0 && typeof p[n - 1] === 'string') {
      const parent = (n === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true)) as Node | null;
      if (isMap(parent)) {
        const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === p[n - 1]);
        if (pair?.key && n < path.length) node = pair.key as Node;
      }
    }
    return lc.linePos(node.range?.[0] ?? 0);
  }
  return { line: 1, col: 1 };
}

/**
 * Reads an overrides file: a YAML list of `{report, indicator, points|status, reason, reviewer, date}`
 * (or a map with an `overrides:` list). Errors name file:line:col (E_OVERRIDE_YAML, E_OVERRIDE_SCHEMA).
 */
export function loadOverrides(path: string, src?: string): ReviewOverride[] {
  let text = src;
  if (text === undefined) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new FazhiError('E_OVERRIDE_READ', `无法读取复核覆盖文件 ${path}，请检查路径`, { file: path });
    }
  }
  const lc = new (yaml().LineCounter)();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new OverrideError(
      doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return { code: 'E_OVERRIDE_YAML', message: `YAML 语法错误：${e.message.split('\n')[0]}`, file: path, line, col };
      }),
    );
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    throw new FazhiError('E_OVERRIDE_YAML', `YAML 中不允许使用别名（&/*）：${(e as Error).message}`, { file: path, line: 1, col: 1 });
  }
  let base: (string | number)[] = [];
  if (root && typeof root === 'object' && !Array.isArray(root) && 'overrides' in root) {
    root = (root as { overrides: unknown }).overrides;
    base = ['overrides'];
  }
  if (root === null || root === undefined) return [];
  if (!Array.isArray(root)) {
    const { line, col } = nodePos(doc, lc, base);
    throw new OverrideError([
      { code: 'E_OVERRIDE_SCHEMA', message: '复核覆盖文件须是一个列表（每项含 report、indicator、points 或 status、reason、reviewer、date）', file: path, line, col },
    ]);
  }
  const problems: OverrideProblem[] = [];
  const out: ReviewOverride[] = [];
  root.forEach((item, i) => {
    const r = OverrideEntry.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const ipath = [...base, i, ...(issue.path as (string | number)[])];
        let pos = nodePos(doc, lc, ipath);
        if (issue.code === 'unrecognized_keys') {
          const m = doc.getIn([...base, i], true);
          if (isMap(m)) {
            const pair = m.items.find((it) => isScalar(it.key) && issue.keys.includes(String(it.key.value)));
            if (pair?.key) pos = lc.linePos((pair.key as Node).range?.[0] ?? 0);
          }
        }
        const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
        problems.push({ code: 'E_OVERRIDE_SCHEMA', message: `第 ${i + 1} 项 ${field}${issue.message}`, file: path, ...pos });
      }
      return;
    }
    out.push({ ...r.data, loc: { file: path, ...nodePos(doc, lc, [...base, i]) } });
  });
  if (problems.length) throw new OverrideError(problems);
  // Same report + indicator twice is ambiguous: say which line wins nothing, ask to merge.
  const seen = new Map<string, ReviewOverride>();
  for (const o of out) {
    const k = `${o.report}\u0000${o.indicator}`;
    const prev = seen.get(k);
    if (prev) {
      problems.push({
        code: 'E_OVERRIDE_DUPLICATE',
        message: `报告 ${o.report} 的指标 ${o.indicator} 已在第 ${prev.loc?.line} 行复核过，请合并为一条`,
        ...o.loc,
      });
    }
    seen.set(k, o);
  }
  if (problems.length) throw new OverrideError(problems);
  return out;
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** Whether an override names this report (by path, base name or sha256). */
export function overrideMatches(o: { report: string }, report: { file: string; sha256: string }): boolean {
  const r = o.report.trim();
  if (/^[0-9a-fA-F]{64}$/.test(r)) return r.toLowerCase() === report.sha256;
  return r === report.file || baseName(r) === baseName(report.file);
}

/**
 * Checks overrides against the reports of a batch and the rubric: unknown report
 * (E_OVERRIDE_UNKNOWN_REPORT), unknown indicator (E_OVERRIDE_UNKNOWN_INDICATOR), points above the
 * indicator's maximum (E_OVERRIDE_POINTS). Throws one OverrideError listing every problem.
 */
export function validateOverrides(
  overrides: ReviewOverride[],
  reports: { file: string; sha256: string }[],
  rubric: Rubric,
): void {
  const max = new Map(rubric.categories.flatMap((c) => c.indicators.map((i) => [i.id, i.points] as const)));
  const problems: OverrideProblem[] = [];
  for (const o of overrides) {
    if (!reports.some((r) => overrideMatches(o, r))) {
      const known = reports.map((r) => baseName(r.file)).slice(0, 5).join('、');
      problems.push({
        code: 'E_OVERRIDE_UNKNOWN_REPORT',
        message: `本批次中没有报告“${o.report}”（请写文件名或 sha256${known ? `，例如 ${known}` : ''}）`,
        ...o.loc,
      });
    }
    const m = max.get(o.indicator);
    if (m === undefined) {
      problems.push({
        code: 'E_OVERRIDE_UNKNOWN_INDICATOR',
        message: `细则“${rubric.id}”中没有指标“${o.indicator}”（可用：${[...max.keys()].join('、')}）`,
        ...o.loc,
      });
    } else if (o.points !== undefined && o.points > m) {
      problems.push({
        code: 'E_OVERRIDE_POINTS',
        message: `指标 ${o.indicator} 满分 ${m} 分，复核分 ${o.points} 超过满分`,
        ...o.loc,
      });
    }
  }
  if (problems.length) throw new OverrideError(problems);
}
