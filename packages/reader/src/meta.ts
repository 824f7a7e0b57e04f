import { lowerBound, type AdminLevel, type Evidence, type SourceMeta } from '@fazhi/core';
import { BODY_PUNCT, META_KEY, ORG_END, isMetaLine, stripMetaKey, type Layout, type Line } from './layout.js';
import type { Folded } from './normalize.js';

/** Metadata read from the folded text (simplified, half-width); evidence cut from the original. */
export interface MetaInput {
  text: string; // original
  folded: Folded;
  layout: Layout;
  view: string;
}

export interface MetaResult {
  meta: SourceMeta;
  warnings: Array<{ code: string; message: string }>;
}

const SECTION = '元数据';

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, 'Ｏ': 0, O: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnSmall(s: string): number | null {
  // 1–31 written 一 … 十 … 三十一 (or digit by digit: 一二).
  if (/^\d+$/.test(s)) return Number(s);
  const t = s.indexOf('十');
  if (t === -1) {
    let v = 0;
    for (const ch of s) {
      const d = CN_DIGIT[ch];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  const tens = t === 0 ? 1 : CN_DIGIT[s.slice(0, t)];
  const ones = t === s.length - 1 ? 0 : CN_DIGIT[s.slice(t + 1)];
  if (tens === undefined || ones === undefined) return null;
  return tens * 10 + ones;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const NUM_DATE = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)(?:\s*日)?/g;
const CN_DATE = /([〇零○一二三四五六七八九]{4})\s*年\s*([〇零一二三四五六七八九十]{1,3})\s*月\s*([〇零一二三四五六七八九十]{1,3})\s*日/g;

const CN_ZERO = /[〇零○]/;

interface DateHit {
  index: number;
  length: number;
  value: string | null;
}

function datesIn(s: string): DateHit[] {
  const out: DateHit[] = [];
  NUM_DATE.lastIndex = 0;
  for (let m = NUM_DATE.exec(s); m; m = NUM_DATE.exec(s)) out.push({ index: m.index, length: m[0].length, value: validDate(+m[1]!, +m[2]!, +m[3]!) });
  CN_DATE.lastIndex = 0;
  // A year in Chinese digits always has 〇/零/○ (二〇二四): skip the regex otherwise.
  if (!CN_ZERO.test(s)) return out; // numeric dates only: already in order
  for (let m = CN_DATE.exec(s); m; m = CN_DATE.exec(s)) {
    const y = cnSmall(m[1]!);
    const mo = cnSmall(m[2]!);
    const d = cnSmall(m[3]!);
    out.push({ index: m.index, length: m[0].length, value: y && mo && d ? validDate(y, mo, d) : null });
  }
  return out.sort((a, b) => a.index - b.index);
}

const ORG_TAIL = '(?:人民政府|政府|街道办事处|办事处|街道|镇|乡|苏木|县|区|旗|市|局|部|委员会|领导班子|办公室|管委会|厅|委)';
const OPENING_RE = new RegExp(
  `(?:19|20)\\d{2}\\s*年度?(?:以来)?[,，]\\s*(?:在[^。]{2,60}?下[,，]\\s*)?(?!我|本|全|各)([\\u4e00-\\u9fa5]{1,24}?${ORG_TAIL})(?=坚持|始终|紧紧|紧扣|紧密|以|在|按照|深入|围绕|认真|全面|深化|聚焦|着力|立足|扎实|严格|持续|牢固|高度|把|将|进一步|积极|切实|不断|强化|大力|扎实|贯彻|全力)`,
);

/** Place and level from an organisation name (simplified). */
export function placeOf(org: string): { place: string; level: AdminLevel } | null {
  let s = org.trim();
  const tokens = s.split(/\s+/).filter(Boolean);
  if (tokens.length > 1) s = tokens.find((t) => /政府$/.test(t)) ?? tokens[tokens.length - 1]!;
  s = s.replace(/^中共/, '');
  s = s.replace(/(人民政府|政府|领导班子|党工委|党委)$/, '');
  s = s.replace(/街道办事处$/, '街道');
  if (s.length < 2) return null;
  if (/(局|委员会|办公室|办|部|厅|中心|院|所|队|站|署|管委会|委)$/.test(s) && !/^(.*?)(县|区|市)委$/.test(s)) return { place: s, level: 'department' };
  if (/(县|区|市)委$/.test(s)) s = s.slice(0, -1);
  const strip = (re: RegExp) => {
    for (;;) {
      const m = /^(.+?(?:省|自治区|市|州|盟|县|区|旗))(.{2,})$/.exec(s);
      if (!m || !re.test(m[2]!) || m[2]!.replace(re, '').length < 1) return;
      s = m[2]!;
    }
  };
  if (/(街道|镇|乡|苏木)$/.test(s)) {
    strip(/(街道|镇|乡|苏木)$/);
    return { place: s, level: 'township' };
  }
  if (/(自治区|省)$/.test(s) || /^(北京|天津|上海|重庆)市$/.test(s)) return { place: s, level: 'province' };
  if (/(县|区|旗)$/.test(s)) {
    strip(/(县|区|旗)$/);
    return { place: s, level: 'county' };
  }
  if (/市$/.test(s)) {
    const m = /^.+?(?:省|自治区)(.{2,})$/.exec(s);
    if (m) s = m[1]!;
    return { place: s, level: 'city' };
  }
  return null;
}

export function extractMeta(inp: MetaInput): MetaResult {
  const { text, folded, layout } = inp;
  const { full, map } = folded;
  const at = map ? (i: number) => map[i]! : (i: number) => i;
  const { lines } = layout;
  const warnings: MetaResult['warnings'] = [];

  // offsets.ts lineAt(text, offset) by binary search over the line breaks (found once, on first use).
  let breaks: number[] | null = null;
  const lineOf = (offset: number): number => {
    if (!breaks) {
      breaks = [];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
    }
    return lowerBound(breaks, Math.min(offset, text.length)) + 1;
  };
  const ev = (a: number, b: number): Evidence | null => {
    if (b <= a || a < 0 || b > full.length) return null;
    const start = at(a);
    const end = at(b - 1) + 1;
    const quote = text.slice(start, end);
    if (!quote) return null;
    return { quote, start, end, line: lineOf(start), section: SECTION, modality: 'done' };
  };
  const orig = (a: number, b: number) => text.slice(at(a), at(b - 1) + 1);
  const evs = (...e: Array<Evidence | null>) => e.filter((x): x is Evidence => x !== null);

  /** The opening paragraph from line i: following non-empty lines joined (wrapped PDF lines), with positions. */
  const para = (i: number, max = 400): { text: string; pos: (k: number) => number } => {
    let t = '';
    const starts: Array<[number, number]> = []; // [offset in t, full offset]
    for (let j = i; j < lines.length && t.length < max; j++) {
      const l = lines[j]!;
      if (l.text === '' || (j > i && layout.drop[j])) break;
      starts.push([t.length, l.tStart]);
      t += l.text;
      if (j > i && /[。：:]$/.test(l.text)) break;
    }
    return {
      text: t.slice(0, max),
      pos: (k: number) => {
        let r = starts[0]!;
        for (const s of starts) if (s[0] <= k) r = s;
        return r[1] + (k - r[0]);
      },
    };
  };

  // ---- title
  let titleText: string | null = null;
  const titleEv: Evidence[] = [];
  let titleSubject: { a: number; b: number } | null = null;
  let titleFolded = '';
  if (layout.title.length) {
    const parts: string[] = [];
    for (const i of layout.title) {
      const l = lines[i]!;
      const { text: t, offset } = stripMetaKey(l.text);
      const a = l.tStart + offset;
      const e = ev(a, a + t.length);
      if (e) titleEv.push(e);
      parts.push(orig(a, a + t.length));
      titleFolded += (titleFolded ? '\n' : '') + t;
    }
    titleText = parts.join(' ');
    // Subject: the org line of a split title, or the text before the year / 关于.
    const last = lines[layout.title[layout.title.length - 1]!]!;
    const lt = stripMetaKey(last.text);
    const la = last.tStart + lt.offset;
    if (layout.title.length === 2) {
      const first = lines[layout.title[0]!]!;
      titleSubject = { a: first.tStart, b: first.tStart + first.text.length };
    } else {
      const m = /^(.*?)\s*(?:关于)?\s*(?:(?:19|20)\d{2}|\*{4})\s*年?度?/.exec(lt.text);
      const lead = m?.[1] ? /^关于\s*/.exec(m[1])?.[0].length ?? 0 : 0;
      if (m && m[1] && ORG_END.test(m[1].slice(lead).replace(/关于$/, '').trim())) {
        const subj = m[1].slice(lead).replace(/关于$/, '').trim();
        titleSubject = { a: la + lead, b: la + lead + subj.length };
      } else {
        const m2 = /^(?:(?:19|20)\d{2}|\*{4})\s*年?度?\s*(.+?)\s*(?:关于)?\s*(?:推进|加强|全面|深入|法治政府|法治建设|依法行政|法治)/.exec(lt.text);
        if (m2 && m2[1] && ORG_END.test(m2[1])) {
          const off = lt.text.indexOf(m2[1]);
          titleSubject = { a: la + off, b: la + off + m2[1].length };
        } else {
          const m3 = /^(.{2,30}?)(?:关于|法治政府|法治建设|依法行政)/.exec(lt.text);
          if (m3 && ORG_END.test(m3[1]!)) titleSubject = { a: la, b: la + m3[1]!.length };
        }
      }
    }
  }

  // ---- report year: title first, then the opening paragraph
  let reportYear: number | null = null;
  let yearEv: Evidence[] = [];
  if (layout.title.length) {
    const re = /((?:19|20)\d{2})(?!\s*[-—–~至]\s*\d)(?=\s*年|\s*法治|\s*度)/g;
    for (const i of layout.title) {
      const l = lines[i]!;
      const m = re.exec(l.text);
      re.lastIndex = 0;
      const cn = m ? null : /([〇零○一二三四五六七八九]{4})\s*年/.exec(l.text);
      const cy = cn ? cnSmall(cn[1]!) : null;
      if (cy && cy >= 1990 && cy <= 2100) {
        reportYear = cy;
        yearEv = evs(ev(l.tStart, l.tStart + l.text.length));
        break;
      }
      if (m) {
        reportYear = Number(m[1]);
        yearEv = evs(ev(l.tStart, l.tStart + l.text.length));
        break;
      }
    }
  }
  if (reportYear === null && layout.bodyStart < lines.length) {
    for (let i = layout.bodyStart; i < Math.min(lines.length, layout.bodyStart + 2); i++) {
      const pa = para(i);
      const t = pa.text;
      const re = /((?:19|20)\d{2})\s*年(度|以来)?/g;
      for (let m = re.exec(t); m; m = re.exec(t)) {
        const before = t.slice(0, m.index);
        const inBook = before.lastIndexOf('《') > before.lastIndexOf('》');
        const after = t.slice(m.index + m[0].length, m.index + m[0].length + 2);
        const range = /[-—–~至]\s*$/.test(before) || /^[-—–~至]/.test(t.slice(m.index + 4));
        if (inBook || range) continue;
        if (m[2] || /^[,，]/.test(after) || /现将\s*$/.test(before) || /^(法治|依法)/.test(after)) {
          reportYear = Number(m[1]);
          yearEv = evs(ev(pa.pos(m.index), pa.pos(m.index + m[0].length - 1) + 1));
          break;
        }
      }
      if (reportYear !== null) break;
    }
  }

  // ---- publish date
  interface Cand { rank: number; value: string | null; evidence: Evidence | null; broken?: boolean }
  const cands: Cand[] = [];
  const LABEL = /(发布时间|发布日期|发文日期|更新时间|成文日期|生成日期|印发日期|日期|时间)\s*[\]】]?\s*[:：|]?\s*[\[【|]?\s*$/;
  const rankOf = (label: string) => (/^发/.test(label) ? 0 : /^(更新时间|日期|时间)$/.test(label) ? 1 : 4);
  // Lines holding 期 or 间 (found by a few searches over the whole text, not two per line): without
  // them a line has neither 日期 nor 时间.
  const labelLines = new Uint8Array(lines.length);
  for (const ch of ['期', '间']) {
    let li = 0;
    for (let p = full.indexOf(ch); p !== -1; p = full.indexOf(ch, p + 1)) {
      while (lines[li]!.end <= p) li++;
      labelLines[li] = 1;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.text.length > 200 || l.text === '') continue;
    const isHead = i < layout.bodyStart;
    // Outside the head a date counts only after a LABEL, and every LABEL ends in 日期 or 时间.
    if (!isHead && !labelLines[i]) continue;
    for (const d of datesIn(l.text)) {
      const before = l.text.slice(0, d.index);
      const after = l.text.slice(d.index + d.length, d.index + d.length + 8);
      if (/今天是|今日/.test(before.slice(-8)) || /^\s*星期/.test(after)) continue; // a page clock
      const s = l.tStart + d.index;
      const lab = LABEL.exec(before);
      if (lab) cands.push({ rank: rankOf(lab[1]!), value: d.value, evidence: ev(s - lab[0].length + (lab[0].length - lab[0].trimStart().length), s + d.length) });
      else if (isHead && l.text.length <= 60 && (isMetaLine(l.text) || /来源|^[^\u4e00-\u9fa5]*$/.test(l.text) || l.text.length - d.length <= 16)) cands.push({ rank: 2, value: d.value, evidence: ev(s, s + d.length) });
    }
  }
  // Signature block: the last lines, a date alone on its line (possibly after the signer), or a broken one.
  let sigLine = -1;
  let sigOrg: { a: number; b: number } | null = null;
  {
    let seen = 0;
    for (let i = lines.length - 1; i >= 0 && seen < 10; i--) {
      const l = lines[i]!;
      if (l.text === '' || layout.drop[i]) continue;
      seen++;
      const t = l.text;
      const ds = datesIn(t);
      const only = ds.length === 1 && t.length - ds[0]!.length <= 30 && !BODY_PUNCT.test(t.replace(/\s/g, ''));
      const broken = /^(?:19|20)\d{3,6}$/.test(t.replace(/\s/g, ''));
      if (!only && !broken) {
        if (BODY_PUNCT.test(t) && t.length > 40) break;
        continue;
      }
      sigLine = i;
      if (only) {
        const d = ds[0]!;
        const s = l.tStart + d.index;
        if (d.index === 0 || /^[\s\u4e00-\u9fa5]+$/.test(t.slice(0, d.index))) cands.push({ rank: 3, value: d.value, evidence: ev(s, s + d.length) });
        const pre = t.slice(0, d.index).trim();
        if (pre && ORG_END.test(pre) && pre.length <= 40) sigOrg = { a: l.tStart, b: l.tStart + pre.length };
      } else {
        const raw = t;
        cands.push({ rank: 3, value: null, evidence: ev(l.tStart, l.tStart + raw.length), broken: true });
      }
      if (!sigOrg) {
        let p = i - 1;
        while (p >= 0 && lines[p]!.text === '') p--;
        if (p >= 0) {
          const pt = lines[p]!.text;
          if (pt.length >= 2 && pt.length <= 40 && ORG_END.test(pt) && !BODY_PUNCT.test(pt) && !/[。:：]/.test(pt)) sigOrg = { a: lines[p]!.tStart, b: lines[p]!.tStart + pt.length };
        }
      }
      break;
    }
  }
  let publishDate: string | null = null;
  let pubEv: Evidence[] = [];
  let pubTrusted = true;
  let pubNote: string | undefined;
  const plausible = cands.filter((c) => c.value === null || reportYear === null || Number(c.value.slice(0, 4)) >= reportYear);
  const good = plausible.filter((c) => c.value !== null).sort((a, b) => a.rank - b.rank);
  const brokenC = cands.filter((c) => c.value === null);
  if (good.length) {
    publishDate = good[0]!.value;
    pubEv = evs(good[0]!.evidence);
    const conflicting = good.filter((c) => c.rank === good[0]!.rank && c.value !== publishDate);
    if (conflicting.length) {
      pubTrusted = false;
      pubNote = `多个不同的发布日期：${[publishDate, ...conflicting.map((c) => c.value)].join('、')}`;
    }
  } else if (brokenC.length) {
    pubTrusted = false;
    pubEv = evs(brokenC[0]!.evidence);
    pubNote = '日期残缺，无法确定（如“2020312”）/ broken date, not guessed';
  } else if (cands.length) {
    pubTrusted = false;
    pubNote = '日期早于报告年度，可能是网页时钟 / date precedes the report year (a page clock?)';
  }
  for (const c of brokenC) if (c.evidence) warnings.push({ code: 'W_BROKEN_DATE', message: `残缺的日期“${c.evidence.quote}”（第 ${c.evidence.line} 行）未采用 / broken date not used` });

  // ---- issuer and place
  const fslice = (r: { a: number; b: number }) => full.slice(r.a, r.b);
  let issuerRange: { a: number; b: number } | null = null;
  let issuerTrusted = true;
  const headOrg = (() => {
    for (let i = 0; i < Math.min(layout.bodyStart, lines.length); i++) {
      const l = lines[i]!;
      const m = /(发布机构|发文机关|发文机构|信息来源|文章来源|来源)\s*[\]】]?\s*[:：|]?\s*[\[【|]?\s*([^\s|\]】\[【:：]{2,30})/.exec(l.text);
      if (m && ORG_END.test(m[2]!)) {
        const off = m.index + m[0].length - m[2]!.length;
        return { a: l.tStart + off, b: l.tStart + off + m[2]!.length, label: m[1]! };
      }
    }
    return null;
  })();
  const opening = (() => {
    for (let i = layout.bodyStart; i < Math.min(lines.length, layout.bodyStart + 2); i++) {
      const pa = para(i);
      const m = OPENING_RE.exec(pa.text);
      if (m) {
        const off = m.index + m[0].length - m[1]!.length;
        const a = pa.pos(off);
        const b = pa.pos(off + m[1]!.length - 1) + 1;
        // an organisation name split over two PDF lines cannot be cut as one span: skip it
        if (b - a === m[1]!.length) return { a, b };
      }
    }
    return null;
  })();
  const titleOk = titleSubject && placeOf(fslice(titleSubject)) ? titleSubject : null;
  if (sigOrg) {
    const so = fslice(sigOrg);
    issuerRange = titleOk && so.endsWith(fslice(titleOk)) && /政府$/.test(fslice(titleOk)) ? titleOk : sigOrg;
  } else if (titleOk) {
    issuerRange = titleOk;
    // The opening often names the same body in full: 桃浦镇 → 桃浦镇人民政府.
    if (opening && fslice(opening).startsWith(fslice(titleOk)) && /政府$/.test(fslice(opening))) issuerRange = opening;
  }
  else if (headOrg && placeOf(fslice(headOrg))) {
    issuerRange = headOrg;
    // A page's 来源 is often the posting office, not the author.
    if (/来源/.test(headOrg.label)) issuerTrusted = false;
  } else if (opening) {
    issuerRange = opening;
    issuerTrusted = false;
  }
  let issuer: string | null = null;
  let issuerEv: Evidence[] = [];
  let place: string | null = null;
  let placeEv: Evidence[] = [];
  let level: AdminLevel = 'unknown';
  const placeSources = [issuerRange, titleOk, headOrg, opening].filter((r): r is { a: number; b: number } => r !== null);
  if (issuerRange) {
    issuer = orig(issuerRange.a, issuerRange.b);
    issuerEv = evs(ev(issuerRange.a, issuerRange.b));
  }
  for (const r of placeSources) {
    const p = placeOf(fslice(r));
    if (!p) continue;
    place = p.place;
    level = p.level;
    const idx = fslice(r).lastIndexOf(p.place);
    placeEv = evs(idx >= 0 ? ev(r.a + idx, r.a + idx + p.place.length) : ev(r.a, r.b));
    break;
  }
  let levelEv = placeEv;
  let levelTrusted = place !== null;
  if (level === 'unknown') {
    const v = inp.view;
    const count = (re: RegExp) => (v.match(re) ?? []).length;
    const town = count(/全乡|我乡|乡党委|全镇|我镇|镇党委|街道党工委|我街道|全街道|本镇|本乡/g);
    const county = count(/全县|我县|县政府|县委|全区|我区|区政府|区委/g);
    if (town > county && town > 0) level = 'township';
    else if (county > town && county > 0) level = 'county';
    levelEv = [];
    levelTrusted = false;
  }

  // ---- script
  const share = folded.cjkChars ? folded.tradChars / folded.cjkChars : 0;
  const script = share >= 0.06 ? 'traditional' : 'simplified';

  const meta: SourceMeta = {
    title: { value: titleText, evidence: titleEv, ...(titleText ? {} : { trusted: false }) },
    issuer: { value: issuer, evidence: issuerEv, trusted: issuer !== null && issuerTrusted },
    place: { value: place, evidence: placeEv, trusted: place !== null },
    adminLevel: { value: level, evidence: levelEv, trusted: levelTrusted },
    reportYear: { value: reportYear, evidence: yearEv, trusted: reportYear !== null },
    publishDate: { value: publishDate, evidence: pubEv, trusted: publishDate !== null && pubTrusted, ...(pubNote ? { note: pubNote } : {}) },
    script,
  };
  void sigLine;
  void META_KEY;
  return { meta, warnings };
}

export type { Line };
