import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { Rubric, RubricFile, type FactSpec } from '../schemas/rubric.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { lintRubric, type Locator } from './lint.js';
import { builtinRubricIds, builtinRubricPath, isBuiltinIdLike, isFile } from './paths.js';
import { RubricError, sortProblems, type RubricCode, type RubricProblem } from './problems.js';
import { locate, parseRubricSource, problemAt, type PathKey, type SourceFile } from './source.js';

/** A rubric with `extends` applied and every check passed. */
export interface LoadedRubric {
  rubric: Rubric;
  /** sha256 (hex) of the canonical JSON of `rubric`; stamps every FactSet and Scorecard. */
  sha256: string;
  /** The file loaded, as given (built-ins: their path relative to the working directory). */
  file: string;
  /** The files that made it, from the one loaded up to the root ancestor. */
  chain: string[];
}

export interface LoadOptions {
  /** Resolve relative `extends` against this directory instead of the file's own (for texts not on disk). */
  baseDir?: string;
  /**
   * Only built-in ids may be extended (no file paths). Use it for rubric text from an untrusted
   * source (a web upload), so `extends: ../../secret.yaml` cannot read files on the server.
   */
  builtinsOnly?: boolean;
}

/** Where a resolved piece was written: a file and the YAML path inside it. */
interface Origin {
  src: SourceFile;
  path: PathKey[];
}

interface WorkIndicator {
  id: string;
  data: Record<string, unknown>;
  origin: Origin;
  keys: Record<string, Origin>;
}

interface WorkCategory {
  id: string;
  title: unknown;
  origin: Origin;
  titleOrigin?: Origin;
  indicators: WorkIndicator[];
}

interface Work {
  leaf: SourceFile;
  top: Record<string, unknown>;
  topOrigin: Record<string, Origin>;
  facts: Map<string, { spec: unknown; origin: Origin }>;
  categories: WorkCategory[];
}

const SCALAR_KEYS = ['id', 'title', 'version', 'description', 'applies_to', 'total', 'grades', 'penalties'] as const;
const zhErrors = z.locales.zhCN().localeError;

/** Every key the rubric format knows, for "did you mean" hints on misspelt keys. */
const KNOWN_KEYS = [
  ...Object.keys(RubricFile.shape),
  'indicators', 'fact', 'points', 'scoring', 'whenMissing', 'basis', 'remedy', 'examples', 'kind', 'terms', 'units',
  'window', 'exclude', 'patterns', 'items', 'umbrella', 'subject', 'part', 'rate', 'keys', 'allWords', 'parts',
  'deadline', 'stockPhrases', 'type', 'of', 'values', 'bands', 'min', 'label', 'full', 'per', 'official', 'text',
  'source', 'earns', 'value', 'note', 'name', 'flag',
];

