import type { Evidence, Fact, FactSpec } from '@fazhi/core';
import type { DocContext } from './context.js';
import type { NumberToken } from './numbers.js';

// Fact detectors by kind. Each takes its rubric spec (precompiled) and a document context.

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One regex matching any of the literal terms, longest first. */
export function termsRe(terms: readonly string[], flags = 'g', patterns: readonly string[] = []): RegExp {
  const sorted = [...new Set(terms)].sort((a, b) => b.length - a.length);
  return new RegExp([...sorted.map(esc), ...patterns.map((p) => `(?:${p})`)].join('|'), flags);
}
function* matches(re: RegExp, s: string, from = 0, to = s.length): Generator<{ index: number; text: string }> {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  r.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = r.exec(s))) {
    if (m.index >= to) break;
    if (m[0].length === 0) { r.lastIndex++; continue; }
    yield { index: m.index, text: m[0] };
  }
}

// Multi-year / cumulative scopes are not a year's figure; neither are national or other-level totals.
const MULTI_YEAR_RE = /近[两二三四五六七八九十]年|(?<!\d)[两二三四五六七八九十\d]{1,2}年(?:来|以来|间)|十[三四五]五.{0,3}(?:期间|以来)|\d{4}年(?:至|到|-|—)\d{4}年|(?:去年|上年)以来|累计.{0,12}以来|成立以来|开展以来|运行以来/;
/** Multi-year or cumulative scope; 2025年以来 in a 2025 report is this year's figure. */
export function isMultiYear(sentence: string, year: number | null): boolean {
  if (MULTI_YEAR_RE.test(sentence)) return true;
  const re = /(?:自)?(\d{4})年(?:[^，,。；]{0,4})?以来|自(\d{4})年/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) {
    const y = Number(m[1] ?? m[2]);
    if (year === null || y < year) return true;
  }
  return false;
}
/** Scopes wider than the reporting body's own (a county-wide figure in a township report…). */
function otherScopeRe(level: string): RegExp {
  switch (level) {
    case 'township': return /全国|最高人民法院|全省|全[县区市](?!场)/;
    case 'county': return /全国|最高人民法院|全省/;
    case 'city': return /全国|最高人民法院|全省/;
    default: return /全国|最高人民法院/;
  }
}

const CITED_TAIL = /^[^，,。；;！!？?\n《》]*?的(?:指导意见|实施意见|实施方案|工作方案|通知|意见|方案|办法|决定|规定|细则|若干措施)/;
/** A match inside a document name written without 《》 (转发县委关于开展述法工作的通知). */
export function inCitedName(view: string, pos: number): boolean {
  const before = view.slice(Math.max(0, pos - 40), pos);
  const k = before.lastIndexOf('关于');
  if (k < 0 || /[，,。；;！!？?\n]/.test(before.slice(k))) return false;
  return CITED_TAIL.test(view.slice(pos, pos + 60));
}

export interface Compiled {
  id: string;
  spec: FactSpec;
  run(ctx: DocContext): Fact;
}

type Cand = { value: number; tok: NumberToken; sentence: number; start: number; end: number };

function pickValue(cands: Cand[]): Cand | null {
  return cands[0] ?? null;
}

