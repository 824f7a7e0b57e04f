import { TRAD_CHARS } from './trad-chars.js';

/** CJK Radicals Supplement (U+2E80–2EFF) → the unified ideograph it stands for. NFKC leaves these alone. */
const RADICALS_SUPPLEMENT: Record<number, string> = {
  0x2e81: '厂', 0x2e83: '乚', 0x2e84: '乙', 0x2e85: '亻', 0x2e86: '冂', 0x2e87: '几', 0x2e89: '刂', 0x2e8a: '卜',
  0x2e8b: '㔾', 0x2e8c: '小', 0x2e8d: '小', 0x2e8e: '兀', 0x2e8f: '尣', 0x2e90: '尢', 0x2e92: '巳', 0x2e93: '幺',
  0x2e94: '彑', 0x2e95: '彐', 0x2e96: '忄', 0x2e97: '心', 0x2e98: '扌', 0x2e99: '攵', 0x2e9b: '旡', 0x2e9c: '日',
  0x2e9d: '月', 0x2e9e: '歺', 0x2e9f: '母', 0x2ea0: '民', 0x2ea1: '氵', 0x2ea2: '氺', 0x2ea3: '灬', 0x2ea4: '爫',
  0x2ea5: '爫', 0x2ea6: '丬', 0x2ea7: '牛', 0x2ea8: '犭', 0x2ea9: '王', 0x2eaa: '疋', 0x2eab: '目', 0x2eac: '示',
  0x2ead: '礻', 0x2eae: '竹', 0x2eaf: '糸', 0x2eb0: '纟', 0x2eb1: '网', 0x2eb2: '罒', 0x2eb3: '网', 0x2eb4: '网',
  0x2eb5: '网', 0x2eb6: '羊', 0x2eb7: '羊', 0x2eb8: '羊', 0x2eb9: '耂', 0x2eba: '肀', 0x2ebb: '聿', 0x2ebc: '月',
  0x2ebd: '臼', 0x2ebe: '艹', 0x2ebf: '艹', 0x2ec0: '艹', 0x2ec1: '虎', 0x2ec2: '衤', 0x2ec3: '覀', 0x2ec4: '西',
  0x2ec5: '见', 0x2ec6: '角', 0x2ec7: '角', 0x2ec8: '讠', 0x2ec9: '贝', 0x2eca: '足', 0x2ecb: '车', 0x2ecc: '辶',
  0x2ecd: '辶', 0x2ece: '辶', 0x2ecf: '阝', 0x2ed0: '钅', 0x2ed1: '長', 0x2ed2: '镸', 0x2ed3: '长', 0x2ed4: '门',
  0x2ed5: '阝', 0x2ed6: '阝', 0x2ed7: '雨', 0x2ed8: '青', 0x2ed9: '韦', 0x2eda: '页', 0x2edb: '风', 0x2edc: '飞',
  0x2edd: '食', 0x2edf: '飠', 0x2ee0: '饣', 0x2ee2: '马', 0x2ee3: '骨', 0x2ee4: '鬼', 0x2ee5: '鱼', 0x2ee6: '鸟',
  0x2ee7: '卤', 0x2ee8: '麦', 0x2ee9: '黄', 0x2eea: '黾', 0x2eeb: '斉', 0x2eec: '齐', 0x2eed: '歯', 0x2eee: '齿',
  0x2eef: '竜', 0x2ef0: '龙', 0x2ef1: '龜', 0x2ef2: '亀', 0x2ef3: '龟',
};

let tradTable: Uint8Array | undefined;
function trad(): Uint8Array {
  if (!tradTable) {
    tradTable = new Uint8Array(0x10000);
    for (let i = 0; i < TRAD_CHARS.length; i++) tradTable[TRAD_CHARS.charCodeAt(i)] = 1;
  }
  return tradTable;
}

