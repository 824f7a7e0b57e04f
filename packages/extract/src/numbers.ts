// Hand-written number reading for report text (normalised view: half-width digits, simplified).
// Libraries get 两 / 〇 / 万余 wrong, so this is table-tested in numbers.test.ts.

const DIGIT: Record<string, number> = {
  零: 0, '〇': 0, '○': 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const CN_NUMERAL_CHARS = '零〇○一二两兩三四五六七八九十百千万萬亿億壹贰叁肆伍陆柒捌玖拾佰仟';

/**
 * Parses a run of Chinese numerals: 一万二千三百 → 12300, 二〇二四 → 2024 (digit-by-digit when no
 * unit characters), 十二 → 12, 两万 → 20000, 一万二 → 12000 (elided trailing unit). Returns null when
 * the string is not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  for (const ch of s) if (!(ch in DIGIT) && !(ch in SMALL_UNIT) && !(ch in BIG_UNIT)) return null;
  const hasUnit = [...s].some((ch) => ch in SMALL_UNIT || ch in BIG_UNIT);
  if (!hasUnit) {
    // 二〇二四 / 一九 : positional digits.
    let v = 0;
    for (const ch of s) v = v * 10 + DIGIT[ch]!;
    return v;
  }
  let total = 0; // completed 亿/万 sections
  let section = 0; // inside the current 万 section
  let digit: number | null = null;
  let lastSmall = 0; // last small unit used (for elision: 一万二 → 2000)
  let lastBig = 0;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch in DIGIT) {
      if (digit !== null && DIGIT[ch] !== 0 && digit !== 0) return null; // 二三 inside a unit numeral
      digit = DIGIT[ch]!;
    } else if (ch in SMALL_UNIT) {
      const u = SMALL_UNIT[ch]!;
      section += (digit ?? 1) * u;
      digit = null;
      lastSmall = u;
    } else {
      const u = BIG_UNIT[ch]!;
      section += digit ?? 0;
      digit = null;
      if (section === 0 && total === 0) section = 1;
      if (u === 1e8) total = (total + section) * u;
      else total += section * u;
      section = 0;
      lastBig = u;
      lastSmall = 0;
    }
  }
  if (digit !== null) {
    const prev = chars[chars.length - 2];
    // Elided unit: 一万二 = 12000, 三百五 = 350, 一千二 = 1200 (but 一百零五 = 105).
    if (prev && (prev in BIG_UNIT) && digit !== 0) section += digit * (lastBig / 10);
    else if (prev && (prev in SMALL_UNIT) && lastSmall >= 100) section += digit * (lastSmall / 10);
    else section += digit;
  }
  return total + section;
}

export interface NumberToken {
  /** Numeric value (万/亿 applied, percentage as written: 98.5 for 98.5%). */
  value: number;
  /** View offsets of the whole token, approximate markers and % included. */
  start: number;
  end: number;
  /** Offsets of the digits only. */
  coreStart: number;
  coreEnd: number;
  approximate: boolean;
  percent: boolean;
  /** The unit word right after the number (件, 个, 人次 …), if any. */
  unit: string | null;
  chinese: boolean;
}

const UNITS = [
  '人次', '件次', '场次', '余人', '个村', '批次', '户次', '万元', '亿元',
  '件', '次', '场', '个', '份', '项', '名', '人', '起', '宗', '家', '条', '期', '批', '户', '村', '篇', '本', '册', '所', '处', '支', '元', '天', '日', '月', '年', '小时', '分钟', '余', '万', '%',
];
const APPROX_PREFIX = ['超过', '大约', '将近', '接近', '近', '约', '逾', '超'];
const APPROX_SUFFIX = ['以上', '左右', '余', '多'];

// Arabic: 29757, 1.2, 29 757 (thousands separated by a space), 1,234, 99·5 9 handled loosely.
const NUM_RE = new RegExp(
  String.raw`百分之[` + CN_NUMERAL_CHARS + String.raw`点\d.]+|` +
    String.raw`\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?(?![\d])|\d+(?:[.·]\d+)?(?: ?\d(?=%))?|[` + CN_NUMERAL_CHARS + String.raw`]+(?:点[` + CN_NUMERAL_CHARS + ']+)?',
  'g',
);

/** Parses a decimal written with 点 (三点五) or Arabic digits. */
function parseDecimalish(core: string): number | null {
  const s = core.replace(/[ ,]/g, '').replace(/·/g, '.');
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  const p = s.indexOf('点');
  if (p > 0) {
    const int = parseChineseNumeral(s.slice(0, p));
    const frac = s.slice(p + 1);
    if (int === null) return null;
    let digits = '';
    for (const ch of frac) {
      if (!(ch in DIGIT)) return null;
      digits += String(DIGIT[ch]);
    }
    return Number(`${int}.${digits}`);
  }
  if (/^\d+\.\d+$/.test(s)) return Number(s);
  return parseChineseNumeral(s);
}

