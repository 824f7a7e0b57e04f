import { isUtf8, transcode } from 'node:buffer';
import { endianness } from 'node:os';
import { foldUnits, unitsToString, type FoldCount } from './chars.js';
import { readerError } from './errors.js';

export interface Decoded {
  text: string;
  encoding: string;
  /** `foldAndCount(text)`, computed while decoding (UTF-8 input, when asked for with `fold`). */
  folded?: FoldCount;
}


function countReplacement(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\uFFFD'); i !== -1; i = s.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** Node's ICU transcoder (UTF-8 → UTF-16LE in native code, ~4× faster than a JS loop); needs a little-endian host. */
const NATIVE_UTF16 = typeof transcode === 'function' && endianness() === 'LE';

let scratch = new Uint16Array(4096);
/**
 * UTF-16 code units of UTF-8 input already validated by isUtf8 (so the conversion is exact): Node's
 * transcoder, or a JS transcoder into a scratch buffer (valid until the next call) where there is none.
 */
function utf8Units(b: Uint8Array): Uint16Array {
  if (NATIVE_UTF16 && b.length > 0) {
    try {
      const t = transcode(b, 'utf8', 'utf16le');
      if ((t.byteOffset & 1) === 0) return new Uint16Array(t.buffer, t.byteOffset, t.length >> 1);
    } catch {
      // fall through to the JS transcoder
    }
  }
  const n = b.length;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const u = scratch;
  let j = 0;
  for (let i = 0; i < n; ) {
    const c = b[i]!;
    if (c < 0x80) {
      u[j++] = c;
      i++;
    } else if (c < 0xe0) {
      u[j++] = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      u[j++] = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f)) - 0x10000;
      u[j++] = 0xd800 + (cp >> 10);
      u[j++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    }
  }
  return u.subarray(0, j);
}

/** UTF-8 → string for input already validated by isUtf8 (~3× faster than Buffer#toString('utf8') on CJK text in Node 20). */
function decodeValidUtf8(b: Uint8Array): string {
  return unitsToString(utf8Units(b));
}

/**
 * decodeValidUtf8, foldAndCount of its result and its junk share in one pass over the code units
 * (the .txt path: saves a second pass over the text).
 */
function decodeValidUtf8Folded(b: Uint8Array): { text: string; junk: number; folded: FoldCount } {
  const u = utf8Units(b);
  const text = unitsToString(u);
  const r = foldUnits(u, JUNK_WINDOW);
  const w = Math.min(u.length, JUNK_WINDOW);
  return { text, junk: w ? r.junk / w : 0, folded: { text: r.folded ? unitsToString(r.folded) : text, trad: r.trad, cjk: r.cjk, deletes: r.deletes } };
}

/** Share of NUL bytes at even and odd positions in the first 4 KB (UTF-16 without BOM shows one side). */
function utf16Guess(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Looks like binary: NUL bytes or many control characters (for a non-UTF-16 buffer). */
export function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) ctrl++;
  }
  return ctrl > n * 0.05;
}

/** Share of a decoded text made of characters no report contains (C0/C1 controls, private use, U+FFFD). */
const JUNK_RE = /[\x00-\x08\x0B\x0E-\x1F\x7F-\x9F\uFFFD\uE000-\uF8FF]/;
const JUNK_WINDOW = 20000;
function junkShare(s: string): number {
  if (!JUNK_RE.test(s.length > JUNK_WINDOW ? s.slice(0, JUNK_WINDOW) : s)) return 0;
  let junk = 0;
  const n = Math.min(s.length, JUNK_WINDOW);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0) || c === 0xfffd || (c >= 0xe000 && c < 0xf900)) junk++;
  }
  return n ? junk / n : 0;
}

/**
 * Bytes → text. Policy: BOM first (UTF-8, UTF-16LE/BE); BOM-less UTF-16 by NUL-byte pattern; strict
 * UTF-8; otherwise GB18030 (a superset of GBK/GB2312), or Big5 when chardet says so on a buffer of
 * at least 200 bytes (short buffers are never guessed by chardet). `hint` is a charset declared by the
 * container (e.g. an HTML meta tag).
 */
export async function decodeBytes(bytes: Uint8Array, file: string, hint?: string, opts: { fold?: boolean } = {}): Promise<Decoded> {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    // Valid UTF-8 after the BOM: the fast decoder gives the same text as TextDecoder (no junk check
    // here), except that TextDecoder also drops a second BOM right after the first.
    if (isUtf8(rest) && !(rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf)) {
      if (opts.fold) {
        const { text, folded } = decodeValidUtf8Folded(rest);
        return { text, encoding: 'utf-8-bom', folded };
      }
      return { text: decodeValidUtf8(rest), encoding: 'utf-8-bom' };
    }
    return { text: new TextDecoder('utf-8').decode(rest), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasNul = buf.indexOf(0) !== -1;
  if (hasNul) {
    const u16 = utf16Guess(bytes);
    if (u16) {
      const text = new TextDecoder(u16).decode(bytes);
      if (junkShare(text) < 0.02) return { text, encoding: u16 };
    }
    throw readerError('E_BINARY', file);
  }
  // Fast path: valid UTF-8 (simdutf check), then a cheap control-character check on the text.
  if (isUtf8(buf)) {
    if (opts.fold) {
      const { text, junk, folded } = decodeValidUtf8Folded(bytes);
      if (junk > 0.05) throw readerError('E_BINARY', file);
      return { text, encoding: 'utf-8', folded };
    }
    const text = decodeValidUtf8(bytes);
    if (junkShare(text) > 0.05) throw readerError('E_BINARY', file);
    return { text, encoding: 'utf-8' };
  }
  if (looksBinary(bytes)) throw readerError('E_BINARY', file);
  let enc = 'gb18030';
  const h = hint?.toLowerCase();
  if (h && /big5/.test(h)) enc = 'big5';
  else if (!h && bytes.length >= 200) {
    const chardet = (await import('chardet')).default;
    const guess = chardet.detect(bytes);
    if (guess && /big5/i.test(guess)) enc = 'big5';
  }
  let text = new TextDecoder(enc).decode(bytes);
  let bad = countReplacement(text);
  if (bad > 0 && enc === 'gb18030') {
    const alt = new TextDecoder('big5').decode(bytes);
    const altBad = countReplacement(alt);
    if (altBad < bad) {
      text = alt;
      bad = altBad;
      enc = 'big5';
    }
  }
  if (bad > Math.max(2, text.length * 0.01) || junkShare(text) > 0.05) throw readerError('E_ENCODING', file);
  return { text, encoding: enc };
}