/** Counts of traditional-only characters and of CJK ideographs in `s` (a table lookup: a regex class of 3,000 characters is 15× slower). */
export function scriptCounts(s: string): { trad: number; cjk: number } {
  const t = trad();
  let tr = 0;
  let cjk = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      tr += t[c]!;
    }
  }
  return { trad: tr, cjk };
}

/**
 * One-for-one (same UTF-16 length) replacement of a single code unit for the view: full-width ASCII
 * → half-width, ideographic space → space, lone CR → LF, Kangxi radicals and compatibility
 * ideographs → NFKC, CJK Radicals Supplement → ideograph. Returns the input when nothing applies.
 */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  if (c === 0x3000) return ' ';
  if (c === 0x0d) return '\n';
  if (c >= 0x2e80 && c <= 0x2eff) return RADICALS_SUPPLEMENT[c] ?? ch;
  const n = ch.normalize('NFKC');
  return n.length === 1 ? n : ch;
}

export const FOLD_RE = /[\uFF01-\uFF5E\u3000\r\u2E80-\u2EFF\u2F00-\u2FD5\uF900-\uFAFF]/g;

/** Characters deleted from the view: CR before LF, nbsp, soft hyphen, zero-width and bidi marks, BOM. */
export const DELETE_RE = /[\r\u00A0\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export const isCjk = (c: number): boolean =>
  (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0xd800 && c <= 0xdfff);

/** Code-unit classes for one pass over a text (see `charClasses`). */
export const C_DELETE = 1; // in DELETE_RE
export const C_FOLD = 2; // in FOLD_RE
export const C_CJK = 4; // U+3400–9FFF (counted by scriptCounts)
export const C_TRAD = 8; // a traditional-only ideograph (TRAD_CHARS)
export const C_JUNK = 16; // no report contains it (the decoder's junk check: C0/C1 controls, private use, U+FFFD)

let classTable: Uint8Array | undefined;
let foldTable: Uint16Array | undefined;
const fill = (t: Uint8Array, bit: number, ...ranges: Array<[number, number]>) => {
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) t[c]! |= bit;
};
/** FOLD_RE ranges. */
const FOLD_RANGES: Array<[number, number]> = [[0xff01, 0xff5e], [0x3000, 0x3000], [0x0d, 0x0d], [0x2e80, 0x2eff], [0x2f00, 0x2fd5], [0xf900, 0xfaff]];

let tradBitsTable: Uint32Array | undefined;
/** TRAD_CHARS as a bit set over U+0000–FFFF (8 KB: stays in cache where a byte table would not). */
export function tradBits(): Uint32Array {
  if (!tradBitsTable) {
    const bits = new Uint32Array(0x10000 >> 5);
    for (let i = 0; i < TRAD_CHARS.length; i++) {
      const c = TRAD_CHARS.charCodeAt(i);
      bits[c >> 5]! |= 1 << (c & 31);
    }
    tradBitsTable = bits;
  }
  return tradBitsTable;
}

/**
 * Class bits of every UTF-16 code unit: the same sets as DELETE_RE, FOLD_RE, scriptCounts and the
 * decoder's junk check, as a table (one lookup per character instead of regex scans); and a cache
 * of foldChar for FOLD_RE code units, filled as they are met (0 = not yet: use `foldUnit`). Built on
 * first use (well under 1 ms: `fazhi check` starts cold).
 */
export function charClasses(): { cls: Uint8Array; fold: Uint16Array } {
  if (!classTable || !foldTable) {
    const cls = new Uint8Array(0x10000);
    // The two large ranges hold no other class: native fills.
    cls.fill(C_CJK, 0x3400, 0xa000);
    cls.fill(C_JUNK, 0xe000, 0xf900);
    fill(cls, C_DELETE, [0x0d, 0x0d], [0xa0, 0xa0], [0xad, 0xad], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x2064], [0xfeff, 0xfeff]);
    fill(cls, C_FOLD, ...FOLD_RANGES);
    fill(cls, C_JUNK, [0x00, 0x08], [0x0b, 0x0b], [0x0e, 0x1f], [0x7f, 0x9f], [0xfffd, 0xfffd]);
    for (let i = 0; i < TRAD_CHARS.length; i++) {
      const c = TRAD_CHARS.charCodeAt(i);
      if (c >= 0x3400 && c <= 0x9fff) cls[c]! |= C_TRAD;
    }
    classTable = cls;
    foldTable = new Uint16Array(0x10000);
  }
  return { cls: classTable, fold: foldTable };
}

