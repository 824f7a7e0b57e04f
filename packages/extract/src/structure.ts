import type { SectionKind } from '@fazhi/core';

// Headings and canonical parts of a report, read on the normalised view.

export interface Heading {
  level: 1 | 2 | 3;
  /** View span of the heading (numeral included). */
  start: number;
  end: number;
  /** Heading text without its numeral. */
  title: string;
  kinds: SectionKind[];
  /** Where the heading's body ends (next heading of the same or higher level). */
  bodyEnd: number;
}

const CN = '一二三四五六七八九十';
const L1_RE = new RegExp(`^(?:[${CN}]{1,3}\\s*[、.．]|第[${CN}]{1,3}部分[、:：\\s]?|、(?=[^\\s]))`);
const L2_RE = new RegExp(`^(?:[(（]\\s*[${CN}]{1,3}\\s*[)）]|[${CN}]{1,3}\\)(?!\\d))`);
const L3_RE = /^(?:\d{1,2}\s*[.、．](?!\d)|[(（]\d{1,2}[)）])/;
const BARE_NUM_RE = new RegExp(`^[${CN}]{1,3}\\s+`);
const STOP_RE = new RegExp(`[。！？!?]|(?<=.)\\s*(?:[(（][${CN}]{1,2}[)）]|[${CN}]{1,2}、)`);
const BARE_HEAD_RE = new RegExp(`^[${CN}]{1,3}\\s+(?=[^\\s是])`);
// Inline headings in single-line text: a numeral right after a sentence end.
const INLINE_RE = new RegExp(`(?<=[。；;！!？?:：]\\s*)(?:[${CN}]{1,2}、|[(（][${CN}]{1,2}[)）])`, 'g');

const YEAR_PREFIX = /^(?:\d{4}|\*{4}|[〇零一二三四五六七八九]{4})\s*年度?(?:的)?|^(?:本年度|年度|今年|上年度)/;

const LEADER = /第一责任人|主要负责人(?:履行|履职)|(?:党政|主要)负责人.{0,6}职责|履行.{0,8}法治建设.{0,4}职责|一把手.{0,6}(?:职责|责任)/;
const SHORT = /存在的?(?:主要)?(?:问题|不足|困难|短板)|(?:问题|不足)(?:和|及|与)(?:原因|不足|困难|短板|差距)|不足(?:之处)?(?:和|及|与)?(?:原因|之处)|薄弱环节|短板(?:和|及|与)?不足|困难和问题|存在.{0,4}差距|问题(?:及|和|与)?(?:整改)?(?:分析|剖析)$/;
const NEXT = /下一步|下步|下一年度?|下年度|明年|今后|未来.{0,4}(?:工作|打算|安排|计划|思路)|(?:工作|主要)?(?:打算|安排|思路|计划|重点|目标)(?:和|及|与)?(?:措施|举措|建议|方向)?$|(?:\d{4}|\*{4}|[〇零一二三四五六七八九]{4})\s*年度?.{0,16}(?:工作)?(?:打算|安排|计划|思路|要点|重点|目标)|改进措施|努力方向|工作展望|展望/;
const MEASURES = /(?:主要|重点|核心)?(?:工作)?(?:举措|措施|做法|工作|成效|成绩|成果)(?:和|及|与|、)(?:突出|显著|主要|取得的?)?(?:成效|成果|成绩|亮点|经验|举措)|工作(?:开展|推进|落实)?情况$|(?:开展|推进|落实|完成)情况$|主要做法|基本情况|总体情况|整体情况|主要工作(?:内容|成效|开展情况)?$|工作内容$|主要成效|主要成绩|工作成绩$|工作成效$|主要举措$|工作举措$|取得的(?:主要)?成效/;

/** Canonical kinds of a heading text (numeral removed); a merged heading yields two kinds. */
export function classifyHeading(raw: string, level: 1 | 2 | 3 = 1): SectionKind[] {
  let t = raw.replace(/[\s\u00a0]+/g, '').replace(/[。:：]+$/, '');
  const cut = t.search(/[。:：]/);
  if (cut > 0) t = t.slice(0, cut);
  if (t.length > 60) t = t.slice(0, 60);
  t = t.replace(YEAR_PREFIX, '');
  if (level === 3) return ['other'];
  const kinds: SectionKind[] = [];
  if (LEADER.test(t)) kinds.push('leader_duties');
  // 上一年度…问题整改 reports last year's fixes, not this year's shortcomings.
  if (SHORT.test(t) && !/整改/.test(t)) kinds.push('shortcomings');
  if (NEXT.test(t) && !/《/.test(t) && !/^上一年/.test(t) && !/整改/.test(t)) kinds.push('next_year');
  if (kinds.length === 0) {
    // Generic "what we did" headings count; thematic ones (强化组织领导，…) do not.
    const noComma = !/[,，;；]/.test(t);
    if (noComma && MEASURES.test(t) && t.length <= 40) kinds.push('measures');
  }
  return kinds.length ? kinds : ['other'];
}

