// HTML → PDF with playwright-core driving a headless Chromium that is already on the machine.
// Fonts never depend on the system: the Noto Sans SC subsets whose unicode-range covers the page
// text are added to a long-lived print page as FontFace objects from their bytes (decoded once per
// page, not once per scorecard); `withEmbeddedFonts` still inlines them as data: URLs for a page
// that must stand alone.
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { FazhiError } from '@fazhi/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

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
  /** CSS font-weight of the face ('400' or '700'). */
  weight: string;
  /** The unicode-range descriptor as written in the fontsource CSS. */
  unicodeRange: string;
}

interface FaceIndex {
  faces: FontFace[];
  /** Code point → index of the first face whose unicode-range covers it, per weight; -1 for none. */
  first: Int16Array;
  /** Code points covered by more than one face → every further face index. */
  more: Map<number, number[]>;
}

/** Highest code point the table covers (the fontsource ranges stop below U+30000). */
const TABLE_END = 0x30000;
let faceIndex: FaceIndex | undefined;
/** base64 of each woff2 subset read so far (a batch prints many pages with the same subsets). */
const dataCache = new Map<string, string>();

function fontDir(): string {
  const req = createRequire(import.meta.url);
  return dirname(req.resolve('@fontsource/noto-sans-sc/package.json'));
}

function parseFaces(): FaceIndex {
  if (faceIndex) return faceIndex;
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
      faces.push({ css: block, ranges, fileRel: file, weight, unicodeRange: range.trim() });
    }
  }
  // One lookup per code point instead of testing every range of every face (≈200 faces × 1,500
  // distinct characters per scorecard).
  const first = new Int16Array(TABLE_END).fill(-1);
  const more = new Map<number, number[]>();
  faces.forEach((f, i) => {
    for (const [lo, hi] of f.ranges) {
      for (let c = lo; c <= hi && c < TABLE_END; c++) {
        if (first[c] === -1) first[c] = i;
        else {
          const m = more.get(c);
          if (m) m.push(i);
          else more.set(c, [i]);
        }
      }
    }
  });
  faceIndex = { faces, first, more };
  return faceIndex;
}

/** Indices (into parseFaces().faces, ascending) of the subsets whose unicode-range covers the text. */
function facesFor(text: string): number[] {
  const { faces, first, more } = parseFaces();
  const hit = new Uint8Array(faces.length);
  const seen = new Uint8Array(TABLE_END);
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (c >= TABLE_END || seen[c]) continue;
    seen[c] = 1;
    const f = first[c]!;
    if (f < 0) continue;
    hit[f] = 1;
    const m = more.get(c);
    if (m) for (const j of m) hit[j] = 1;
  }
  const out: number[] = [];
  hit.forEach((h, i) => h && out.push(i));
  return out;
}

function faceBase64(f: FontFace): string {
  let b64 = dataCache.get(f.fileRel);
  if (b64 === undefined) {
    b64 = readFileSync(join(fontDir(), f.fileRel)).toString('base64');
    dataCache.set(f.fileRel, b64);
  }
  return b64;
}

