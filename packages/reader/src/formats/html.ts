import type { Extracted } from '../document.js';
import { decodeBytes } from '../decode.js';

/**
 * HTML → original text. The ORIGINAL text of an HTML page is defined as: the page's text after
 * dropping <head>, <script>, <style>, <noscript>, <template>, <svg>, <iframe>, <object> and comments;
 * entities decoded; whitespace inside text collapsed to one space (as a browser does, except in
 * <pre>); one '\n' at every block boundary (p, div, br, h1–h6, li, tr, table…) with no empty lines
 * and no leading/trailing spaces on a line; a tab between table cells. It is deterministic for a
 * given page. Page chrome (nav, header, footer, aside, and elements whose class/id names navigation,
 * breadcrumbs, share bars, login boxes or copyright) stays in the original text but is dropped from
 * the view.
 */

const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'select', 'button']);
const VOID = new Set(['br', 'img', 'input', 'meta', 'link', 'hr', 'wbr', 'source', 'area', 'col', 'embed', 'param', 'track', 'base']);
const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'tbody', 'thead', 'tfoot', 'section', 'article',
  'header', 'footer', 'nav', 'aside', 'main', 'form', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'hr', 'figure', 'figcaption', 'title', 'caption', 'address', 'center',
]);
const CELL = new Set(['td', 'th']);
const CHROME_TAG = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_ATTR = /(?:^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|bread|location|position|share|bdshare|login|toolbar|sidebar|copyright|topbar|sitemap|links|friendlink|print|fontsize)(?:[\s_-]|\d|$)/i;

const ENTITIES: Record<string, string> = {
  nbsp: '\u00A0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–',
  hellip: '…', middot: '·', times: '×', divide: '÷', copy: '©', reg: '®', emsp: '\u2003', ensp: '\u2002', thinsp: '\u2009', zwj: '\u200D',
  zwnj: '\u200C', bull: '•', laquo: '«', raquo: '»', yen: '¥', deg: '°', plusmn: '±', sect: '§', para: '¶', permil: '‰', lsaquo: '‹', rsaquo: '›',
  rarr: '→', larr: '←', uarr: '↑', darr: '↓', hyphen: '-', shy: '\u00AD', ideographicspace: '\u3000',
};

function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return m;
      return String.fromCodePoint(cp);
    }
    return ENTITIES[e] ?? ENTITIES[e.toLowerCase()] ?? m;
  });
}

function charsetHint(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1];
}

export function htmlToText(html: string): { text: string; chrome: Array<[number, number]> } {
  const out: string[] = [];
  let len = 0; // length of out joined
  let atLineStart = true;
  let pendingSpace = false;
  let pre = 0;
  const chrome: Array<[number, number]> = [];
  const stack: Array<{ name: string; chrome: boolean }> = [];
  let chromeDepth = 0;
  let chromeStart = 0;
  const newline = () => {
    pendingSpace = false;
    if (!atLineStart) {
      out.push('\n');
      len++;
      atLineStart = true;
    }
  };
  const emit = (raw: string) => {
    let s = decodeEntities(raw);
    if (!pre) s = s.replace(/[ \t\n\r\f]+/g, ' ');
    if (!s) return;
    if (pre) {
      const parts = s.split(/\r?\n/);
      parts.forEach((p, i) => {
        if (i > 0) newline();
        const t = atLineStart ? p.replace(/^[ \t]+/, '') : p;
        if (t) {
          out.push(t);
          len += t.length;
          atLineStart = false;
        }
      });
      return;
    }
    if (s.startsWith(' ')) {
      pendingSpace = true;
      s = s.slice(1);
    }
    const trailing = s.endsWith(' ');
    if (trailing) s = s.slice(0, -1);
    if (s) {
      if (pendingSpace && !atLineStart) {
        out.push(' ');
        len++;
      }
      out.push(s);
      len += s.length;
      atLineStart = false;
      pendingSpace = false;
    }
    if (trailing) pendingSpace = true;
  };
  // A linear scan (indexOf only, never a backtracking regex over the rest of the page): a '<' that
  // starts no tag is text; a tag is closed by the first '>' after it.
  const lower = html.toLowerCase();
  let last = 0;
  let pos = 0;
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      if (lt > last) emit(html.slice(last, lt));
      last = pos = e === -1 ? html.length : e + 3;
      continue;
    }
    const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const closing = next === 47; // '/'
    if (!(isLetter(next) || next === 33 || next === 63 || (closing && isLetter(html.charCodeAt(lt + 2))))) {
      pos = lt + 1; // a literal '<'
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break; // no tag can close any more: the rest is text
    if (lt > last) emit(html.slice(last, lt));
    last = pos = gt + 1;
    if (next === 33 || next === 63) continue; // <!doctype …>, <![CDATA[…]]>, <?xml …?>
    const inner = html.slice(lt + (closing ? 2 : 1), gt);
    const nm = /^[a-zA-Z][\w:-]*/.exec(inner);
    if (!nm) continue;
    const name = nm[0].toLowerCase();
    const attrs = inner.slice(nm[0].length);
    if (!closing && SKIP.has(name) && !/\/\s*$/.test(attrs)) {
      const end = lower.indexOf(`</${name}`, last);
      if (end === -1) {
        last = pos = html.length;
        break;
      }
      const g2 = html.indexOf('>', end);
      last = pos = g2 === -1 ? html.length : g2 + 1;
      continue;
    }
    if (BLOCK.has(name)) newline();
    else if (CELL.has(name) && !closing && !atLineStart) {
      out.push('\t');
      len++;
      pendingSpace = false;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (VOID.has(name)) continue;
    if (!closing) {
      if (/\/\s*$/.test(attrs)) continue;
      const idc = /\b(?:id|class)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
      let isChrome = CHROME_TAG.has(name);
      for (let a = idc.exec(attrs); a && !isChrome; a = idc.exec(attrs)) isChrome = CHROME_ATTR.test(a[1]!.replace(/^["']|["']$/g, ''));
      stack.push({ name, chrome: isChrome });
      if (isChrome && chromeDepth++ === 0) chromeStart = len;
    } else {
      let k = stack.length - 1;
      const floor = Math.max(0, stack.length - 64); // unmatched close tags never cost more than 64 steps
      while (k >= floor && stack[k]!.name !== name) k--;
      if (k < floor) continue;
      while (stack.length > k) {
        const e = stack.pop()!;
        if (e.chrome && --chromeDepth === 0) chrome.push([chromeStart, len]);
      }
    }
  }
  if (last < html.length) emit(html.slice(last));
  if (chromeDepth > 0) chrome.push([chromeStart, len]);
  let text = out.join('');
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return { text, chrome: chrome.filter(([a, b]) => b > a) };
}

export async function extractHtml(bytes: Uint8Array, file: string): Promise<Extracted> {
  const d = await decodeBytes(bytes, file, charsetHint(bytes));
  const { text, chrome } = htmlToText(d.text);
  return { format: 'html', encoding: d.encoding, text, chrome, trimTail: true };
}