/** Chinese-numeral runs that are words, not numbers (一是, 统一, 一体化, 十四五 …) are kept out by context. */
function chineseRunIsNumber(view: string, start: number, end: number, core: string): boolean {
  if (![...core].some((ch) => ch in DIGIT)) return false; // 万家, 千万 are words
  const next = view.slice(end, end + 2);
  // A bare Chinese numeral only counts when a measure word follows (五个村, 九次, 两万余件).
  if (!/^(?:余|多)?(?:人次|件次|场次|个|件|次|场|份|项|名|人|起|宗|家|条|期|批|户|篇|所|处|支|村|社区|%|万|亿)/.test(next)) return false;
  // Set phrases name things, they do not count them: 三项制度, 两个维护, 四个意识.
  if (/^(?:项制度|个维护|个意识|个自信|个全面|大攻坚)/.test(view.slice(end, end + 3))) return false;
  // A bare 一 is an article or an idiom (一起, 一次, 配备一名律师), not a reported count.
  if (core === '一') return false;
  const prev = view[start - 1] ?? '';
  if (/[第每逐统唯之单]/.test(prev)) return false;
  return true;
}

/** Finds every number in `view` between `from` and `to` (view offsets). */
export function scanNumbers(view: string, from = 0, to = view.length): NumberToken[] {
  const out: NumberToken[] = [];
  const slice = view.slice(from, to);
  NUM_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUM_RE.exec(slice))) {
    const core = m[0];
    let coreStart = from + m.index;
    let coreEnd = coreStart + core.length;
    let percent = false;
    let value: number | null;
    let chinese = false;
    if (core.startsWith('百分之')) {
      value = parseDecimalish(core.slice(3));
      percent = true;
      chinese = true;
    } else if (/^\d/.test(core)) {
      // "29 757": only when the grouped form is followed by a non-digit; trailing space-digit before %.
      value = parseDecimalish(core.replace(/ (\d)$/, '$1'));
      if (/[ ,]/.test(core) && !/^\d{1,3}(?:[ ,]\d{3})+/.test(core)) value = parseDecimalish(core.replace(/[ ,]/g, ''));
    } else {
      chinese = true;
      if (!chineseRunIsNumber(view, coreStart, coreEnd, core)) continue;
      value = parseDecimalish(core);
    }
    if (value === null || !Number.isFinite(value)) continue;
    let start = coreStart;
    let end = coreEnd;
    let approximate = false;
    // 万 / 亿 after Arabic digits (1.2万, 2万余).
    if (!chinese || core.startsWith('百分之')) {
      const big = view[end];
      if (big === '万' || big === '萬') { value *= 1e4; end += 1; }
      else if (big === '亿' || big === '億') { value *= 1e8; end += 1; }
    }
    for (const p of APPROX_PREFIX) {
      if (start >= p.length && view.startsWith(p, start - p.length)) { approximate = true; start -= p.length; break; }
    }
    // 余/多 right after the number, before or after the unit (2万余件, 150余起, 500余场(次)).
    let after = end;
    if (view[after] === '余' || view[after] === '多') { approximate = true; after += 1; }
    if (!percent && (view[after] === '%' || view[after] === '％')) { percent = true; after += 1; }
    let unit: string | null = null;
    if (!percent) {
      // A space may sit between a grouped number and its unit (1 234 件).
      if (view[after] === ' ' && /^ (?:件|份|起|宗|次|场|个|项|人次|件次)/.test(view.slice(after, after + 3))) after += 1;
      for (const u of UNITS) {
        if (u === '%' || u === '余' || u === '万') continue;
        if (view.startsWith(u, after)) { unit = u; after += u.length; break; }
      }
    }
    for (const s of APPROX_SUFFIX) {
      if (view.startsWith(s, after)) { approximate = true; after += s.length; break; }
    }
    end = Math.max(end, after);
    // Reject things that are clearly not quantities: years (2024年), dates (3月), document numbers.
    out.push({ value: Math.round(value * 1e6) / 1e6, start, end, coreStart, coreEnd, approximate, percent, unit, chinese });
    NUM_RE.lastIndex = Math.max(NUM_RE.lastIndex, coreEnd - from);
  }
  return out;
}

/** Parses one number expression as a whole (for tables and rubric examples). */
export function parseNumber(s: string): { value: number; approximate: boolean; percent: boolean; unit: string | null } | null {
  const toks = scanNumbers(s);
  const t = toks[0];
  if (!t) {
    const v = parseChineseNumeral(s);
    return v === null ? null : { value: v, approximate: false, percent: false, unit: null };
  }
  return { value: t.value, approximate: t.approximate, percent: t.percent, unit: t.unit };
}