/** foldChar of a FOLD_RE code unit, through the cache of `charClasses().fold`. */
export function foldUnit(fold: Uint16Array, c: number): number {
  let f = fold[c]!;
  if (f === 0) f = fold[c] = foldChar(String.fromCharCode(c)).charCodeAt(0);
  return f;
}

export interface FoldCount {
  /** `s.replace(FOLD_RE, foldChar)` */
  text: string;
  trad: number;
  cjk: number;
  /** `s` holds a DELETE_RE character. */
  deletes: boolean;
}

export interface UnitFold {
  /** The folded code units (a scratch buffer, valid until the next call), or null when no unit changed. */
  folded: Uint16Array | null;
  trad: number;
  cjk: number;
  deletes: boolean;
  /** C_JUNK units among the first `junkWindow`. */
  junk: number;
}

let foldScratch = new Uint16Array(4096);
/**
 * foldChar of every FOLD_RE unit, scriptCounts of the result, DELETE_RE presence and junk count, in
 * one pass over UTF-16 code units. Ideographs and printable ASCII (most of a report) skip the table.
 */
export function foldUnits(u: Uint16Array, junkWindow = 0): UnitFold {
  const { cls, fold } = charClasses();
  const bits = tradBits();
  const n = u.length;
  if (foldScratch.length < n) foldScratch = new Uint16Array(Math.max(n, foldScratch.length * 2));
  const f = foldScratch;
  let any = 0;
  let tr = 0;
  let cjk = 0;
  let junk = 0;
  let changed = false;
  for (let j = 0; j < n; j++) {
    let x = u[j]!;
    if (x >= 0x3400) {
      // Ideographs U+3400–9FFF are never folded, deleted or junk.
      if (x <= 0x9fff) {
        cjk++;
        tr += (bits[x >> 5]! >>> (x & 31)) & 1;
        continue;
      }
    } else if (x >= 0x20 && x < 0x7f) continue; // printable ASCII: in no class
    let k = cls[x]!;
    if (k & C_JUNK && j < junkWindow) junk++;
    if (k & (C_DELETE | C_FOLD)) {
      any |= k;
      if (k & C_FOLD) {
        const y = foldUnit(fold, x);
        if (y !== x) {
          if (!changed) {
            f.set(u);
            changed = true;
          }
          f[j] = y;
          x = y;
          k = cls[x]!;
        }
      }
    }
    if (k & C_CJK) {
      cjk++;
      if (k & C_TRAD) tr++;
    }
  }
  return { folded: changed ? f.subarray(0, n) : null, trad: tr, cjk, deletes: (any & C_DELETE) !== 0, junk };
}

/** A string of UTF-16 code units (copied: lone surrogates kept). */
export function unitsToString(u: Uint16Array): string {
  return Buffer.from(u.buffer, u.byteOffset, u.length * 2).toString('utf16le');
}

let unitScratch = new Uint16Array(4096);
/**
 * `s.replace(FOLD_RE, foldChar)` and `scriptCounts` of the result in one pass. `deletes` says
 * whether `s` holds a DELETE_RE character (the caller may then need to delete them first).
 */
export function foldAndCount(s: string): FoldCount {
  const n = s.length;
  if (unitScratch.length < n) unitScratch = new Uint16Array(Math.max(n, unitScratch.length * 2));
  const u = unitScratch.subarray(0, n);
  Buffer.from(u.buffer, u.byteOffset, n * 2).write(s, 'utf16le');
  const r = foldUnits(u);
  return { text: r.folded ? unitsToString(r.folded) : s, trad: r.trad, cjk: r.cjk, deletes: r.deletes };
}