/** @font-face rules (data: URLs) for the Noto Sans SC subsets that the given text needs. */
export function fontFaceCss(text: string): string {
  const { faces } = parseFaces();
  return facesFor(text)
    .map((i) => faces[i]!.css.replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${faceBase64(faces[i]!)}) format('woff2');`))
    .join('\n');
}

/** Visible text of an HTML page, for choosing font subsets (tags dropped, entities are ASCII). */
export function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, '');
}

/** The page with its font subsets inlined as data: URLs: self-contained, for any browser. */
export function withEmbeddedFonts(html: string): string {
  const css = fontFaceCss(visibleText(html));
  return html.replace('</head>', `<style>${css}</style>\n</head>`);
}

// ---------- printer ----------

export interface PrintOptions {
  /** Footer with page numbers "n / N" (default true). */
  pageNumbers?: boolean;
}

export interface PdfPrinterOptions {
  /**
   * Pages printing at the same time when `print()` is called concurrently (default 2: one per
   * core of a small server). Sequential callers only ever use one.
   */
  maxPages?: number;
  /** A page is replaced by a fresh one after this many prints, to bound memory (default 500). */
  recycleAfter?: number;
}

/**
 * The print page never shows anything on screen: without this, Chromium lays the scorecard out
 * at screen width after each swap and again after each print (about half of its work per PDF).
 */
const SCREEN_HIDDEN_CSS = '@media screen{html{display:none}}';
/** Page numbers as CSS page-margin boxes (the page's own @page margins hold them). */
const PAGE_NUMBER_CSS =
  '@page{@bottom-center{content:counter(page) " / " counter(pages);font-family:"Noto Sans SC";font-size:8px;color:#888}}';
/** Characters of the footer, so their font subset is loaded even when the page text lacks digits. */
const PAGE_NUMBER_TEXT = '0123456789 /';

/** An empty document in standards mode: the scorecard is swapped into it, the fonts stay. */
const SHELL = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>';

const compiled = new Map<string, (arg: unknown) => unknown>();
/**
 * A function for page.evaluate from its source text: Playwright sends `fn.toString()` to the page
 * and calls it there with the argument (a bare string would only be evaluated, never called).
 */
function inPage(src: string): (arg: unknown) => unknown {
  let fn = compiled.get(src);
  if (!fn) compiled.set(src, (fn = new Function(`return ${src}`)() as (arg: unknown) => unknown));
  return fn;
}

interface Slot {
  page: Page;
  /** Face indices already in this page's document.fonts. */
  loaded: Set<number>;
  prints: number;
  busy: boolean;
}

/**
 * Runs in the page: adds the font subsets as FontFace objects built from their bytes (no fetch,
 * so neither CSP nor the network is involved). They belong to the document, so they survive
 * every content swap and are decoded once per page, not once per scorecard.
 */
const ADD_FONTS = `async (add) => {
  const loading = add.map((a) => {
    const s = atob(a.b64);
    const u = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
    const f = new FontFace('Noto Sans SC', u.buffer, { weight: a.weight, style: 'normal', unicodeRange: a.range, display: 'block' });
    document.fonts.add(f);
    return f.loaded;
  });
  await Promise.all(loading);
  return true;
}`;

/**
 * Runs in the page: parses the scorecard in an inert document (DOMParser runs no script and
 * loads nothing), drops scripts and inline event handlers (printing needs neither), then puts its
 * <html> in place of the current one. The CSP <meta> comes along and applies as before.
 */
const SWAP = `async ([html, css]) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const s of doc.querySelectorAll('script')) s.remove();
  for (const el of doc.querySelectorAll('*')) {
    for (const a of [...el.attributes]) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
  }
  const st = doc.createElement('style');
  st.textContent = css;
  doc.head.appendChild(st);
  document.title = doc.title;
  document.documentElement.replaceWith(document.adoptNode(doc.documentElement));
  await document.fonts.ready;
  return true;
}`;

/**
 * One browser for a whole batch: `open()` once, `print(html)` per scorecard, `close()` at the end.
 *
 * Each print reuses a long-lived page: the scorecard is swapped into a document whose Noto Sans
 * SC subsets (only those the text needs, added as they are first needed) are already decoded, so
 * a page costs its layout and `page.pdf()` only. The PDFs embed those webfont subsets, never a
 * system font. Concurrent `print()` calls use up to `maxPages` pages in parallel.
 */
export class PdfPrinter {
  private browser?: Browser;
  private context?: BrowserContext;
  private userDataDir?: string;
  private opening?: Promise<this>;
  private slots: Slot[] = [];
  private creating = 0;
  private waiting: (() => void)[] = [];
  readonly executablePath: string;
  /** Pages printing at the same time when `print()` is called concurrently. */
  readonly maxPages: number;
  private readonly recycleAfter: number;

  constructor(executablePath?: string, opts: PdfPrinterOptions = {}) {
    const p = executablePath ?? findChromium();
    if (!p) throw noChromiumError();
    this.executablePath = p;
    this.maxPages = Math.max(1, opts.maxPages ?? 2);
    this.recycleAfter = Math.max(1, opts.recycleAfter ?? 500);
  }

  async open(): Promise<this> {
    if (this.context) return this;
    this.opening ??= this.launch().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async launch(): Promise<this> {
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

  private async newSlot(): Promise<Slot> {
    const page = await this.context!.newPage();
    try {
      // nothing but data: URLs may load (the fonts come as bytes, not requests)
      await page.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
      await page.setContent(SHELL, { waitUntil: 'load' });
    } catch (e) {
      await page.close().catch(() => undefined);
      throw e;
    }
    return { page, loaded: new Set(), prints: 0, busy: true };
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      if (!this.context) throw new Error('PdfPrinter is closed');
      if (this.slots.length + this.creating < this.maxPages) {
        this.creating++;
        try {
          const s = await this.newSlot();
          this.slots.push(s);
          return s;
        } finally {
          this.creating--;
        }
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private release(slot: Slot, broken: boolean): void {
    slot.busy = false;
    if (broken || slot.prints >= this.recycleAfter) {
      this.slots = this.slots.filter((s) => s !== slot);
      void slot.page.close().catch(() => undefined);
    }
    this.waiting.shift()?.();
  }

  async print(html: string, opts: PrintOptions = {}): Promise<Buffer> {
    if (!this.context) await this.open();
    const pageNumbers = opts.pageNumbers !== false;
    const slot = await this.acquire();
    let broken = true;
    try {
      const { faces } = parseFaces();
      const need = facesFor(visibleText(html) + (pageNumbers ? PAGE_NUMBER_TEXT : '')).filter((i) => !slot.loaded.has(i));
      if (need.length) {
        const add = need.map((i) => ({ b64: faceBase64(faces[i]!), weight: faces[i]!.weight, range: faces[i]!.unicodeRange }));
        await slot.page.evaluate(inPage(ADD_FONTS), add);
        for (const i of need) slot.loaded.add(i);
      }
      // the functions run in the page; passed as text because this package has no DOM lib
      await slot.page.evaluate(inPage(SWAP), [html, SCREEN_HIDDEN_CSS + (pageNumbers ? PAGE_NUMBER_CSS : '')]);
      const pdf = await slot.page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      });
      slot.prints++;
      broken = false;
      return pdf;
    } finally {
      this.release(slot, broken);
    }
  }

  async close(): Promise<void> {
    const ctx = this.context;
    this.context = undefined;
    this.browser = undefined;
    this.slots = [];
    if (ctx) await ctx.close().catch(() => undefined);
    this.cleanup();
  }

  private cleanup(): void {
    if (this.userDataDir) rmSync(this.userDataDir, { recursive: true, force: true });
    this.userDataDir = undefined;
  }
}

/** Prints several pages with one browser, up to the printer's `maxPages` at a time; PDFs in input order. */
export async function renderPdf(htmls: string[], printer?: PdfPrinter): Promise<Buffer[]> {
  const p = printer ?? new PdfPrinter();
  await p.open();
  try {
    const out: Buffer[] = new Array<Buffer>(htmls.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < htmls.length; i = next++) out[i] = await p.print(htmls[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(p.maxPages, htmls.length) }, worker));
    return out;
  } finally {
    if (!printer) await p.close();
  }
}