function dedupeEvidence(evs: (Evidence | null)[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evs) {
    if (!e) continue;
    const k = `${e.start}:${e.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

// ---------- status ----------
const RULE_DOC = /(?:制定|印发|出台|起草|修订|研究制定|建立健全|建立|健全|完善)[^，,。；]{0,20}(?:方案|办法|制度|规定|意见|细则)/;
const RULE_DOC_G = new RegExp(RULE_DOC.source, 'g');
const DONE_EVENT = /述职报告|述法报告|公示|开展|组织|召开|进行|完成|实现|落实|贯彻|带头|纳入|参加|听取|现场|书面|专题|年终|年度|述职述法|评议|全覆盖|举行/;

export function compileStatus(id: string, spec: Extract<FactSpec, { kind: 'status' }>): Compiled {
  const re = termsRe(spec.terms, 'g', spec.patterns);
  const ex = spec.exclude?.length ? termsRe(spec.exclude, '') : null;
  return {
    id, spec,
    run(ctx) {
      const done: Evidence[] = [];
      const planned: Evidence[] = [];
      const problem: Evidence[] = [];
      for (const m of matches(re, ctx.view)) {
        const end = m.index + m.text.length;
        const q = ctx.quoteSpan(m.index, end, 60);
        const clause = ctx.view.slice(q.start, q.end);
        if (ex && ex.test(ctx.view.slice(Math.max(0, m.index - 3), end + 3))) continue;
        let mod = ctx.modality(m.index, end).modality;
        // A term inside 《…》 or a clause that only issues a rule is not an event.
        // A sentence that only issues a rule (制定《述法工作实施方案》，明确述法对象) reports no 述法 held.
        const sp = ctx.sentence(m.index);
        const sentence = ctx.view.slice(sp.start, sp.end).replace(/《[^《》]*?(方案|办法|制度|规定|意见|细则)?》/g, '《$1》');
        if (mod === 'done' && (ctx.inTitle(m.index) || inCitedName(ctx.view, m.index) || (RULE_DOC.test(sentence) && !DONE_EVENT.test(sentence.replace(RULE_DOC_G, ''))))) mod = 'planned';
        const ev = ctx.evidence(q.start, q.end, mod);
        if (!ev) continue;
        (mod === 'done' ? done : mod === 'planned' ? planned : problem).push(ev);
      }
      const value = done.length ? 'done' : planned.length ? 'planned' : 'absent';
      return { kind: 'status', value, evidence: done.length ? done : planned.length ? planned : problem };
    },
  };
}

// ---------- checklist ----------
export function compileChecklist(id: string, spec: Extract<FactSpec, { kind: 'checklist' }>): Compiled {
  const items = spec.items.map((it) => ({
    id: it.id,
    re: new RegExp([termsRe(it.terms).source, ...((it as { patterns?: string[] }).patterns ?? [])].join('|'), 'g'),
  }));
  const umbrella = spec.umbrella?.length ? termsRe(spec.umbrella) : null;
  const ex = spec.exclude?.length ? termsRe(spec.exclude, '') : null;
  return {
    id, spec,
    run(ctx) {
      const found = new Map<string, Evidence>();
      let umbrellaEv: Evidence | null = null;
      const planned: Evidence[] = [];
      const consider = (idx: number, len: number): Evidence | null | 'planned' => {
        if (ctx.inTitle(idx)) {
          // A cited higher-level title does not count; the unit issuing its own rule does (制定《XX镇行政执法全过程记录实施细则》).
          const open = ctx.view.lastIndexOf('《', idx);
          const close = ctx.view.indexOf('》', idx);
          const title = ctx.view.slice(open, close + 1);
          const lead = ctx.view.slice(Math.max(0, open - 6), open);
          if (!/制定|出台|修订|印发了|建立/.test(lead) || /国务院|国家|中共中央|中办|国办|省|指导意见|实施意见|实施方案/.test(title)) return null;
        }
        if (inCitedName(ctx.view, idx)) return null;
        const q = ctx.quoteSpan(idx, idx + len, 60);
        const clause = ctx.view.slice(q.start, q.end);
        if (ex && ex.test(clause)) return null;
        const mod = ctx.modality(idx, idx + len).modality;
        const sent = ctx.sentence(idx);
        const sentence = ctx.view.slice(sent.start, sent.end);
        // Issuing an implementation plan/opinion is not carrying the systems out.
        if ((/实施方案|实施意见|制定本(?:方案|办法|意见|细则)/.test(sentence) || (ctx.planDocument && /以下统称|以下简称/.test(sentence))) && !/已|完成/.test(sentence)) {
          const e = ctx.evidence(q.start, q.end, 'planned');
          if (e) planned.push(e);
          return 'planned';
        }
        if (mod !== 'done') {
          const e = ctx.evidence(q.start, q.end, mod);
          if (e && mod === 'planned') planned.push(e);
          return 'planned';
        }
        return ctx.evidence(q.start, q.end, 'done');
      };
      for (const it of items) {
        for (const m of matches(it.re, ctx.view)) {
          if (found.has(it.id)) break;
          const r = consider(m.index, m.text.length);
          if (r && r !== 'planned') found.set(it.id, r);
        }
      }
      if (umbrella) {
        for (const m of matches(umbrella, ctx.view)) {
          // 三项制度 alone names the enforcement systems only where enforcement is the topic (the
          // sentence, the 60 characters before it, or the heading path); 信访/安全生产 三项制度 are others.
          const sp = ctx.sentence(m.index);
          const near = ctx.view.slice(Math.max(0, Math.min(sp.start, m.index - 60)), sp.end);
          if (!/执法/.test(near) && !/执法/.test(ctx.structure.pathAt(m.index))) continue;
          const r = consider(m.index, m.text.length);
          if (r && r !== 'planned') { umbrellaEv = r; break; }
        }
      }
      const n = found.size;
      const value = n === items.length ? 'all' : umbrellaEv ? 'generic' : n > 0 ? 'partial' : 'absent';
      const evidence = dedupeEvidence([...(umbrellaEv ? [umbrellaEv] : []), ...found.values()]);
      return {
        kind: 'checklist', value, evidence: value === 'absent' ? planned.slice(0, 3) : evidence,
        detail: { items: Object.fromEntries(items.map((it) => [it.id, found.has(it.id)])), umbrella: Boolean(umbrellaEv) },
      };
    },
  };
}

// ---------- count / rate ----------
export function compileCount(id: string, spec: Extract<FactSpec, { kind: 'count' }>): Compiled {
  const re = termsRe(spec.terms, 'g', spec.patterns);
  const ex = spec.exclude?.length ? termsRe(spec.exclude, '') : null;
  const units = new Set(spec.units);
  const window = spec.window ?? 30;
  const verbsRe = spec.verbs?.length ? termsRe(spec.verbs) : null;
  return {
    id, spec,
    run(ctx) {
      const cands: (Cand & { ev: Evidence; total: boolean; summed?: boolean })[] = [];
      for (const m of matches(re, ctx.view)) {
        if (ctx.inTitle(m.index)) continue;
        const end = m.index + m.text.length;
        const cl = ctx.clause(m.index);
        const sent = ctx.sentence(m.index);
        const sentence = ctx.view.slice(sent.start, sent.end);
        if (isMultiYear(sentence, ctx.effectiveYear) || ctx.subunitAt(m.index)) continue;
        const mod = ctx.modality(m.index, end).modality;
        if (mod !== 'done') continue;
        // Numbers after the term in its clause, or before it as the object (对6项决策开展合法性审查).
        const after = ctx.numbersIn(end, Math.min(cl.end, end + window)).filter((t) => !t.percent && t.unit && units.has(t.unit));
        const before = ctx.numbersIn(Math.max(cl.start, m.index - window), m.index).filter(
          (t) => !t.percent && t.unit && units.has(t.unit) && /^(?:对|审查|审核|共|全年对)/.test(ctx.view.slice(Math.max(cl.start, t.start - 3), t.start).replace(/^.*?(对|共)/, '$1')),
        );
        for (const t of [...after, ...before]) {
          const between = t.start >= end ? ctx.view.slice(end, t.start) : ctx.view.slice(t.end, m.index);
          if (ex && ex.test(between + ctx.view.slice(t.end, t.end + 1))) continue;
          if (/[，,；;。]|其中|\d/.test(between)) continue;
          const s = Math.min(m.index, t.start);
          const e = Math.max(end, t.end);
          const q = ctx.quoteSpan(s, e, 60);
          const ev = ctx.evidence(q.start, q.end, 'done');
          if (!ev) continue;
          const total = /共|合计|累计|总计|总数/.test(ctx.view.slice(cl.start, cl.end));
          cands.push({ value: t.value, tok: t, sentence: sent.start, start: s, end: e, ev, total });
          break;
        }
      }
      // Generic verbs (审查, 审核) count inside a paragraph that is about the term.
      if (verbsRe) {
        const paras = new Set<number>();
        for (const m of matches(re, ctx.view)) {
          if (ctx.inTitle(m.index) || ctx.modality(m.index, m.index + m.text.length).modality !== 'done') continue;
          paras.add(ctx.view.lastIndexOf('\n', m.index) + 1);
        }
        for (const ps of paras) {
          const pe = ctx.view.indexOf('\n', ps) < 0 ? ctx.view.length : ctx.view.indexOf('\n', ps);
          for (const m of matches(verbsRe, ctx.view, ps, pe)) {
            const end = m.index + m.text.length;
            const cl = ctx.clause(m.index);
            const t = ctx.numbersIn(end, Math.min(cl.end, end + 28)).find((x) => !x.percent && x.unit && units.has(x.unit));
            if (!t || cands.some((c) => c.tok.coreStart === t.coreStart)) continue;
            const between = ctx.view.slice(end, t.start);
            // A list of reviewed kinds counts only with a written total right before the figure (审查文件、合同共计45件).
            const listed = /^[^，,；;。“”"「」]*(?:共计|合计|总计|共)$/.test(between);
            if ((!listed && (t.start - end > 12 || /[，,；;。、“”"「」]/.test(between))) || (ex && ex.test(ctx.view.slice(cl.start, t.end + 1)))) continue;
            const sent = ctx.sentence(m.index);
            if (isMultiYear(ctx.view.slice(sent.start, sent.end), ctx.effectiveYear) || ctx.subunitAt(m.index)) continue;
            if (ctx.modality(m.index, t.end).modality !== 'done') continue;
            const q = ctx.quoteSpan(m.index, t.end, 60);
            const ev = ctx.evidence(q.start, q.end, 'done');
            if (!ev) continue;
            const total = /共|合计|累计|总计|总数/.test(ctx.view.slice(cl.start, cl.end));
            cands.push({ value: t.value, tok: t, sentence: sent.start, start: m.index, end: t.end, ev, total });
          }
        }
        cands.sort((a, b) => a.start - b.start);
      }
      // A total written after the listed figures (审查文件12件、合同30份，合计42件) is the count.
      if (cands.length) {
        const sent = ctx.sentence(cands[0]!.start);
        for (const m of matches(TOTAL_WORD, ctx.view, sent.start, sent.end)) {
          const t = ctx.numbersIn(m.index + m.text.length, Math.min(sent.end, m.index + m.text.length + 8)).find((x) => !x.percent && x.unit && units.has(x.unit));
          if (!t || cands.some((c) => c.tok.coreStart === t.coreStart)) continue;
          if (/[，,；;。]/.test(ctx.view.slice(m.index, t.start))) continue;
          const q = ctx.quoteSpan(m.index, t.end, 60);
          const ev = ctx.evidence(q.start, q.end, 'done');
          if (ev && ctx.modality(m.index, t.end).modality === 'done') cands.push({ value: t.value, tok: t, sentence: sent.start, start: m.index, end: t.end, ev, total: true, summed: true });
        }
        cands.sort((a, b) => a.start - b.start);
      }
      // Components after 其中 give way to the total they break down.
      const isPart = (c: (typeof cands)[number]) => /^\s*其中/.test(ctx.view.slice(c.sentence, c.sentence + 4)) || /其中/.test(ctx.view.slice(ctx.clause(c.start).start - 4, c.start));
      if (cands.some((c) => !isPart(c))) for (let i = cands.length - 1; i >= 0; i--) if (isPart(cands[i]!)) cands.splice(i, 1);
      if (!cands.length) return { kind: 'count', value: null, evidence: [] };
      // Several different figures in the first sentence without a written total: no single count.
      const first = cands[0]!;
      const same = cands.filter((c) => c.sentence === first.sentence);
      const distinct = new Set(same.map((c) => c.value));
      let chosen: (typeof cands)[number] | undefined = first;
      if (distinct.size > 1) chosen = same.find((c) => c.summed) ?? same.find((c) => c.total);
      if (!chosen) return { kind: 'count', value: null, evidence: same.map((c) => c.ev), detail: { ambiguous: [...distinct] } };
      const evidence = dedupeEvidence(cands.filter((c) => c.value === chosen!.value).map((c) => c.ev));
      return { kind: 'count', value: chosen.value, evidence, ...(chosen.tok.approximate ? { approximate: ['value'] } : {}) };
    },
  };
}

const TOTAL_WORD = /(?:合计|共计|总计)(?:审查|审核)?/g;

export function compileRate(id: string, spec: Extract<FactSpec, { kind: 'rate' }>): Compiled {
  const re = termsRe(spec.terms, 'g', spec.patterns);
  const window = spec.window ?? 12;
  return {
    id, spec,
    run(ctx) {
      for (const m of matches(re, ctx.view)) {
        const end = m.index + m.text.length;
        if (ctx.modality(m.index, end).modality !== 'done') continue;
        const cl = ctx.clause(m.index);
        const t = ctx.numbersIn(end, Math.min(cl.end, end + window)).find((x) => x.percent);
        if (!t) continue;
        const ev = ctx.evidence(m.index, t.end, 'done');
        if (!ev) continue;
        return { kind: 'rate', value: t.value, evidence: [ev], ...(t.approximate ? { approximate: ['value'] } : {}) };
      }
      return { kind: 'rate', value: null, evidence: [] };
    },
  };
}

// ---------- ratio (mediation) ----------
const NAMED_SUBUNIT = /^\s*([\u4e00-\u9fa5]{2,4})(?:村|社区)(?![（(])/;
function isNamedSubunit(clause: string): boolean {
  const m = NAMED_SUBUNIT.exec(clause);
  return Boolean(m && !/[各全每本我所辖]/.test(m[1]!));
}
const OTHER_WORK = /信访|诉求|投诉|举报|热线|工单|办件|法律援助/;
export function compileRatio(id: string, spec: Extract<FactSpec, { kind: 'ratio' }>): Compiled {
  const keys = spec.keys ?? { total: 'total', part: 'part', rate: 'rate_pct' };
  const subject = termsRe(spec.subject, '');
  const ex = spec.exclude?.length ? termsRe(spec.exclude, '') : null;
  // Look-alike rates (…率) exclude a rate; the other words (行政争议, 复议…) exclude a whole clause.
  const clauseWords = (spec.exclude ?? []).filter((w) => !w.endsWith('率') && !w.startsWith('就地'));
  const countEx = clauseWords.length ? termsRe(clauseWords, '') : null;
  const totalUnits = new Set(spec.total.units);
  const partUnits = new Set(spec.part.units);
  const window = spec.window ?? 30;
  // Verb terms, longest first, each with its role. Compound 排查化解 is a total.
  const roleTerms: { re: RegExp; role: 'total' | 'part' }[] = [
    { re: /(?:排查|摸排|受理|调处|调解)[、和及与]?(?:化解|调处|调解)/, role: 'total' },
    // 化解调处 after a separate 排查 count is the resolved part.
    { re: /化解(?:调处|调解)/, role: 'part' },
    { re: termsRe(spec.part.terms, ''), role: 'part' },
    { re: termsRe(spec.total.terms, ''), role: 'total' },
  ];
  // Global once, reused per number (lastIndex reset before each scan).
  for (const rt of roleTerms) rt.re = new RegExp(rt.re.source, 'g');
  const rateRe = termsRe(spec.rate.terms);
  return {
    id, spec,
    run(ctx) {
      type RC = { role: 'total' | 'part' | 'rate'; value: number; approx: boolean; sentence: number; ev: Evidence; pos: number };
      const found: RC[] = [];
      const v = ctx.view;
      const OTHER_SCOPE = otherScopeRe(ctx.adminLevel);
      const sentenceOk = (pos: number, termPos = pos): { ok: boolean; s: number; e: number } => {
        const sp = ctx.sentence(pos);
        const sentence = v.slice(sp.start, sp.end);
        if (isMultiYear(sentence, ctx.effectiveYear)) return { ok: false, s: sp.start, e: sp.end };
        // A named unit below the body (南湖镇…成功调解85件 in a city's report) is a subset, not the total.
        if (ctx.subunitAt(pos)) return { ok: false, s: sp.start, e: sp.end };
        // The scope that matters is the subject of the figure's clauses, not a lead-in (按照全县统一部署，…).
        const upto = ctx.clause(Math.max(pos, termPos)).end;
        for (const cl of v.slice(sp.start, upto).split(/[，,：:]/)) {
          if (/^\s*(?:按照|根据|在|围绕|配合|结合|落实|对照|依据|为|参加|参与)/.test(cl)) continue;
          if (OTHER_SCOPE.test(cl)) return { ok: false, s: sp.start, e: sp.end };
          // One named village/community (李庄村调委会…) is an example, not the report's own figure.
          if (isNamedSubunit(cl)) return { ok: false, s: sp.start, e: sp.end };
        }
        return { ok: subject.test(sentence), s: sp.start, e: sp.end };
      };
      // Counts: a number with a count unit, bound to the nearest verb term before it in its clause.
      for (const t of ctx.allNumbers()) {
        if (t.percent || !t.unit) continue;
        const cl = ctx.clause(t.coreStart);
        const pre = v.slice(Math.max(cl.start, t.start - window), t.start);
        let best: { role: 'total' | 'part'; at: number; len: number } | null = null;
        for (const rt of roleTerms) {
          const r = rt.re;
          r.lastIndex = 0;
          let m: RegExpExecArray | null;
          while ((m = r.exec(pre))) {
            const at = m.index;
            const e = at + m[0].length;
            // The term nearest the number wins; of two ending together, the longer (成功调处 over 调处).
            if (!best || e > best.at + best.len || (e === best.at + best.len && m[0].length > best.len)) best = { role: rt.role, at, len: m[0].length };
          }
        }
        if (!best) continue;
        // 化解 after a separate 排查 count is the resolved part; 排查化解 compound was matched first.
        const units = best.role === 'total' ? totalUnits : partUnits;
        if (!units.has(t.unit)) continue;
        const termStart = Math.max(cl.start, t.start - window) + best.at;
        const between = v.slice(termStart, t.start);
        if (countEx && countEx.test(v.slice(cl.start, cl.end))) continue;
        if (/法律援助|信访|投诉|举报|诉求|热线|工单|(?<!调解)案件|行政争议|诉讼|复议|网格|人员|员|人次|小时|组织|委员会|调委会|工作室|中心|平台|窗口|团队|队伍|站|其中|行动|活动|专项|会议|培训|走访|巡查|宣传/.test(between)) continue;
        // 排查 N 次 counts inspection rounds, not disputes.
        if (/^(?:次|场|轮)/.test(t.unit) && /^(?:排查|摸排)(?![、和及与]?(?:化解|调处|调解))/.test(v.slice(termStart, termStart + best.len + 3))) continue;
        // A verb governs the first figure after it, not one behind another figure.
        if (/\d/.test(between) || ctx.numbersIn(termStart + best.len, t.start).length) continue;
        // In a list (人民调解、信访接待4个…) the number belongs to the last item: it must name disputes.
        if (between.includes('、') && !subject.test(between.slice(between.lastIndexOf('、')))) continue;
        // The counted thing must be disputes: after the unit comes punctuation or a dispute noun, not 窗口/工作室/方面.
        const tail = v.slice(t.end, t.end + 3);
        if (tail && !/^(?:[\s，,。；;、)）(（]|$|矛盾|纠纷|调解|化解|各类|案)/.test(tail)) continue;
        const so = sentenceOk(t.coreStart, Math.max(cl.start, t.start - window) + best.at);
        if (!so.ok) continue;
        // The clause must be about disputes (纠纷/矛盾/调解 in the bound phrase or the sentence before it).
        if (!subject.test(v.slice(termStart, t.end)) && !subject.test(v.slice(so.s, t.start))) continue;
        const mod = ctx.modality(termStart, t.end).modality;
        if (mod !== 'done') continue;
        const q = ctx.quoteSpan(termStart, t.end, 60);
        const ev = ctx.evidence(q.start, q.end, 'done');
        if (!ev) continue;
        found.push({ role: best.role, value: t.value, approx: t.approximate, sentence: so.s, ev, pos: t.start });
      }
      // Rates: 调解成功率98% / 98%的调解成功率.
      for (const m of matches(rateRe, v)) {
        const end = m.index + m.text.length;
        const cl = ctx.clause(m.index);
        let t = ctx.numbersIn(end, Math.min(cl.end, end + 12)).find((x) => x.percent);
        let s = m.index;
        let e = t?.end ?? end;
        if (!t) {
          const before = ctx.numbersIn(Math.max(cl.start, m.index - 10), m.index).filter((x) => x.percent);
          t = before[before.length - 1];
          if (t && /^的?$/.test(v.slice(t.end, m.index))) { s = t.start; e = end; } else t = undefined;
        }
        if (!t) continue;
        // The rate word must be the one next to the figure (not 调处率, 满意率 in between).
        const gap = t.start >= end ? v.slice(end, t.start) : '';
        if (/率/.test(gap)) continue;
        // The rate of another workload (信访事项解决率, 诉求解决率) is not a mediation rate.
        const lead = v.slice(cl.start, m.index);
        if (OTHER_WORK.test(lead) && !subject.test(lead)) continue;
        const head = v.slice(Math.max(cl.start, m.index - 4), m.index);
        if (ex && ex.test(head + m.text)) continue;
        const so = sentenceOk(m.index);
        if (!so.ok && !(subject.test(m.text) && !isNamedSubunit(v.slice(so.s, m.index)) && !ctx.subunitAt(m.index) && !isMultiYear(v.slice(so.s, so.e), ctx.effectiveYear) && !OTHER_SCOPE.test(v.slice(so.s, m.index)))) continue;
        const mod = ctx.modality(s, e).modality;
        if (mod !== 'done') continue;
        const ev = ctx.evidence(s, e, 'done');
        if (!ev) continue;
        found.push({ role: 'rate', value: t.value, approx: t.approximate, sentence: so.s, ev, pos: s });
      }
      found.sort((a, b) => a.pos - b.pos);
      // Choose the sentence that states the most roles; within it a total directly before a part.
      const bySent = new Map<number, RC[]>();
      for (const f of found) bySent.set(f.sentence, [...(bySent.get(f.sentence) ?? []), f]);
      let bestSent: RC[] | null = null;
      let bestScore = -1;
      for (const list of bySent.values()) {
        const roles = new Set(list.map((x) => x.role));
        const score = roles.size * 10 + (roles.has('part') && roles.has('total') ? 5 : 0);
        if (score > bestScore) { bestScore = score; bestSent = list; }
      }
      const value: Record<string, number | null> = { [keys.total]: null, [keys.part]: null, [keys.rate]: null };
      const approximate: string[] = [];
      const evidence: Evidence[] = [];
      if (bestSent) {
        const part = bestSent.find((x) => x.role === 'part');
        let total: RC | undefined;
        if (part) total = [...bestSent].reverse().find((x) => x.role === 'total' && x.pos < part.pos) ?? bestSent.find((x) => x.role === 'total');
        else total = bestSent.find((x) => x.role === 'total');
        let rate = bestSent.find((x) => x.role === 'rate');
        // A role missing from the best sentence may sit in the next/previous sentence of the same paragraph.
        const s0 = bestSent[0]!.sentence;
        const para = v.lastIndexOf('\n', s0) + 1;
        const paraEnd = v.indexOf('\n', s0) < 0 ? v.length : v.indexOf('\n', s0);
        const near = found.filter((f) => f.sentence !== s0 && f.pos >= para && f.pos < paraEnd && Math.abs(f.sentence - s0) <= 160);
        const nearest = (role: RC['role']) => near.filter((f) => f.role === role).sort((a, b) => Math.abs(a.pos - s0) - Math.abs(b.pos - s0))[0];
        if (!total && part) total = near.filter((f) => f.role === 'total' && f.pos < part.pos).sort((a, b) => b.pos - a.pos)[0];
        if (!rate && (total || part)) rate = nearest('rate');
        for (const [k, x] of [[keys.total, total], [keys.part, part], [keys.rate, rate]] as const) {
          if (!x) continue;
          value[k] = x.value;
          if (x.approx) approximate.push(k);
          evidence.push(x.ev);
        }
        // The same figure stated again elsewhere is the same fact: keep its evidence too.
        for (const f of found) {
          if (bestSent.includes(f)) continue;
          const k = f.role === 'total' ? keys.total : f.role === 'part' ? keys.part : keys.rate;
          if (value[k] === f.value) evidence.push(f.ev);
        }
      }
      return {
        kind: 'ratio', value, evidence: dedupeEvidence(evidence),
        ...(approximate.length ? { approximate } : {}),
        detail: { candidates: found.map((f) => ({ role: f.role, value: f.value, quote: f.ev.quote })) },
      };
    },
  };
}

// ---------- coverage (legal adviser) ----------
const PEOPLE_UNIT = /^(?:名|位|人|个人)/;
const LINK_VERB = /聘请|聘任|聘为|配备|配齐|签订|签约|担任|结对|覆盖|建立|选聘|派驻|实现|全部|均/;
const OTHER_CLIENT = /(?:企业|公司|商会|协会|社会组织)(?:的|聘请的|常年)?$/;
const DIRECTIVE = /决定|可以|应当|必须|须|要求|鼓励|推动/;

export function compileCoverage(id: string, spec: Extract<FactSpec, { kind: 'coverage' }>): Compiled {
  const re = termsRe(spec.terms, 'g', spec.patterns);
  const ex = spec.exclude?.length ? termsRe(spec.exclude, '') : null;
  const unitRe = new RegExp(`(?:个|名)?(?:${[...spec.units].sort((a, b) => b.length - a.length).map(esc).join('|')})`);
  const allRe = termsRe(spec.allWords, '');
  const window = spec.window ?? 60;
  void window;
  return {
    id, spec,
    run(ctx) {
      const v = ctx.view;
      const present: Evidence[] = [];
      const other: Evidence[] = [];
      let coverage: { pct: number; ev: Evidence; approx: boolean } | null = null;
      let units: { n: number; ev: Evidence; approx: boolean } | null = null;
      for (const m of matches(re, v)) {
        const end = m.index + m.text.length;
        const clauseSpan = ctx.clause(m.index);
        const clause = v.slice(clauseSpan.start, clauseSpan.end);
        let mod = ctx.modality(m.index, end).modality;
        // A cited title is not a fact — unless the clause signs or hires under it (签订《法律顾问服务合同》).
        if ((ctx.inTitle(m.index) || inCitedName(v, m.index)) && !/签订|签署|签约|续签|聘请|聘任/.test(clause.replace(/《[^》]*》/g, ''))) mod = 'planned';
        if (mod === 'done' && DIRECTIVE.test(clause) && !/已|了/.test(clause)) mod = 'planned';
        // An adviser of enterprises or associations (担任企业法律顾问) is not the government's or villages'.
        if (OTHER_CLIENT.test(v.slice(clauseSpan.start, m.index))) mod = 'planned';
        const q = ctx.quoteSpan(m.index, end, 60);
        const ev = ctx.evidence(q.start, q.end, mod);
        if (!ev) continue;
        // A named unit below the reporting body (南湖镇建成…法律顾问团队… in a city's report) is not the
        // body; its villages are (the contract: "the government or its villages").
        if (mod !== 'done' || ctx.subunitAt(m.index, false)) { other.push(ev); continue; }
        present.push(ev);
        const sp = ctx.sentence(m.index);
        if (units && coverage) continue;
        const sentence = v.slice(sp.start, sp.end);
        if (ex && ex.test(sentence)) continue;
        if (isMultiYear(sentence, ctx.effectiveYear)) continue;
        // Units: N个村(社区) linked to the adviser in the same sentence (never people).
        if (!units) {
          const nums = ctx.numbersIn(sp.start, sp.end).filter((t) => !t.percent);
          const unitNums = nums.filter((t) => {
            const after = v.slice(t.coreEnd, t.coreEnd + 10).replace(/^(?:余|多)/, '');
            const m2 = unitRe.exec(after);
            if (!m2 || m2.index !== 0) return false;
            if (PEOPLE_UNIT.test(after)) return false;
            return true;
          });
          if (unitNums.length) {
            const linkArea = v.slice(unitNums[0]!.start, sp.end);
            const beforeArea = v.slice(sp.start, unitNums[0]!.start);
            const sameClause = !/[，,；;]/.test(v.slice(Math.min(unitNums[0]!.end, m.index), Math.max(unitNums[0]!.start, end)));
            if (sameClause && ctx.modality(unitNums[0]!.start, unitNums[0]!.end).modality === 'done' && (LINK_VERB.test(linkArea) || /担任|签订|聘为/.test(beforeArea))) {
              let n = unitNums[0]!.value;
              let chosen = unitNums[0]!;
              // Components (30个村和18个社区) count only when their total is written in the sentence.
              if (unitNums.length >= 2) {
                const sum = unitNums.reduce((a, t) => a + t.value, 0);
                const joined = /^[和及与、,，]/.test(v.slice(unitNums[0]!.end, unitNums[1]!.start).replace(/^个?[^和及与、,，]{0,6}/, ''));
                if (joined && nums.some((t) => t.value === sum && !unitNums.includes(t))) n = sum;
                else if (joined) n = -1;
              }
              if (n > 0) {
                const uq = ctx.quoteSpan(Math.min(chosen.start, m.index), Math.max(chosen.end, end), 80);
                const uev = ctx.evidence(uq.start, uq.end, 'done');
                if (uev) units = { n, ev: uev, approx: chosen.approximate };
              }
            }
          }
        }
        // Coverage: a stated % about advisers, or 均/全部/全覆盖/每一个 about them.
        if (!coverage) {
          // A stated rate counts only in the adviser's own clause (法律顾问合同签订率达100%; 法律顾问覆盖率100%).
          const pct = ctx.numbersIn(clauseSpan.start, clauseSpan.end).find(
            (t) => t.percent && /覆盖|签订率|聘请率|配备率|签约率/.test(v.slice(Math.max(clauseSpan.start, t.start - 12), t.end + 4)) && !/审查|审核/.test(v.slice(clauseSpan.start, clauseSpan.end)),
          );
          if (pct && !/服务牌|张贴/.test(sentence) && ctx.modality(pct.start, pct.end).modality === 'done') {
            const cq = ctx.quoteSpan(Math.min(m.index, pct.start), Math.max(end, pct.end), 80);
            const cev = ctx.evidence(cq.start, cq.end, 'done');
            if (cev) coverage = { pct: pct.value, ev: cev, approx: pct.approximate };
          } else {
            // Full coverage stated about the advisers:
            //  - 全覆盖 / 村村 near the adviser term (“一社区一法律顾问”全覆盖; 担任法律顾问，实现全覆盖);
            //  - 均 / 全部 / 都 between a unit noun and the adviser term (26个村(社区)均聘请…法律顾问);
            //  - 每一个 / 每个 followed by a unit noun (为每一个行政村配备…法律顾问).
            const allG = new RegExp(allRe.source, 'g');
            let all: RegExpExecArray | null;
            while (!coverage && (all = allG.exec(sentence))) {
              const allPos = sp.start + all.index;
              const w = all[0];
              let ok = false;
              if (/全覆盖|村村/.test(w)) {
                const lo = Math.min(allPos, m.index);
                const hi = Math.max(allPos + w.length, end);
                const allClause = ctx.clause(allPos);
                const sameCl = allClause.start === clauseSpan.start;
                // In another clause, full coverage must follow the adviser clause (担任法律顾问，实现全覆盖) and name nothing else.
                ok = hi - lo <= 30 && !/审查|审核|网格|服务牌|公共法律服务(?!.{0,4}顾问)/.test(v.slice(lo, hi).replace(m.text, ''))
                  && (sameCl || (allPos > end && !/审查|审核|网格|服务牌|律师进/.test(v.slice(allClause.start, allClause.end))));
              } else if (/每|所有/.test(w)) {
                // 为每一个行政村配备法律顾问 / 法律顾问覆盖所有村（社区）: the same clause as the adviser.
                ok = unitRe.test(v.slice(allPos + w.length, allPos + w.length + 8)) && Math.abs(allPos - m.index) <= 60
                  && !/[，,；;。]/.test(v.slice(Math.min(allPos, end), Math.max(allPos, m.index)));
              } else {
                const seg = v.slice(Math.max(sp.start, allPos - 16), allPos);
                ok = allPos < m.index && m.index - allPos <= 30 && unitRe.test(seg) && !/[，,；;。]/.test(v.slice(allPos, m.index));
              }
              if (ok && ctx.modality(allPos, allPos + w.length).modality === 'done') {
                const cq = ctx.quoteSpan(Math.min(m.index, allPos), Math.max(end, allPos + w.length), 80);
                const cev = ctx.evidence(cq.start, cq.end, 'done');
                if (cev) coverage = { pct: 100, ev: cev, approx: false };
              }
            }
          }
        }
      }
      const isPresent = present.length > 0;
      const value = {
        present: isPresent,
        coverage_pct: isPresent ? (coverage?.pct ?? null) : null,
        units_covered: isPresent ? (units?.n ?? null) : null,
        units_total: null as number | null,
      };
      const evidence = dedupeEvidence([...(units ? [units.ev] : []), ...(coverage ? [coverage.ev] : []), ...present.slice(0, 3)]);
      const approximate = [units?.approx ? 'units_covered' : null, coverage?.approx ? 'coverage_pct' : null].filter((x): x is string => Boolean(x));
      return { kind: 'coverage', value, evidence: isPresent ? evidence : other.slice(0, 3), ...(approximate.length ? { approximate } : {}) };
    },
  };
}

export { pickValue };
