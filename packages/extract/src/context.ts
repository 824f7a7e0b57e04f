import { copyNormalisation, type Evidence, type Modality, type SectionKind, type SourceDocument } from '@fazhi/core';
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
  /** The reporting body's level: the reader's, else the one its self-references name (我市/全县/我镇…). */
  readonly bodyLevel: string;
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
    this.bodyLevel = this.adminLevel !== 'unknown' ? this.adminLevel : selfLevel(this.view);
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

  private copyCache: { norm: string; before: Int32Array } | null = null;
  /**
   * The view normalised for copy detection (@fazhi/core copyNormalisation): made once, shared by
   * the duplicate-paragraph check (sentence keys are slices of it) and the copy shingles.
   */
  copyNorm(): { norm: string; before: Int32Array } {
    this.copyCache ??= copyNormalisation(this.view);
    return this.copyCache;
  }

  private numbersCache: NumberToken[] | null = null;
  /** Every number of the view, scanned once per document (shared by detectors and signals). */
  allNumbers(): readonly NumberToken[] {
    this.numbersCache ??= scanNumbers(this.view);
    return this.numbersCache;
  }

  /**
   * Whether the sentence around `pos` is about a named unit below the reporting body (南湖镇在… in
   * a city's report, 东村… in a township's): that unit's facilities and figures are not the body's.
   * The body's own place (北河镇… in 北河镇's report) and groups (各镇, 全县) are not sub-units.
   * `villages` false: villages and communities count as the body (a fact the contract defines
   * as "the government or its villages", such as legal advisers).
   */
  subunitAt(pos: number, villages = true): boolean {
    const units = SUBUNITS[this.bodyLevel];
    if (!units || (!villages && this.bodyLevel === 'township')) return false;
    const sp = this.sentence(pos);
    const head = this.view.slice(sp.start, pos).replace(LEAD_IN, '');
    const m = units.exec(head);
    if (!m || /[各全每本我所辖该其个多一二两三四五六七八九十]/.test(m[1]!)) return false;
    const name = m[1]! + m[2]!;
    const place = this.doc.meta?.place?.value ?? '';
    return !(place && (place.includes(name) || name.includes(place)));
  }

  /**
   * The numbers whose digits lie inside view [from, to), from the one scan of the view (detectors
   * ask about many small windows; scanning each again cost more than the detectors themselves).
   * A number cut by the window is not in it.
   */
  numbersIn(from: number, to: number): NumberToken[] {
    const all = this.allNumbers();
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.coreStart < from) lo = mid + 1;
      else hi = mid;
    }
    const out: NumberToken[] = [];
    for (let i = lo; i < all.length && all[i]!.coreStart < to; i++) if (all[i]!.coreEnd <= to) out.push(all[i]!);
    return out;
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

// A sentence opening with a named unit as its subject: the name, the unit word, then a verb or
// preposition (南湖镇在…, 红旗街道构建了…, 东村聘请…), never a longer noun (乡镇干部, 村规民约).
const SUBJECT_NEXT = '(?=[在以通依坚结积创探聚投围把将按针着建打构成立开推实聘组设充大全深强率先为对还也已共累])';
const subunitsRe = (units: string) => new RegExp(`^\\s*([\\u4e00-\\u9fa5]{2,5}?)(${units})${SUBJECT_NEXT}`);
const SUBUNITS: Record<string, RegExp> = {
  province: subunitsRe('市|州|县|区|镇|乡|街道'),
  city: subunitsRe('县|区|镇|乡|街道'),
  county: subunitsRe('镇|乡|街道'),
  township: subunitsRe('村|社区'),
};
/** A time or linking phrase before the subject (今年以来，南湖镇…). */
const LEAD_IN = /^\s*(?:今年以来|年内|全年|同时|此外|其中|目前|近年来|20\d{2}年(?:以来)?|截至[^，,]{0,12})[，,]?/;

/** The level a text speaks as (我市 / 全县 / 我镇 …), 'unknown' when it never says. */
function selfLevel(view: string): string {
  const count = (re: RegExp) => (view.match(re) ?? []).length;
  const counts: [string, number][] = [
    ['city', count(/我市|全市/g)],
    ['county', count(/我县|全县|我区|全区/g)],
    ['township', count(/我镇|全镇|我乡|全乡|我街道|全街道|本镇|本乡/g)],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 && counts[0]![1] > counts[1]![1] ? counts[0]![0] : 'unknown';
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
