import type { Evidence, Modality, SectionKind, SourceDocument } from '@fazhi/core';
import { EvidenceFactory } from './doc.js';
import { modalityAt, spanAround, type Span } from './modality.js';
import { readStructure, type Structure } from './structure.js';
import { scanNumbers, type NumberToken } from './numbers.js';

/** Everything a detector needs about one document, computed once. */
export class DocContext {
  readonly view: string;
  readonly structure: Structure;
  readonly ev: EvidenceFactory;
  /** View spans inside 《…》 (titles of documents: citations, not facts). */
  private readonly titleSpans: Span[] = [];
  /** The document is itself a plan / implementation opinion / notice (not a report of results). */
  readonly planDocument: boolean;
  readonly adminLevel: string;
  readonly reportYear: number | null;
  readonly effectiveYear: number | null;
  private readonly modCache = new Map<string, { modality: Modality; why: string }>();

  constructor(readonly doc: SourceDocument) {
    this.structure = readStructure(doc.view);
    // PDF text wraps lines mid-sentence: for sentence analysis a soft line break becomes a space
    // (same length, so view offsets and the offset map stay valid).
    this.view = doc.format === 'pdf' ? softenLineBreaks(doc.view) : doc.view;
    this.ev = new EvidenceFactory(doc);
    const re = /《[^《》\n]{1,80}》/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.view))) this.titleSpans.push({ start: m.index, end: m.index + m[0].length });
    // Titles cited in 《》 do not make the document itself a plan.
    const head = this.view.slice(0, 400).replace(/《[^《》]*》/g, '');
    this.planDocument =
      /实施方案|实施意见|工作方案|调解方案|工作要点|关于建立(?:和完善)?|决定(?:在|对)/.test(head) && !/报告|年.{0,16}总结|总结如下/.test(head);
    this.adminLevel = doc.meta?.adminLevel?.value ?? 'unknown';
    this.reportYear = doc.meta?.reportYear?.value ?? null;
    // Without a report year, the latest year named in the opening stands in for it.
    let ey = this.reportYear;
    if (ey === null) {
      // The first year named that is not a target (到2026年) or a cited title.
      const head = this.view.slice(0, 600).replace(/《[^《》]*》/g, '');
      const m = /(?<!到|至|-|—)(20\d{2})\s*年/.exec(head);
      ey = m ? Number(m[1]) : null;
    }
    this.effectiveYear = ey;
  }

  private numbersCache: NumberToken[] | null = null;
  /** Every number of the view, scanned once per document (shared by detectors and signals). */
  allNumbers(): readonly NumberToken[] {
    this.numbersCache ??= scanNumbers(this.view);
    return this.numbersCache;
  }

  inTitle(pos: number): boolean {
    // Title spans are sorted and disjoint: binary search for the last one starting at or before pos.
    let lo = 0;
    let hi = this.titleSpans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const sp = this.titleSpans[mid]!;
      if (sp.start > pos) hi = mid - 1;
      else if (pos >= sp.end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  kindsAt(pos: number): SectionKind[] {
    return this.structure.kindsAt(pos);
  }

  modality(start: number, end: number): { modality: Modality; why: string } {
    const key = `${start}:${end}`;
    const hit = this.modCache.get(key);
    if (hit) return hit;
    let res = modalityAt(this.view, start, end, this.kindsAt(start), this.effectiveYear);
    if (res.modality === 'done' && this.planDocument) {
      const sent = this.sentence(start);
      const s = this.view.slice(sent.start, sent.end);
      if (!/已|了|今年以来|全年|完成|实现了|截至/.test(s)) res = { modality: 'planned', why: 'plan document' };
    }
    this.modCache.set(key, res);
    return res;
  }

  sentence(pos: number): Span {
    return spanAround(this.view, pos, false);
  }

  clause(pos: number): Span {
    return spanAround(this.view, pos, true);
  }

  /** Evidence over view [start, end) with section path and modality. */
  evidence(start: number, end: number, modality?: Modality): Evidence | null {
    const mod = modality ?? this.modality(start, end).modality;
    return this.ev.make(start, end, this.structure.pathAt(start), mod);
  }

  /** A quote-sized span around [start,end): the clause(s) containing it, capped. */
  quoteSpan(start: number, end: number, max = 80): Span {
    const a = this.clause(start);
    const b = this.clause(Math.max(start, end - 1));
    let s = Math.min(a.start, start);
    let e = Math.max(b.end, end);
    if (e - s > max) {
      s = Math.max(s, start - Math.floor((max - (end - start)) / 2));
      e = Math.min(e, s + Math.max(max, end - start));
    }
    return { start: s, end: e };
  }
}

const HEADING_START = /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[章条部])/;

/** Replaces line breaks that wrap a sentence (no end punctuation before, no heading after) by spaces. */
export function softenLineBreaks(view: string): string {
  const lines = view.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!.trimEnd();
    const hard = prev.length < 15 || /[。！？!?；;：:」”)）]$/.test(prev) || HEADING_START.test(lines[i]!);
    out += (hard ? '\n' : ' ') + lines[i];
  }
  return out;
}