function suggest(key: string): string {
  let best = '';
  let bestD = Infinity;
  for (const k of new Set(KNOWN_KEYS)) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (bestD === 0) return '（此键在这一层级不可用 / not allowed here）';
  return bestD <= Math.max(1, Math.floor(best.length / 3)) ? `；是否想写 “${best}”？/ did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export const pathString = (path: readonly PathKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : String(k)), '');

/** Converts zod issues into located problems in `src` (paths are YAML paths of `src`). */
function zodProblems(src: SourceFile, error: z.ZodError, code: RubricCode, mapPath?: (p: PathKey[]) => { src: SourceFile; path: PathKey[] }): RubricProblem[] {
  const out: RubricProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
    const target = mapPath ? mapPath(path) : { src, path };
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = locate(target.src, target.path, [key]);
        out.push(problemAt(target.src, at.offset, code, `${pathString([...path, key])}: 未知的键 “${key}”${suggest(key)} / unknown key`));
      }
      continue;
    }
    const at = locate(target.src, target.path);
    const where = pathString(path) || '(根)';
    const missing = issue.code === 'invalid_type' && !at.exact;
    const hint = hintFor(path, issue);
    out.push(problemAt(target.src, at.offset, code, missing ? `${where}: 缺少必填项 / required key missing${hint}` : `${where}: ${issue.message}${hint}`));
  }
  return out;
}

const SCORING_TYPES = ['map', 'bands', 'proportional', 'deduct'];
const FACT_KINDS = ['status', 'checklist', 'count', 'rate', 'ratio', 'coverage', 'structure', 'publication', 'specificity'];

/** A short fix for the mistakes rubric authors make most. */
function hintFor(path: PathKey[], issue: z.core.$ZodIssue): string {
  const last = path[path.length - 1];
  if (last === 'version') return '；版本号写成 x.y.z，如 1.0.0（1.0 会被读成数字）';
  if (last === 'type' && path.includes('scoring')) return `；scoring.type 须为 ${SCORING_TYPES.join(' / ')} 之一`;
  if (last === 'kind' && path[0] === 'facts') return `；事实 kind 须为 ${FACT_KINDS.join(' / ')} 之一`;
  if (last === 'official') return '；写 official: true（官方规定）或 official: false（本细则建议）';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return '；分值、阈值写阿拉伯数字，不加引号';
  return '';
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Phase 1: a file on its own — YAML, schema, ids unique within the file. */
function checkFile(src: SourceFile): void {
  if (src.problems.length || src.data === undefined || src.data === null) {
    if (!src.problems.length) src.problems.push(problemAt(src, 0, 'E_RUBRIC_SCHEMA', '细则文件为空 / the rubric file is empty'));
    return;
  }
  const res = RubricFile.safeParse(src.data, { error: zhErrors });
  if (!res.success) src.problems.push(...zodProblems(src, res.error, 'E_RUBRIC_SCHEMA'));
  // Duplicate ids inside one file (merging across files is by id, so these would be ambiguous).
  const data = src.data as { categories?: unknown };
  if (!Array.isArray(data.categories)) return;
  const cats = new Map<string, number>();
  const inds = new Map<string, string>();
  data.categories.forEach((c: unknown, ci: number) => {
    if (!c || typeof c !== 'object') return;
    const cat = c as { id?: unknown; indicators?: unknown };
    if (typeof cat.id === 'string') {
      if (cats.has(cat.id)) {
        const at = locate(src, ['categories', ci, 'id']);
        src.problems.push(problemAt(src, at.offset, 'E_RUBRIC_DUPLICATE_ID', `分类 id “${cat.id}” 重复（已在 categories[${cats.get(cat.id)}] 中使用）/ duplicate category id`));
      } else cats.set(cat.id, ci);
    }
    if (!Array.isArray(cat.indicators)) return;
    cat.indicators.forEach((ind: unknown, ii: number) => {
      const id = ind && typeof ind === 'object' ? (ind as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') return;
      const here = `categories[${ci}].indicators[${ii}]`;
      if (inds.has(id)) {
        const at = locate(src, ['categories', ci, 'indicators', ii, 'id']);
        src.problems.push(problemAt(src, at.offset, 'E_RUBRIC_DUPLICATE_ID', `指标 id “${id}” 重复（已在 ${inds.get(id)} 中使用）；每个指标须有唯一 id / duplicate indicator id`));
      } else inds.set(id, here);
    });
  });
}

/**
 * Rubric files are UTF-8, but a county office may save one from Notepad as GBK/GB18030:
 * decode strictly as UTF-8 first and fall back to GB18030 rather than show mojibake.
 */
function decodeRubric(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Parsed files by path + mtime + size: YAML parsing is the slow part of loading, and a server
 * or a batch loads the same built-ins again and again. Entries are never mutated.
 */
const parsedFiles = new Map<string, SourceFile>();

class Loader {
  private readonly cache = new Map<string, SourceFile>();
  readonly problems: RubricProblem[] = [];

  constructor(private readonly opts: LoadOptions) {}

  read(abs: string, display: string): SourceFile {
    const hit = this.cache.get(abs);
    if (hit) return hit;
    let text: string;
    let stamp = '';
    try {
      const st = statSync(abs);
      stamp = `${abs}\0${st.mtimeMs}\0${st.size}\0${display}`;
      const parsed = parsedFiles.get(stamp);
      if (parsed) {
        this.cache.set(abs, parsed);
        return parsed;
      }
      text = decodeRubric(readFileSync(abs));
    } catch (e) {
      const src = parseRubricSource('', display);
      src.problems = [{ code: 'E_RUBRIC_READ', message: `无法读取细则文件：${(e as Error).message}`, file: display, line: 1, col: 1 }];
      this.cache.set(abs, src);
      return src;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const src = this.parse(abs, display, text);
    if (parsedFiles.size > 64) parsedFiles.clear();
    parsedFiles.set(stamp, src);
    return src;
  }

  parse(abs: string, display: string, text: string): SourceFile {
    const src = parseRubricSource(text, display);
    checkFile(src);
    this.cache.set(abs, src);
    return src;
  }

  /** Resolves a file and its ancestors. Returns null (problems recorded) when anything is wrong. */
  resolve(abs: string, src: SourceFile, stack: { abs: string; display: string }[], chain: string[]): Work | null {
    chain.push(src.file);
    this.problems.push(...src.problems);
    const data = src.data as Record<string, unknown> | undefined;
    let parent: Work | null = null;
    let parentOk = true;
    const ext = data && typeof data === 'object' ? data.extends : undefined;
    if (typeof ext === 'string' && ext.length > 0) {
      const target = this.findExtends(ext, abs);
      const at = locate(src, ['extends']);
      if (!target) {
        const ids = builtinRubricIds().join(', ');
        this.problems.push(
          problemAt(src, at.offset, 'E_RUBRIC_EXTENDS_NOT_FOUND', `extends 的目标 “${ext}” 不存在：请写内置细则 id（${ids}）或相对于本文件的 .yaml 路径 / extends target not found`),
        );
        parentOk = false;
      } else if (target.abs === abs || stack.some((s) => s.abs === target.abs)) {
        const names = [...stack.map((s) => s.display), src.file, target.display];
        const from = stack.findIndex((s) => s.abs === target.abs);
        const cycle = from >= 0 ? names.slice(from) : [src.file, target.display];
        this.problems.push(problemAt(src, at.offset, 'E_RUBRIC_EXTENDS_CYCLE', `extends 形成循环：${cycle.join(' → ')} / extends cycle`));
        parentOk = false;
      } else {
        const psrc = this.read(target.abs, target.display);
        parent = this.resolve(target.abs, psrc, [...stack, { abs, display: src.file }], chain);
        parentOk = parent !== null;
      }
    }
    if (src.problems.length || !parentOk || !data) return null;
    return applyFile(parent, src, data as unknown as RubricFile, this.problems);
  }

  private findExtends(ext: string, fromAbs: string): { abs: string; display: string } | null {
    const looksLikePath = /[\\/]/.test(ext) || /\.ya?ml$/i.test(ext);
    if (looksLikePath && this.opts.builtinsOnly) return null;
    if (!looksLikePath) {
      const p = builtinRubricPath(ext);
      return p ? { abs: p, display: displayPath(p) } : null;
    }
    const base = this.opts.baseDir ?? dirname(fromAbs);
    const p = resolvePath(base, ext);
    return isFile(p) ? { abs: p, display: displayPath(p) } : null;
  }
}

/** Phase 2: applies one file on top of its resolved parent (see the merge rules on `RubricFile`). */
function applyFile(parent: Work | null, src: SourceFile, file: RubricFile, problems: RubricProblem[]): Work | null {
  const o = (path: PathKey[]): Origin => ({ src, path });
  const work: Work = parent
    ? {
        leaf: src,
        top: { ...parent.top },
        topOrigin: { ...parent.topOrigin },
        facts: new Map(parent.facts),
        categories: parent.categories.map((c) => ({ ...c, indicators: c.indicators.map((i) => ({ ...i, data: { ...i.data }, keys: { ...i.keys } })) })),
      }
    : { leaf: src, top: {}, topOrigin: {}, facts: new Map(), categories: [] };
  // A child's description describes the child: never inherit the parent's.
  if (parent) delete work.top.description;
  let ok = true;
  // Scorecards are stamped with the rubric id: a child under its parent's id would pass for it.
  if (parent && parent.top.id === file.id) {
    const at = locate(src, ['id']);
    problems.push(problemAt(src, at.offset, 'E_RUBRIC_DUPLICATE_ID', `细则 id “${file.id}” 与所继承的上级细则相同；请改用本县自己的 id（如 ${file.id}-my-county）/ a rubric may not reuse its parent's id`));
    ok = false;
  }

  // drop first, so a child may drop an indicator and add a new one under the same id.
  (file.drop ?? []).forEach((id, di) => {
    const ci = work.categories.findIndex((c) => c.id === id);
    if (ci >= 0) {
      work.categories.splice(ci, 1);
      return;
    }
    for (const c of work.categories) {
      const ii = c.indicators.findIndex((i) => i.id === id);
      if (ii >= 0) {
        c.indicators.splice(ii, 1);
        return;
      }
    }
    const at = locate(src, ['drop', di]);
    problems.push(problemAt(src, at.offset, 'E_RUBRIC_DROP_UNKNOWN', `drop 中的 “${id}” 不是上级细则中的分类或指标 id / nothing to drop with this id`));
    ok = false;
  });

  for (const k of SCALAR_KEYS) {
    if (file[k] !== undefined) {
      work.top[k] = file[k];
      work.topOrigin[k] = o([k]);
    }
  }
  for (const [id, spec] of Object.entries(file.facts ?? {})) work.facts.set(id, { spec, origin: o(['facts', id]) });

  (file.categories ?? []).forEach((c, ci) => {
    let cat = work.categories.find((x) => x.id === c.id);
    if (!cat) {
      cat = { id: c.id, title: c.title, origin: o(['categories', ci]), indicators: [] };
      if (c.title !== undefined) cat.titleOrigin = o(['categories', ci, 'title']);
      work.categories.push(cat);
    } else if (c.title !== undefined) {
      cat.title = c.title;
      cat.titleOrigin = o(['categories', ci, 'title']);
    }
    (c.indicators ?? []).forEach((ind, ii) => {
      const here = ['categories', ci, 'indicators', ii];
      let found: WorkIndicator | undefined;
      for (const other of work.categories) {
        const at = other.indicators.findIndex((x) => x.id === ind.id);
        if (at >= 0) {
          found = other.indicators[at];
          // Listed under another category: the indicator moves there.
          if (other !== cat) {
            other.indicators.splice(at, 1);
            cat!.indicators.push(found!);
          }
          break;
        }
      }
      if (!found) {
        found = { id: ind.id, data: {}, origin: o(here), keys: {} };
        cat!.indicators.push(found);
      }
      for (const [k, v] of Object.entries(ind)) {
        if (v === undefined) continue;
        found.data[k] = v;
        found.keys[k] = o([...here, k]);
      }
    });
  });
  return ok ? work : null;
}

