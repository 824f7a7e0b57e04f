import { DELETE_RE, foldAndCount, isCjk, type FoldCount } from './chars.js';
import { ORG_END, layoutLines, type Layout } from './layout.js';

export interface Folded {
  /** The original text with deletions (CR, zero-width, nbsp…) and one-for-one folds applied. */
  full: string;
  /** full[i] comes from original[map[i]]; null when nothing was deleted (full[i] comes from original[i]). */
  map: Int32Array | null;
  tradChars: number;
  cjkChars: number;
  converted: boolean;
}

type Converter = (s: string) => string;
let converterPromise: Promise<Converter> | undefined;
/** opencc-js (traditional → simplified, `tw` → `cn`), loaded on first need only. */
function loadConverter(): Promise<Converter> {
  converterPromise ??= import('opencc-js/t2cn').then((m) => {
    const mod = m as unknown as { Converter: (o: { from: string; to: string }) => Converter };
    return mod.Converter({ from: 'tw', to: 'cn' });
  });
  return converterPromise;
}

/**
 * Converts to simplified script keeping every UTF-16 position: where a conversion changes the
 * UTF-16 length of a code point (BMP → astral), the original character is kept.
 */
function convertAligned(s: string, conv: Converter): string {
  const out = conv(s);
  if (out.length === s.length && out === s) return s;
  const parts: string[] = [];
  let i = 0;
  let j = 0;
  let aligned = true;
  while (i < s.length && j < out.length) {
    const a = s.codePointAt(i)!;
    const b = out.codePointAt(j)!;
    const la = a > 0xffff ? 2 : 1;
    const lb = b > 0xffff ? 2 : 1;
    parts.push(la === lb ? String.fromCodePoint(b) : String.fromCodePoint(a));
    i += la;
    j += lb;
  }
  if (i !== s.length || j !== out.length) aligned = false;
  if (aligned) return parts.join('');
  // Code-point counts differ (a phrase rule changed length): convert character by character.
  let r = '';
  for (const ch of s) {
    const c = conv(ch);
    r += c.length === ch.length ? c : ch;
  }
  return r;
}

/** Stage 1: deletions and one-for-one folds over the whole original text; script conversion. `pre` = foldAndCount(text) if known. */
export async function foldText(text: string, pre?: FoldCount): Promise<Folded> {
  let full: string;
  let map: Int32Array | null = null;
  // One pass: folds and script counts (the common case: nothing to delete).
  let folded = pre ?? foldAndCount(text);
  if (folded.deletes) {
    const parts: string[] = [];
    map = new Int32Array(text.length);
    let n = 0;
    let last = 0;
    DELETE_RE.lastIndex = 0;
    for (let m = DELETE_RE.exec(text); m; m = DELETE_RE.exec(text)) {
      const i = m.index;
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10) continue; // lone CR: folded to LF below
      if (i > last) {
        parts.push(text.slice(last, i));
        for (let k = last; k < i; k++) map[n++] = k;
      }
      last = i + 1;
    }
    if (last < text.length) {
      parts.push(text.slice(last));
      for (let k = last; k < text.length; k++) map[n++] = k;
    }
    map = map.subarray(0, n);
    if (n === text.length) map = null; // only lone CRs: nothing deleted
    folded = foldAndCount(parts.join(''));
  }
  full = folded.text;
  const { trad, cjk } = folded;
  let converted = false;
  if (trad > 0) {
    const conv = await loadConverter();
    const out = convertAligned(full, conv);
    converted = out !== full;
    full = out;
  }
  return { full, map, tradChars: trad, cjkChars: cjk, converted };
}

export interface ViewOptions {
  /** Join lines broken mid-sentence (PDF) and drop spaces next to CJK characters. */
  joinLines?: boolean;
  /** After the last body paragraph, keep only signature/date/heading/sentence lines (web pages). */
  trimTail?: boolean;
  /** Extra ranges of `full` to drop (e.g. HTML nav/footer elements), sorted. */
  dropRanges?: Array<[number, number]>;
}

export interface Built {
  view: string;
  offsets: Array<[number, number, number]>;
  layout: Layout;
  droppedLines: number;
  artefacts: number;
}

const SENTENCE_END = /[。！？!?：:；;”"』」）)》】\]]$/;
const HEADING_START = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:[、．]|\.(?!\d))|第[一二三四五六七八九十]+[章节部分]|附件)/;

