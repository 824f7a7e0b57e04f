/**
 * Line layout of the folded text (simplified, half-width) and the classification of each line as
 * body or chrome. Works on whole lines: chrome is dropped from the view, never from the original.
 */

export interface Line {
  start: number;
  end: number; // exclusive, without the '\n'
  text: string; // trimmed
  tStart: number; // start of the trimmed text
}

/** Whether a code unit is white space to String.prototype.trim (WhiteSpace or LineTerminator). */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function splitLines(full: string): Line[] {
  const lines: Line[] = [];
  let s = 0;
  for (;;) {
    let e = full.indexOf('\n', s);
    if (e === -1) e = full.length;
    // The trimmed text, found by code unit (one slice instead of raw/trim/trimStart).
    let a = s;
    while (a < e && isTrimSpace(full.charCodeAt(a))) a++;
    let b = e;
    while (b > a && isTrimSpace(full.charCodeAt(b - 1))) b--;
    lines.push({ start: s, end: e, text: a === b ? '' : full.slice(a, b), tStart: a });
    if (e >= full.length) break;
    s = e + 1;
  }
  return lines;
}

/** Metadata labels of government pages (发布时间, 索引号 …), simplified. */
export const META_KEY =
  /(发布时间|发布日期|更新时间|成文日期|生成日期|发文日期|印发日期|信息来源|文章来源|稿件来源|来源|索引号|发布机构|发布单位|发文机关|发文机构|发文字号|文号|主题分类|体裁分类|组配分类|服务对象|公开方式|公开类别|公开范围|公开时限|有效性|浏览次数|阅读次数|点击数|点击量|访问量|浏览量|阅读量|字号|字体|作者|栏目|所属栏目|名称|日期|时间|责任编辑|编辑)\s*[\]】]?\s*(?:[:：|]|(?=\s))/;

const CHROME_ANYWHERE: RegExp[] = [
  /版权所有|Copyright|©|ICP备|ICP证|网站标识码|网站识别码|公网安备|主办单位|承办单位|技术支持[:：]|网站地图|联系我们|设为首页|加入收藏/i,
  /【\s*(打印|关闭|收藏|返回顶部|字体|大|中|小)\s*】|\[\s*(打印|关闭|打印本页|关闭窗口)\s*\]|打印本页|关闭窗口|返回顶部|分享到|扫一扫|微信扫一扫|在手机上查看/,
  /字号\s*[:：]?\s*[\[【]?\s*大\s*[\]】]?\s*[\[【]?\s*中\s*[\]】]?\s*[\[【]?\s*小/,
  /^(账号|手机|邮箱|用户名)\s*\+\s*(密码|验证码)登录$|^还没有账号|^已有账号|^立即注册$|^忘记密码|^(用户)?登录$|^注册$|^登录\s*\|?\s*注册$|^退出登录$|^个人中心$|^扫码登录$/,
  /^(当前位置|您当前所在位置|您所在的位置|您现在的位置|当前所在位置|所在位置|位置)\s*[:：]/,
  /^首页\s*[>＞»/]/,
  /^今天是\s*[:：]?|星期[一二三四五六日天]\s*(农历|$)/,
  /^(上一篇|下一篇|相关链接|相关文章|相关阅读|友情链接|热点推荐|推荐阅读)\s*[:：]?/,
  /^\[bookmark:[^\]]*\]$/,
  /^[-—–]{1,2}\s*\d{1,3}\s*[-—–]{1,2}$|^第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$/,
];

/**
 * Prefilter for CHROME_ANYWHERE (one scan of the text instead of ten regexes per line): a line can
 * match an unanchored pattern only if it holds one of these substrings (ASCII letters spelled out
 * case-insensitively like the /i of the first pattern), and an anchored one only if it starts with
 * one of CHROME_FIRST. Keep both in step with CHROME_ANYWHERE (test/layout-chrome.test.ts checks it).
 */
const CHROME_TRIGGER = /版权所有|[Cc][Oo][Pp][Yy][Rr][Ii][Gg][Hh][Tt]|©|[Ii][Cc][Pp][备证]|网站标识码|网站识别码|公网安备|主办单位|承办单位|技术支持|网站地图|联系我们|设为首页|加入收藏|【|\[|打印本页|关闭窗口|返回顶部|分享到|扫一扫|在手机上查看|字号|星期/g;
const CHROME_FIRST = new Set([...'账手邮用还已立忘登注退个扫当您所位首今上下相友热推[-—–第'].map((c) => c.charCodeAt(0)));

/** Lines that may be chrome (CHROME_ANYWHERE can match only these). */
export function chromeCandidates(full: string, lines: Line[]): Uint8Array {
  const cand = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t !== '' && CHROME_FIRST.has(t.charCodeAt(0))) cand[i] = 1;
  }
  let li = 0;
  CHROME_TRIGGER.lastIndex = 0;
  for (let m = CHROME_TRIGGER.exec(full); m; m = CHROME_TRIGGER.exec(full)) {
    // Triggers never hold a line break: the match lies in the line whose [start, end) holds its start.
    while (li < lines.length && lines[li]!.end <= m.index) li++;
    if (li < lines.length) cand[li] = 1;
  }
  return cand;
}