export interface Structure {
  headings: Heading[];
  /** Headings whose kind is canonical (level 1, or level 2 naming a canonical part). */
  canonical: Heading[];
  /** Canonical kinds in force at a view offset. */
  kindsAt(pos: number): SectionKind[];
  /** Heading path ("二、主要举措和成效 > (五)依法化解矛盾纠纷") at a view offset. */
  pathAt(pos: number): string;
}

function headingText(view: string, start: number, lineEnd: number): { end: number; title: string; numeralEnd: number } {
  const rest = view.slice(start, lineEnd);
  const m = L1_RE.exec(rest) ?? L2_RE.exec(rest) ?? L3_RE.exec(rest) ?? BARE_NUM_RE.exec(rest);
  const numeralEnd = start + (m ? m[0].length : 0);
  // The heading runs to the first full stop, or to the next inline numeral, capped.
  let end = lineEnd;
  const body = view.slice(numeralEnd, lineEnd);
  const stop = body.search(STOP_RE);
  if (stop >= 0) end = numeralEnd + stop;
  if (end - numeralEnd > 80) end = numeralEnd + 80;
  return { end, title: view.slice(numeralEnd, end).trim(), numeralEnd };
}

export function readStructure(view: string): Structure {
  const headings: Heading[] = [];
  let lineStart = 0;
  while (lineStart <= view.length) {
    let lineEnd = view.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = view.length;
    let s = lineStart;
    while (s < lineEnd && /[\s\u3000]/.test(view[s]!)) s++;
    const line = view.slice(s, lineEnd);
    const push = (level: 1 | 2 | 3, at: number) => {
      const h = headingText(view, at, lineEnd);
      if (!h.title) return;
      headings.push({ level, start: at, end: h.end, title: h.title, kinds: classifyHeading(h.title, level), bodyEnd: view.length });
    };
    if (L1_RE.test(line)) push(1, s);
    else if (line.length <= 40 && BARE_HEAD_RE.test(line) && !/[。，,]/.test(line)) push(1, s);
    else if (L2_RE.test(line)) push(2, s);
    else if (L3_RE.test(line)) push(3, s);
    else if (line.length > 0 && line.length <= 30 && !/[。，,；;]/.test(line) && !/报告|总结|情况的|^\d/.test(line)) {
      // A heading that lost its numeral: a short line naming a canonical part.
      const kinds = classifyHeading(line, 1);
      if (kinds.some((k) => k === 'shortcomings' || k === 'next_year' || k === 'leader_duties')) {
        headings.push({ level: 1, start: s, end: lineEnd, title: line.trim(), kinds, bodyEnd: view.length });
      }
    }
    // Inline headings inside a long line (text that arrived as one line).
    if (lineEnd - s > 200) {
      INLINE_RE.lastIndex = 0;
      const seg = view.slice(s, lineEnd);
      let m: RegExpExecArray | null;
      while ((m = INLINE_RE.exec(seg))) {
        const at = s + m.index;
        if (at === s) continue;
        const level: 1 | 2 = /、$/.test(m[0]) ? 1 : 2;
        const h = headingText(view, at, lineEnd);
        if (h.title && h.end - h.numeralEnd <= 40) {
          headings.push({ level, start: at, end: h.end, title: h.title, kinds: classifyHeading(h.title, level), bodyEnd: view.length });
        }
      }
    }
    if (lineEnd >= view.length) break;
    lineStart = lineEnd + 1;
  }
  headings.sort((a, b) => a.start - b.start);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) { h.bodyEnd = headings[j]!.start; break; }
    }
  }
  const canonical = headings.filter((h) => h.level <= 2 && h.kinds.some((k) => k !== 'other'));
  const top = headings.filter((h) => h.level === 1);
  const kindsAt = (pos: number): SectionKind[] => {
    const ks = new Set<SectionKind>();
    for (const h of canonical) if (pos >= h.start && pos < h.bodyEnd) for (const k of h.kinds) ks.add(k);
    return [...ks];
  };
  const pathAt = (pos: number): string => {
    const chain: string[] = [];
    for (const h of headings) {
      if (h.level === 3) continue;
      if (pos >= h.start && pos < h.bodyEnd) chain.push(view.slice(h.start, h.end).trim());
    }
    return chain.join(' > ');
  };
  void top;
  return { headings, canonical, kindsAt, pathAt };
}