/** Stage 2: drop chrome lines, blank lines, edge whitespace and artefacts; build the offset runs. */
export function buildView(folded: Folded, opts: ViewOptions = {}): Built {
  const { full, map } = folded;
  const layout = layoutLines(full, opts.joinLines);
  const { lines, drop } = layout;
  if (opts.trimTail && layout.bodyEnd >= 0) {
    for (let i = layout.bodyEnd + 1; i < lines.length; i++) {
      const t = lines[i]!.text;
      if (!t || drop[i]) continue;
      const keepIt =
        /[。;；:：!！?？]$/.test(t) ||
        HEADING_START.test(t) ||
        /^(附件|[(（]此件)/.test(t) ||
        /^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$|^[〇零○一二三四五六七八九]{4}年/.test(t) ||
        (t.length <= 40 && ORG_END.test(t) && !/[:：|>]/.test(t));
      if (!keepIt) drop[i] = 1;
    }
  }
  // Kept ranges of `full`.
  const keep: number[] = [];
  let artefacts = 0;
  const push = (a: number, b: number) => {
    if (b <= a) return;
    const k = keep.length;
    if (k && keep[k - 1] === a) keep[k - 1] = b;
    else keep.push(a, b);
  };
  const dropRanges = opts.dropRanges ?? [];
  let dr = 0;
  const kept: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (drop[i] || l.text === '') continue;
    // Entirely inside an element-level drop range (HTML chrome)?
    while (dr < dropRanges.length && dropRanges[dr]![1] <= l.tStart) dr++;
    const tEnd = l.tStart + l.text.length;
    if (dr < dropRanges.length && dropRanges[dr]![0] <= l.tStart && dropRanges[dr]![1] >= tEnd) {
      drop[i] = 1;
      continue;
    }
    kept.push(i);
  }
  const hasBookmark = full.indexOf('[bookmark:') !== -1;
  for (let k = 0; k < kept.length; k++) {
    const l = lines[kept[k]!]!;
    let a = l.tStart;
    const b = l.tStart + l.text.length;
    // Inline Word artefacts: [bookmark: _GoBack] and the like.
    const seg = l.text;
    if (hasBookmark && seg.indexOf('[bookmark:') !== -1) {
      const re = /\[bookmark:[^\]]*\]/g;
      for (let m = re.exec(seg); m; m = re.exec(seg)) {
        pushLine(a, l.tStart + m.index);
        a = l.tStart + m.index + m[0].length;
        artefacts++;
      }
    }
    pushLine(a, b);
    const next = kept[k + 1];
    if (next === undefined) break;
    if (opts.joinLines) {
      const nt = lines[next]!.text;
      const blankBetween = next > kept[k]! + 1;
      // A short numbered heading (一、主要举措和成效) is a line of its own, not the start of a wrapped one.
      const heading = HEADING_START.test(seg) && seg.length <= 24 && !/[，,。；;]/.test(seg);
      if (!blankBetween && !heading && !SENTENCE_END.test(seg) && !HEADING_START.test(nt) && seg.length > 0) continue; // join
    }
    push(l.end, l.end + 1); // the newline
  }
  function pushLine(a: number, b: number) {
    if (!opts.joinLines) return push(a, b);
    // Drop spaces that touch a CJK character (PDF text runs are separated by spaces).
    let s = a;
    for (let i = a; i < b; i++) {
      const c = full.charCodeAt(i);
      if (c !== 32 && c !== 9) continue;
      let j = i;
      while (j < b && (full.charCodeAt(j) === 32 || full.charCodeAt(j) === 9)) j++;
      const before = i > a ? full.charCodeAt(i - 1) : 0;
      const after = j < b ? full.charCodeAt(j) : 0;
      if ((before && isCjk(before)) || (after && isCjk(after))) {
        push(s, i);
        s = j;
      }
      i = j - 1;
    }
    push(s, b);
  }
  // Runs and the view string.
  const parts: string[] = [];
  const offsets: Array<[number, number, number]> = [];
  let v = 0;
  for (let k = 0; k < keep.length; k += 2) {
    const a = keep[k]!;
    const b = keep[k + 1]!;
    parts.push(full.slice(a, b));
    let runStart = a;
    if (!map) {
      const last = offsets[offsets.length - 1];
      if (last && last[0] + last[2] === v && last[1] + last[2] === a) last[2] += b - a;
      else offsets.push([v, a, b - a]);
      v += b - a;
      continue;
    }
    for (let i = a + 1; i <= b; i++) {
      if (i === b || map[i] !== map[i - 1]! + 1) {
        const len = i - runStart;
        const last = offsets[offsets.length - 1];
        const o = map[runStart]!;
        if (last && last[0] + last[2] === v && last[1] + last[2] === o) last[2] += len;
        else offsets.push([v, o, len]);
        v += len;
        runStart = i;
      }
    }
  }
  let droppedLines = 0;
  for (let i = 0; i < lines.length; i++) if (drop[i] && lines[i]!.text !== '') droppedLines++;
  return { view: parts.join(''), offsets, layout, droppedLines, artefacts };
}
