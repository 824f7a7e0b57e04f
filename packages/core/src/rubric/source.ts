import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';

// yaml (about 70 CommonJS files) is required on first use, not at import: a process that never
// parses a rubric (`fazhi check` with a cached rubric, scorer-only users) does not pay for it.
type Yaml = typeof import('yaml');
let yamlMod: Yaml | undefined;
const yaml = (): Yaml => (yamlMod ??= createRequire(import.meta.url)('yaml') as Yaml);
const isAlias = ((n: unknown) => yaml().isAlias(n)) as Yaml['isAlias'];
const isCollection = ((n: unknown) => yaml().isCollection(n)) as Yaml['isCollection'];
const isMap = ((n: unknown) => yaml().isMap(n)) as Yaml['isMap'];
const isPair = ((n: unknown) => yaml().isPair(n)) as Yaml['isPair'];
const isScalar = ((n: unknown) => yaml().isScalar(n)) as Yaml['isScalar'];
const isSeq = ((n: unknown) => yaml().isSeq(n)) as Yaml['isSeq'];
const parseDocument = ((...a: Parameters<Yaml['parseDocument']>) => yaml().parseDocument(...a)) as Yaml['parseDocument'];
import type { RubricCode, RubricProblem } from './problems.js';

/** Limits that keep a hostile or broken file from costing more than a moment. */
export const RUBRIC_LIMITS = {
  /** Bytes (UTF-16 units) of one rubric file. The national rubric is about 20 KB. */
  maxChars: 1_000_000,
  /** Nesting of YAML collections; a real rubric needs about 8. */
  maxDepth: 32,
  /** Flow brackets nested deeper than this are refused before parsing. */
  maxBracketDepth: 64,
  /** yaml's own guard against billion-laughs expansion. */
  maxAliasCount: 100,
  /** Nodes in the JS value after alias expansion. */
  maxNodes: 200_000,
};

export type PathKey = string | number;

/** One parsed rubric file: its text, YAML document with positions, and the plain JS value. */
export interface SourceFile {
  /** The path as the user gave it (or as resolved through extends), used in messages. */
  file: string;
  doc: Document | null;
  lc: LineCounter;
  data: unknown;
  problems: RubricProblem[];
}

export function problemAt(src: SourceFile, offset: number, code: RubricCode, message: string): RubricProblem {
  const { line, col } = src.lc.linePos(Math.max(0, offset));
  return { code, message, file: src.file, line, col };
}

function childNode(node: unknown, key: PathKey): { value: Node | null; key: Node | null } | null {
  if (isMap(node)) {
    for (const it of node.items) {
      const k = isScalar(it.key) ? it.key.value : it.key;
      if (k === key || (typeof key === 'number' && k === String(key)) || String(k) === String(key)) {
        return { value: (it.value as Node | null) ?? null, key: (it.key as Node | null) ?? null };
      }
    }
    return null;
  }
  if (isSeq(node) && typeof key === 'number') {
    const v = node.items[key];
    return v === undefined ? null : { value: (v as Node | null) ?? null, key: null };
  }
  return null;
}

/**
 * Where `path` was written in this file. `exact: false` means the path does not exist (a
 * missing key): the position is then that of the deepest existing ancestor. For
 * `unrecognized` keys the key itself is pointed at.
 */
export function locate(src: SourceFile, path: readonly PathKey[], unrecognized?: readonly string[]): { offset: number; exact: boolean } {
  const doc = src.doc;
  if (!doc || !doc.contents) return { offset: 0, exact: false };
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const c = childNode(node, path[i]!);
    if (!c) return { offset: startOf(keyNode, node), exact: false };
    node = c.value;
    keyNode = c.key;
    if (node === null) return { offset: keyNode?.range?.[0] ?? 0, exact: i === path.length - 1 };
  }
  if (unrecognized?.length && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && unrecognized.includes(String(it.key.value)));
    if (pair && isScalar(pair.key)) return { offset: pair.key.range?.[0] ?? 0, exact: true };
  }
  // A scalar is shown where its value starts; a collection where its key is written.
  if (isScalar(node) || isAlias(node)) return { offset: (node as Node).range?.[0] ?? 0, exact: true };
  return { offset: startOf(keyNode, node), exact: true };
}

function startOf(keyNode: Node | null, node: unknown): number {
  if (keyNode?.range) return keyNode.range[0];
  if (node && typeof node === 'object' && 'range' in node) return ((node as Node).range?.[0]) ?? 0;
  return 0;
}

function bracketDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote: string | null = null;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (comment) {
      if (ch === '\n') comment = false;
      continue;
    }
    if (quote) {
      if (ch === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) comment = true;
    else if (ch === '"' || (ch === "'" && depth > 0)) quote = ch;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
      if (max > RUBRIC_LIMITS.maxBracketDepth) break;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, offset: at };
}