function buildRubric(work: Work): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [id, f] of work.facts) facts[id] = f.spec;
  const out: Record<string, unknown> = {};
  for (const k of ['id', 'title', 'version', 'description', 'applies_to', 'total', 'grades'] as const) {
    if (work.top[k] !== undefined) out[k] = work.top[k];
  }
  out.facts = facts;
  out.categories = work.categories.map((c) => ({
    id: c.id,
    title: c.title,
    indicators: c.indicators.map((i) => ({ ...i.data })),
  }));
  if (work.top.penalties !== undefined) out.penalties = work.top.penalties;
  return out;
}

/** Maps a path in the resolved rubric back to the file and YAML path where it was written. */
function makeLocator(work: Work): Locator {
  return (path: readonly PathKey[]) => {
    const [head, a, b, c, key, ...rest] = path;
    if (head === 'facts' && typeof a === 'string') {
      const f = work.facts.get(a);
      if (f) return { src: f.origin.src, path: [...f.origin.path, ...path.slice(2)] };
    }
    if (head === 'categories' && typeof a === 'number') {
      const cat = work.categories[a];
      if (cat) {
        if (b === 'indicators' && typeof c === 'number') {
          const ind = cat.indicators[c];
          if (ind) {
            if (typeof key === 'string' && ind.keys[key]) return { src: ind.keys[key].src, path: [...ind.keys[key].path, ...rest] };
            return ind.origin;
          }
        }
        if (b === 'title' && cat.titleOrigin) return cat.titleOrigin;
        return cat.origin;
      }
    }
    if (typeof head === 'string' && work.topOrigin[head]) return { src: work.topOrigin[head].src, path: [...work.topOrigin[head].path, ...path.slice(1)] };
    return { src: work.leaf, path: [] };
  };
}

