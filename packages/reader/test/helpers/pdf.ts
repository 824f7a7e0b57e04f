// Print HTML to PDF with playwright-core + Debian chromium, the CJK font inlined as data: URLs
// (@fontsource/noto-sans-sc), so the PDF has a clean, extractable text layer.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const canPrintPdf = () => existsSync(CHROMIUM);

function fontCss(text: string): string {
  const req = createRequire(import.meta.url);
  const dir = dirname(req.resolve('@fontsource/noto-sans-sc/400.css'));
  const css = readFileSync(join(dir, '400.css'), 'utf8');
  const cps = new Set<number>();
  for (const ch of text) cps.add(ch.codePointAt(0)!);
  const blocks = css.split('@font-face').slice(1);
  const keep: string[] = [];
  for (const b of blocks) {
    const ur = /unicode-range:\s*([^;]+);/.exec(b)?.[1] ?? '';
    const hit = ur.split(',').some((r) => {
      const [a, z] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a!, 16);
      const hi = z ? parseInt(z, 16) : lo;
      for (const c of cps) if (c >= lo && c <= hi) return true;
      return false;
    });
    if (!hit) continue;
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(b)?.[1];
    if (!file) continue;
    const data = readFileSync(join(dir, 'files', file)).toString('base64');
    keep.push(`@font-face${b.replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`)}`);
  }
  return keep.join('\n');
}

/** A report as a printable document: centred title, indented paragraphs, signature on the right. */
export function documentHtml(title: string, body: string[], signature: string[], opts: { runningHeader?: string; fontPx?: number } = {}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const all = title + body.join('') + signature.join('') + (opts.runningHeader ?? '');
  // position:fixed elements repeat on every printed page: a running header.
  const header = opts.runningHeader ? `<div style="position:fixed;top:0;left:0;right:0;text-align:center;font-size:11px;text-indent:0">${esc(opts.runningHeader)}</div>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${fontCss(all)}
body{font-family:'Noto Sans SC';font-size:${opts.fontPx ?? 15}px;line-height:1.8;margin:0}
h1{font-size:20px;text-align:center;font-weight:400} p{margin:0;text-indent:2em;text-align:justify} .sig{text-align:right;text-indent:0}</style></head>
<body>${header}${opts.runningHeader ? '<div style="height:8mm"></div>' : ''}<h1>${esc(title)}</h1>${body.map((p) => `<p>${esc(p)}</p>`).join('')}${signature.map((p) => `<p class="sig">${esc(p)}</p>`).join('')}</body></html>`;
}

export async function printPdf(html: string): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({ format: 'A5', margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