export function isChromeLine(t: string): boolean {
  return CHROME_ANYWHERE.some((r) => r.test(t));
}

/** Only in the tail (after the last body paragraph): contact lines of a site footer. */
const CHROME_TAIL: RegExp[] = [/^(无障碍|适老化|关怀版|长者模式|English|繁体|简体)/i, /^(地址|电话|联系电话|传真|邮编|邮政编码|网址|邮箱|电子邮箱|投稿邮箱|E-?mail)\s*[:：]/i, /投稿|商务合作|广告服务|举报电话|违法和不良信息/];

const DATE_ONLY = /^(?:[^\d\s]{0,12}[-—\s]*)?(?:19|20)\d{2}\s*(?:[-/.年])\s*\d{1,2}\s*(?:[-/.月])\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

export const BODY_PUNCT = /[，,。；;、]/;

export interface Layout {
  lines: Line[];
  drop: Uint8Array; // 1 = chrome/metadata line, not in the view
  bodyStart: number; // index of the first body paragraph line (or lines.length)
  bodyEnd: number; // index of the last body paragraph line (or -1)
  title: number[]; // line indices of the title (0, 1 or 2 lines)
}

export const TITLE_RE = /(法治政府|法治建设|依法行政|法治).{0,24}(报告|总结|情况)|年度报告$/;
export const ORG_END = /(人民政府|政府|办事处|街道|镇|乡|苏木|县|区|旗|市|州|盟|省|自治区|局|委员会|委|办公室|办|部|厅|中心|院|所|队|站|署)$/;

export function isBodyLine(t: string): boolean {
  return t.length >= 40 && BODY_PUNCT.test(t);
}

export function isMetaLine(t: string): boolean {
  if (t.length > 160 || /。/.test(t)) return false;
  return META_KEY.test(t) || /^[|•·\s]+$/.test(t) || DATE_ONLY.test(t);
}

function isTitleLine(t: string): boolean {
  if (t.length < 6 || t.length > 90) return false;
  if (/[。；;>＞»]/.test(t) || CHROME_ANYWHERE.some((r) => r.test(t))) return false;
  // A numbered heading ('一、2024年法治政府建设情况') is a section, not the title.
  if (/^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])/.test(t)) return false;
  return TITLE_RE.test(t);
}

export function stripMetaKey(t: string): { text: string; offset: number } {
  const m = /^(名称|标题|题目)\s*[:：]\s*/.exec(t);
  if (!m) return { text: t, offset: 0 };
  let rest = t.slice(m[0].length);
  const cut = rest.search(/\s+(文号|发文字号|索引号)\s*[:：]/);
  if (cut > 0) rest = rest.slice(0, cut);
  return { text: rest, offset: m[0].length };
}

