import type { Evidence, Modality, SourceDocument } from '@fazhi/core';

/**
 * View → original offset mapping over the reader's runs `[viewStart, origStart, length]`.
 * Evidence is mapped at match time from view offsets; never found again by searching a quote.
 */
export class OffsetMap {
  private readonly vs: number[];
  private readonly os: number[];
  private readonly ln: number[];
  constructor(runs: readonly (readonly [number, number, number])[]) {
    const sorted = [...runs].filter((r) => r[2] > 0).sort((a, b) => a[0] - b[0]);
    this.vs = sorted.map((r) => r[0]);
    this.os = sorted.map((r) => r[1]);
    this.ln = sorted.map((r) => r[2]);
  }
  private find(v: number): number {
    let lo = 0;
    let hi = this.vs.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.vs[mid]! <= v) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }
  /** Original offset of view character `v` (null when the view has no such character). */
  char(v: number): number | null {
    const i = this.find(v);
    if (i < 0) return null;
    const d = v - this.vs[i]!;
    if (d >= this.ln[i]!) return null;
    return this.os[i]! + d;
  }
  /** Original half-open span for the view span [vs, ve). */
  span(vs: number, ve: number): [number, number] | null {
    if (ve <= vs) return null;
    const s = this.char(vs);
    const e = this.char(ve - 1);
    if (s === null || e === null || e + 1 <= s) return null;
    return [s, e + 1];
  }
}

/** 1-based line of an original offset; line starts precomputed once. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }
}

function lastLE(arr: readonly number[] | undefined, v: number): number | undefined {
  if (!arr || arr.length === 0) return undefined;
  let lo = 0;
  let hi = arr.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= v) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans < 0 ? undefined : ans + 1;
}

/** Builds verbatim evidence; counts (and drops) anything that fails `text.slice(start,end) === quote`. */
export class EvidenceFactory {
  readonly map: OffsetMap;
  readonly lines: LineIndex;
  dropped = 0;
  constructor(readonly doc: SourceDocument) {
    this.map = new OffsetMap(doc.offsets);
    this.lines = new LineIndex(doc.text);
  }
  /** Evidence for the view span [vs, ve), trimmed of surrounding whitespace. */
  make(vs: number, ve: number, section: string, modality: Modality): Evidence | null {
    const view = this.doc.view;
    while (vs < ve && /\s/.test(view[vs]!)) vs++;
    while (ve > vs && /\s/.test(view[ve - 1]!)) ve--;
    const sp = this.map.span(vs, ve);
    if (!sp) { this.dropped++; return null; }
    const [start, end] = sp;
    const quote = this.doc.text.slice(start, end);
    // The invariant, asserted: a quote is exactly the original text at its offsets.
    if (quote.length === 0 || this.doc.text.slice(start, end) !== quote || end > this.doc.text.length) {
      this.dropped++;
      return null;
    }
    const ev: Evidence = { quote, start, end, line: this.lines.line(start), section, modality };
    const page = lastLE(this.doc.pages, start);
    if (page !== undefined) ev.page = page;
    const para = lastLE(this.doc.paragraphs, start);
    if (para !== undefined) ev.paragraph = para;
    return ev;
  }
}

/**
 * A minimal SourceDocument for tests and for callers without the reader: the view is the text
 * with full-width ASCII folded to half-width (one-for-one, so the offset map is the identity).
 */
export function documentFromText(text: string, file = 'inline.txt', opts: { view?: string } = {}): SourceDocument {
  const view = opts.view ?? foldWidth(text);
  const nullField = { value: null, evidence: [] };
  return {
    schemaVersion: 1,
    file,
    sha256: '0'.repeat(64),
    format: 'txt',
    encoding: 'utf-8',
    bytes: text.length,
    text,
    view,
    offsets: view.length === text.length ? [[0, 0, text.length]] : [],
    meta: {
      title: nullField,
      issuer: nullField,
      place: nullField,
      adminLevel: { value: 'unknown', evidence: [] },
      reportYear: nullField,
      publishDate: nullField,
      script: 'simplified',
    },
    warnings: [],
  } as SourceDocument;
}

/** Full-width ASCII → half-width, ideographic space → space; length preserving. */
export function foldWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) out += ' ';
    else out += ch;
  }
  return out;
}
