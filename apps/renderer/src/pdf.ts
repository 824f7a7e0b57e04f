// HTML → PDF with playwright-core driving a headless Chromium that is already on the machine.
// Fonts never depend on the system: the Noto Sans SC subsets whose unicode-range covers the page
// text are inlined as data: URLs (about 1 MB for a typical report instead of 6.5 MB for all).
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { FazhiError } from '@fazhi/core';
import type { Browser, BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const COMMON_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** FAZHI_CHROMIUM, then common install paths, then `chromium` on PATH; undefined when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.FAZHI_CHROMIUM;
  if (fromEnv) return executable(fromEnv) ? fromEnv : undefined;
  for (const p of COMMON_PATHS) if (executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      if (dir && executable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

export function noChromiumError(env: NodeJS.ProcessEnv = process.env): FazhiError {
  const bad = env.FAZHI_CHROMIUM ? `环境变量 FAZHI_CHROMIUM=${env.FAZHI_CHROMIUM} 不是可执行文件；` : '';
  return new FazhiError(
    'E_NO_CHROMIUM',
    `${bad}未找到 Chromium 浏览器，无法生成 PDF（HTML 评分卡已照常输出）。请安装：apt-get install chromium，` +
      '或设置环境变量 FAZHI_CHROMIUM 指向 chromium / google-chrome 可执行文件。' +
      ' / Chromium not found: PDF skipped, HTML written. Install it (apt-get install chromium) or set FAZHI_CHROMIUM.',
  );
}

// ---------- fonts ----------

interface FontFace {
  css: string;
  ranges: [number, number][];
  fileRel: string;
}

let faceCache: FontFace[] | undefined;
/** base64 of each woff2 subset read so far (a batch prints many pages with the same subsets). */
const dataCache = new Map<string, string>();

function fontDir(): string {
  const req = createRequire(import.meta.url);
  return dirname(req.resolve('@fontsource/noto-sans-sc/package.json'));
}

function parseFaces(): FontFace[] {
  if (faceCache) return faceCache;
  const dir = fontDir();
  const faces: FontFace[] = [];
  for (const weight of ['400', '700']) {
    const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
    for (const block of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1] ?? '';
      const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)?.[1];
      if (!file) continue;
      const ranges = range.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        const lo = parseInt(a!, 16);
        return [lo, b ? parseInt(b, 16) : lo];
      });
      faces.push({ css: block, ranges, fileRel: file });
    }
  }
  faceCache = faces;
  return faces;
}

/** @font-face rules (data: URLs) for the Noto Sans SC subsets that the given text needs. */
export function fontFaceCss(text: string): string {
  const cps = new Set<number>();
  for (const ch of text) cps.add(ch.codePointAt(0)!);
  const sorted = [...cps].sort((a, b) => a - b);
  const dir = fontDir();
  const out: string[] = [];
  for (const f of parseFaces()) {
    const hit = sorted.some((c) => f.ranges.some(([lo, hi]) => c >= lo && c <= hi));
    if (!hit) continue;
    let b64 = dataCache.get(f.fileRel);
    if (b64 === undefined) {
      b64 = readFileSync(join(dir, f.fileRel)).toString('base64');
      dataCache.set(f.fileRel, b64);
    }
    out.push(
      f.css.replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${b64}) format('woff2');`),
    );
  }
  return out.join('\n');
}

/** Visible text of an HTML page, for choosing font subsets (tags dropped, entities are ASCII). */
export function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, '');
}

export function withEmbeddedFonts(html: string): string {
  const css = fontFaceCss(visibleText(html));
  return html.replace('</head>', `<style>${css}</style>\n</head>`);
}

// ---------- printer ----------

export interface PrintOptions {
  /** Footer with page numbers (default true). */
  pageNumbers?: boolean;
}

/** One browser for a whole batch: `open()` once, `print(html)` per scorecard, `close()` at the end. */
export class PdfPrinter {
  private browser?: Browser;
  private context?: BrowserContext;
  private userDataDir?: string;
  readonly executablePath: string;

  constructor(executablePath?: string) {
    const p = executablePath ?? findChromium();
    if (!p) throw noChromiumError();
    this.executablePath = p;
  }

  async open(): Promise<this> {
    if (this.context) return this;
    const { chromium } = await import('playwright-core');
    this.userDataDir = mkdtempSync(join(tmpdir(), 'fazhi-chromium-'));
    try {
      // a persistent context gives the fresh user-data dir; offline so nothing can leave the machine
      this.context = await chromium.launchPersistentContext(this.userDataDir, {
        executablePath: this.executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        offline: true,
        javaScriptEnabled: true,
      });
    } catch (e) {
      this.cleanup();
      throw new FazhiError('E_CHROMIUM_LAUNCH', `无法启动 Chromium（${this.executablePath}）：${(e as Error).message.split('\n')[0]}`);
    }
    this.browser = this.context.browser() ?? undefined;
    return this;
  }

  async print(html: string, opts: PrintOptions = {}): Promise<Buffer> {
    if (!this.context) await this.open();
    const page = await this.context!.newPage();
    try {
      await page.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
      await page.setContent(withEmbeddedFonts(html), { waitUntil: 'load' });
      // the function runs in the page; typed loosely because this package has no DOM lib
      await page.evaluate('document.fonts.ready.then(() => true)');
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: opts.pageNumbers !== false,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size:8px;width:100%;text-align:center;color:#888"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const ctx = this.context;
    this.context = undefined;
    this.browser = undefined;
    if (ctx) await ctx.close().catch(() => undefined);
    this.cleanup();
  }

  private cleanup(): void {
    if (this.userDataDir) rmSync(this.userDataDir, { recursive: true, force: true });
    this.userDataDir = undefined;
  }
}

/** Prints several pages with one browser. */
export async function renderPdf(htmls: string[], printer?: PdfPrinter): Promise<Buffer[]> {
  const p = printer ?? new PdfPrinter();
  await p.open();
  try {
    const out: Buffer[] = [];
    for (const h of htmls) out.push(await p.print(h));
    return out;
  } finally {
    if (!printer) await p.close();
  }
}