const REQUIRED_INDICATOR_KEYS = ['title', 'fact', 'points', 'scoring', 'whenMissing', 'basis', 'remedy', 'examples'] as const;

/** Phase 3: the resolved rubric — completeness, strict schema, then the lint rules. */
function finish(work: Work, problems: RubricProblem[]): Rubric | null {
  const raw = buildRubric(work);
  const locator = makeLocator(work);
  const here = (path: PathKey[], code: RubricCode, message: string): RubricProblem => {
    const t = locator(path);
    return problemAt(t.src, locate(t.src, t.path).offset, code, message);
  };
  const before = problems.length;
  const incomplete = new Map<string, Set<string>>();
  work.categories.forEach((c, ci) => {
    if (c.title === undefined) problems.push(here(['categories', ci], 'E_RUBRIC_SCHEMA', `新增分类 “${c.id}” 须写 title / a new category needs a title`));
    c.indicators.forEach((ind, ii) => {
      const missing = REQUIRED_INDICATOR_KEYS.filter((k) => ind.data[k] === undefined);
      if (missing.length) {
        incomplete.set(`${ci}/${ii}`, new Set(missing));
        problems.push(
          here(['categories', ci, 'indicators', ii], 'E_RUBRIC_INCOMPLETE_INDICATOR', `指标 “${ind.id}” 缺少 ${missing.join('、')}；新增指标须写全 title、fact、points、scoring、whenMissing、basis、remedy、examples / incomplete indicator`),
        );
      }
    });
  });
  const res = Rubric.safeParse(raw, { error: zhErrors });
  if (!res.success) {
    const issues = res.error.issues.filter((i) => {
      const [h, ci, , ii, key] = i.path;
      const inIncomplete = h === 'categories' && !!incomplete.get(`${String(ci)}/${String(ii)}`)?.has(String(key));
      const missingTitle = h === 'categories' && i.path.length === 3 && i.path[2] === 'title';
      return !inIncomplete && !missingTitle;
    });
    if (issues.length) problems.push(...zodProblems(work.leaf, new z.ZodError(issues), 'E_RUBRIC_SCHEMA', locator));
  }
  if (problems.length > before || !res.success) return null;
  const lint = lintRubric(res.data, locator);
  problems.push(...lint);
  return lint.length ? null : res.data;
}