export function layoutLines(full: string, joined = false): Layout {
  const lines = splitLines(full);
  const n = lines.length;
  const cand = chromeCandidates(full, lines);
  const chrome = (i: number) => cand[i] === 1 && isChromeLine(lines[i]!.text);
  const drop = new Uint8Array(n);
  // With wrapped lines (PDF), a line belongs to the body when its paragraph (lines up to a blank one) does.
  const body = new Uint8Array(n);
  if (!joined) {
    for (let i = 0; i < n; i++) {
      const t = lines[i]!.text;
      if (isBodyLine(t) && !isMetaLine(t)) body[i] = 1;
    }
    // Hard-wrapped text (short lines only, e.g. saved from a PDF): find the body by paragraphs.
    if (body.indexOf(1) === -1) joined = true;
  }
  if (joined) {
    for (let i = 0; i < n; ) {
      if (lines[i]!.text === '') {
        i++;
        continue;
      }
      let j = i;
      let para = '';
      while (j < n && lines[j]!.text !== '') para += lines[j++]!.text;
      if (j - i > 1 && isBodyLine(para) && !isMetaLine(lines[i]!.text)) body.fill(1, i, j);
      else if (isBodyLine(lines[i]!.text) && !isMetaLine(lines[i]!.text)) body[i] = 1;
      i = j;
    }
  }
  let bodyStart = body.indexOf(1);
  if (bodyStart === -1) bodyStart = n;
  let bodyEnd = body.lastIndexOf(1);
  // Title: the first title-like line of the head (or the body's first line when the report has no head).
  const title: number[] = [];
  const headLimit = Math.min(bodyStart, 60);
  for (let i = 0; i < headLimit; i++) {
    const t = stripMetaKey(lines[i]!.text).text;
    if (!isTitleLine(t)) continue;
    if (META_KEY.test(lines[i]!.text) && t === lines[i]!.text) continue;
    if (t !== lines[i]!.text) {
      // '名称: X 文号:' in a metadata table: the same title printed alone below is the real one.
      let k = i + 1;
      while (k < headLimit && lines[k]!.text !== t) k++;
      if (k < headLimit) continue;
    }
    // A title split over two lines: '丁市镇人民政府' / '关于2023年…报告'.
    let p = i - 1;
    while (p >= 0 && lines[p]!.text === '') p--;
    if (p >= 0 && !/^[^\d*]{2,30}?(?:人民政府|政府|办事处|街道|镇|乡|县|区|局|部|委员会)\s*(?:关于|(?:19|20)\d\d|\*{4})/.test(t)) {
      const pt = lines[p]!.text;
      if (pt.length >= 2 && pt.length <= 30 && ORG_END.test(pt) && !isMetaLine(pt) && !BODY_PUNCT.test(pt) && !chrome(p)) title.push(p);
    }
    title.push(i);
    break;
  }
  // Head: before the body. Drop what comes before the title, metadata lines, clocks, repeated lines.
  const seen = new Set<string>();
  const titleStart = title.length ? title[0]! : -1;
  const titleText = title.length ? stripMetaKey(lines[title[title.length - 1]!]!.text).text : '';
  const skeleton = (x: string) => x.replace(/[\d*\s]/g, '');
  for (let i = 0; i < bodyStart; i++) {
    const t = lines[i]!.text;
    if (t === '') continue;
    if (title.includes(i)) {
      seen.add(t);
      continue;
    }
    if (i < titleStart || isMetaLine(t) || seen.has(t) || /^\d{5,8}$/.test(t) || (titleText && (t === titleText || stripMetaKey(t).text === titleText || skeleton(t) === skeleton(titleText)))) drop[i] = 1;
    else if (chrome(i) || (t.length <= 20 && CHROME_TAIL[0]!.test(t))) drop[i] = 1;
    seen.add(t);
  }
  for (let i = bodyStart; i < n; i++) {
    const t = lines[i]!.text;
    if (t === '' || t.length > 200) continue;
    if (chrome(i)) drop[i] = 1;
    else if (i > bodyEnd && CHROME_TAIL.some((r) => r.test(t))) drop[i] = 1;
  }
  return { lines, drop, bodyStart, bodyEnd, title };
}

/** Last characters of a line that ends a sentence or a clause: 。！？!?：:；;”"』」）)》】] */
const WRAP_END_CHARS = new Set([...'。！？!?：:；;”"』」）)》】]'].map((c) => c.charCodeAt(0)));

/**
 * Whether a plain text is hard-wrapped (copied from a PDF or a fixed-width editor): most of its
 * long lines share one width (±2 characters) and run on into the next line without ending a
 * sentence. Such lines are joined in
 * the view like PDF lines, so a term split across a line break (法律顾\n问) is found again.
 */
export function looksHardWrapped(text: string): boolean {
  // Lines found by code unit, trimmed like String.prototype.trim, without slicing.
  const lens: number[] = [];
  let open = 0;
  const n = text.length;
  for (let s = 0; s <= n; ) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = n;
    let a = s;
    while (a < e && isTrimSpace(text.charCodeAt(a))) a++;
    let b = e;
    while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--;
    if (b - a >= 15) {
      lens.push(b - a);
      // A wrapped line runs on into the next line (no blank line between: that is a paragraph).
      if (!WRAP_END_CHARS.has(text.charCodeAt(b - 1)) && e < n) {
        let k = e + 1;
        let next = text.indexOf('\n', k);
        if (next === -1) next = n;
        while (k < next && isTrimSpace(text.charCodeAt(k))) k++;
        if (k < next) open++;
      }
    }
    s = e + 1;
  }
  if (lens.length < 8 || open < 0.5 * lens.length) return false;
  const freq = new Map<number, number>();
  for (const n of lens) freq.set(n, (freq.get(n) ?? 0) + 1);
  let width = 0;
  let best = -1;
  for (const [n] of freq) {
    let near = 0;
    for (let d = -2; d <= 2; d++) near += freq.get(n + d) ?? 0;
    if (near > best || (near === best && n > width)) [best, width] = [near, n];
  }
  return best >= 0.5 * lens.length;
}
