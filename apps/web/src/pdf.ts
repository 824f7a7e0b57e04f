import { PdfPrinter, findChromium } from '@fazhi/renderer';
import { isFazhiError } from '@fazhi/core';

export { findChromium };

export interface PdfService {
  /** Prints a self-contained scorecard/dashboard HTML page to A4 PDF. */
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * One browser for the whole server (the renderer's PdfPrinter: offline, CJK webfont inlined),
 * launched on the first PDF and reused; at most `pages` prints at a time. A browser that dies is
 * relaunched on the next request.
 */
export class SharedPdf implements PdfService {
  private printer?: Promise<PdfPrinter>;
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly pages = 2) {}

  private launch(): Promise<PdfPrinter> {
    // The constructor throws E_NO_CHROMIUM (zh-CN, says what to install) when there is none.
    return Promise.resolve().then(() => new PdfPrinter()).then((p) => p.open());
  }

  async print(html: string): Promise<Uint8Array> {
    if (this.active >= this.pages) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      const pending = (this.printer ??= this.launch());
      let p: PdfPrinter;
      try {
        p = await pending;
      } catch (e) {
        if (this.printer === pending) this.printer = undefined; // e.g. chromium installed meanwhile
        throw e;
      }
      try {
        return await p.print(html);
      } catch (e) {
        if (!isFazhiError(e) && this.printer === pending) {
          this.printer = undefined; // the browser crashed or was closed: start a fresh one next time
          void p.close();
        }
        throw e;
      }
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    const p = this.printer;
    this.printer = undefined;
    if (p) await (await p.catch(() => undefined))?.close();
  }
}