function load(abs: string, display: string, text: string | null, opts: LoadOptions): LoadedRubric {
  const loader = new Loader(opts);
  const src = text === null ? loader.read(abs, display) : loader.parse(abs, display, text);
  const chain: string[] = [];
  const work = loader.resolve(abs, src, [], chain);
  const rubric = work ? finish(work, loader.problems) : null;
  if (!rubric || loader.problems.length) throw new RubricError(sortProblems(loader.problems));
  return { rubric, sha256: sha256Hex(canonicalJson(rubric)), file: display, chain };
}

/**
 * Loads, resolves (`extends`) and checks a rubric: a path to a .yaml file, or a built-in id
 * (`national`, `township`, …). Synchronous; reads only rubric files. Throws `RubricError`
 * with EVERY problem found, each located at `file:line:col`.
 */
export function loadRubric(pathOrBuiltinId: string, opts: LoadOptions = {}): LoadedRubric {
  if (isFile(pathOrBuiltinId)) return load(resolvePath(pathOrBuiltinId), pathOrBuiltinId, null, opts);
  const builtin = isBuiltinIdLike(pathOrBuiltinId) ? builtinRubricPath(pathOrBuiltinId) : null;
  if (builtin) return load(builtin, displayPath(builtin), null, opts);
  const ids = builtinRubricIds().join(', ');
  throw new RubricError([
    {
      code: 'E_RUBRIC_NOT_FOUND',
      message: `找不到评分细则 “${pathOrBuiltinId}”：请给出 .yaml 文件路径或内置细则 id（${ids}）/ rubric not found`,
      file: pathOrBuiltinId,
      line: 1,
      col: 1,
    },
  ]);
}

/**
 * Loads a rubric from text (an upload, an editor buffer). `file` names it in messages; a
 * relative `extends` resolves against `opts.baseDir` (default: the directory of `file`).
 */
export function loadRubricText(text: string, file: string, opts: LoadOptions = {}): LoadedRubric {
  return load(resolvePath(file), file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, opts);
}

/** The fact specs a resolved rubric declares, by id (convenience for extractors). */
export const rubricFacts = (r: Rubric): Array<[string, FactSpec]> => Object.entries(r.facts);