function astDepth(root: unknown): { depth: number; node: Node | null } {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let max = 0;
  let deepest: Node | null = null;
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) {
      max = d;
      deepest = n as Node;
    }
    if (max > RUBRIC_LIMITS.maxDepth) break;
    if (isCollection(n)) {
      for (const it of n.items) {
        if (isPair(it)) {
          if (it.value && typeof it.value === 'object') stack.push([it.value, d + 1]);
        } else if (it && typeof it === 'object') stack.push([it, d + 1]);
      }
    }
  }
  return { depth: max, node: deepest };
}

function countNodes(v: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [v];
  const seen = new Set<unknown>();
  while (stack.length && n <= limit) {
    const x = stack.pop();
    n++;
    if (x && typeof x === 'object') {
      // Aliases share objects: count each expansion, but never loop forever on a cycle.
      if (seen.has(x) && n > limit) break;
      seen.add(x);
      for (const c of Array.isArray(x) ? x : Object.values(x)) stack.push(c);
    }
  }
  return n;
}

/** Parses one rubric file with positions. Never throws: every problem lands in `problems`. */
export function parseRubricSource(text: string, file: string): SourceFile {
  const lc = new (yaml().LineCounter)();
  const src: SourceFile = { file, doc: null, lc, data: undefined, problems: [] };
  if (text.length > RUBRIC_LIMITS.maxChars) {
    src.problems.push({
      code: 'E_RUBRIC_TOO_LARGE',
      message: `细则文件过大（${text.length} 字符，上限 ${RUBRIC_LIMITS.maxChars}）/ rubric file too large`,
      file,
      line: 1,
      col: 1,
    });
    return src;
  }
  const bd = bracketDepth(text);
  if (bd.depth > RUBRIC_LIMITS.maxBracketDepth) {
    // lc is empty before parsing: compute the line ourselves.
    const before = text.slice(0, bd.offset);
    const line = before.split('\n').length;
    const col = bd.offset - before.lastIndexOf('\n');
    src.problems.push({
      code: 'E_RUBRIC_TOO_DEEP',
      message: `YAML 嵌套过深（超过 ${RUBRIC_LIMITS.maxBracketDepth} 层），已拒绝 / nesting too deep, refused`,
      file,
      line,
      col,
    });
    return src;
  }
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false });
  } catch (e) {
    src.problems.push({ code: 'E_RUBRIC_YAML', message: `YAML 无法解析：${(e as Error).message}`, file, line: 1, col: 1 });
    return src;
  }
  src.doc = doc;
  for (const err of doc.errors) {
    const msg = err.code === 'DUPLICATE_KEY' ? `重复的键 / duplicate key: ${err.message.split('\n')[0]}` : err.message.split('\n')[0];
    src.problems.push(problemAt(src, err.pos[0], 'E_RUBRIC_YAML', `YAML 语法错误：${msg}`));
  }
  if (src.problems.length) return src;
  const d = astDepth(doc.contents);
  if (d.depth > RUBRIC_LIMITS.maxDepth) {
    src.problems.push(
      problemAt(src, d.node?.range?.[0] ?? 0, 'E_RUBRIC_TOO_DEEP', `YAML 嵌套过深（超过 ${RUBRIC_LIMITS.maxDepth} 层），已拒绝 / nesting too deep, refused`),
    );
    return src;
  }
  try {
    src.data = doc.toJS({ maxAliasCount: RUBRIC_LIMITS.maxAliasCount });
  } catch (e) {
    const firstAlias = findFirstAlias(doc.contents);
    src.problems.push(
      problemAt(
        src,
        firstAlias ?? 0,
        'E_RUBRIC_ALIAS_BOMB',
        `YAML 别名（*alias）展开过多，疑似“亿万笑”攻击，已拒绝；请直接写出内容 / excessive alias expansion refused (${(e as Error).message.split('\n')[0]})`,
      ),
    );
    return src;
  }
  if (countNodes(src.data, RUBRIC_LIMITS.maxNodes) > RUBRIC_LIMITS.maxNodes) {
    src.data = undefined;
    src.problems.push(problemAt(src, 0, 'E_RUBRIC_TOO_LARGE', `细则内容展开后过大（超过 ${RUBRIC_LIMITS.maxNodes} 个节点），已拒绝`));
  }
  return src;
}

function findFirstAlias(root: unknown): number | null {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isAlias(n)) return n.range?.[0] ?? 0;
    if (isCollection(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) {
        const it = n.items[i];
        if (isPair(it)) {
          stack.push(it.value);
        } else stack.push(it);
      }
    }
  }
  return null;
}
