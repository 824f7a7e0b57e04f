import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Extracted } from '../document.js';
import { readerError } from '../errors.js';

/**
 * PDF → original text via pdf.js (legacy build, eval disabled). The ORIGINAL text is the text
 * layer as lines: items on one baseline form a line (a space where pdf.js leaves a visible gap),
 * an empty line between paragraphs (a line that stops short of the right margin, or the next one
 * indented, ends a paragraph), pages one after another. `pages` = start offset of each page. The
 * view joins lines broken mid-sentence and drops spaces next to CJK characters.
 */

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface PLine {
  text: string;
  left: number;
  right: number;
  size: number;
}

let assets: { cMapUrl: string; standardFontDataUrl: string } | undefined;
function pdfAssets() {
  if (!assets) {
    const req = createRequire(import.meta.url);
    const root = dirname(req.resolve('pdfjs-dist/package.json'));
    assets = { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  }
  return assets;
}

function linesOf(items: Item[]): PLine[] {
  const lines: PLine[] = [];
  let cur: PLine | null = null;
  let lastY = NaN;
  let lastEnd = NaN;
  for (const it of items) {
    const x = it.transform[4] ?? 0;
    const y = it.transform[5] ?? 0;
    const size = Math.abs(it.transform[3] ?? it.height) || it.height || 10;
    if (it.str === '' && !it.hasEOL) continue;
    const sameLine = cur && Math.abs(y - lastY) < size * 0.5;
    if (!cur || !sameLine) {
      if (cur && cur.text.trim()) lines.push(cur);
      cur = { text: '', left: x, right: x, size };
      lastEnd = x;
    }
    if (it.str) {
      if (cur.text && x - lastEnd > size * 0.3 && !cur.text.endsWith(' ') && !it.str.startsWith(' ')) cur.text += ' ';
      cur.text += it.str;
      cur.left = Math.min(cur.left, x);
      cur.right = Math.max(cur.right, x + it.width);
      cur.size = Math.max(cur.size, size);
      lastEnd = x + it.width;
      lastY = y;
    }
    if (it.hasEOL) {
      if (cur.text.trim()) lines.push(cur);
      cur = null;
    }
  }
  if (cur && cur.text.trim()) lines.push(cur);
  return lines;
}

export async function extractPdf(bytes: Uint8Array, file: string): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { cMapUrl, standardFontDataUrl } = pdfAssets();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    verbosity: 0,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw readerError('E_PDF_ENCRYPTED', file);
    throw readerError('E_PDF_CORRUPT', file, e instanceof Error ? e.message.slice(0, 120) : undefined);
  }
  try {
    const out: string[] = [];
    const pages: number[] = [];
    let len = 0;
    let visible = 0;
    // Running headers/footers: first/last lines of a page, digits masked, counted over pages.
    const edge: Array<{ key: string; start: number; end: number }> = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const lines = linesOf(content.items as Item[]);
      page.cleanup();
      if (p > 1) {
        out.push('\n');
        len++;
      }
      pages.push(len);
      if (!lines.length) continue;
      const maxRight = Math.max(...lines.map((l) => l.right));
      const minLeft = Math.min(...lines.map((l) => l.left));
      lines.forEach((l, i) => {
        const t = l.text.replace(/\s+$/, '');
        visible += t.replace(/\s/g, '').length;
        if (i > 0) {
          const prev = lines[i - 1]!;
          const prevShort = prev.right < maxRight - prev.size * 1.5;
          const indented = l.left > minLeft + l.size * 0.8;
          const s = prevShort || indented ? '\n\n' : '\n';
          out.push(s);
          len += s.length;
        }
        if (i < 2 || i >= lines.length - 2) edge.push({ key: `${i < 2 ? 'h' : 'f'}:${t.replace(/\d+/g, '#').replace(/\s+/g, '')}`, start: len, end: len + t.length });
        out.push(t);
        len += t.length;
      });
    }
    if (visible < 10) throw readerError('E_PDF_NO_TEXT', file);
    const chrome: Array<[number, number]> = [];
    if (pdf.numPages >= 3) {
      const count = new Map<string, number>();
      for (const e of edge) count.set(e.key, (count.get(e.key) ?? 0) + 1);
      const min = Math.max(3, Math.ceil(pdf.numPages * 0.5));
      for (const e of edge) if ((count.get(e.key) ?? 0) >= min) chrome.push([e.start, e.end]);
    }
    const warnings = chrome.length ? [{ code: 'W_PDF_RUNNING_HEADER', message: `视图中去除了 ${chrome.length} 行页眉页脚 / ${chrome.length} running header/footer lines left out of the view` }] : [];
    return { format: 'pdf', encoding: 'pdf', text: out.join(''), pages, joinLines: true, chrome, warnings };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
