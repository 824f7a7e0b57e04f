import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfPrinter, fontFaceCss, renderScorecardHtml } from '../src/index.js';
import { findChromium, noChromiumError } from '../src/pdf.js';
import { chromiumPath, skipBrowser } from './browser.js';
import { fixtureCard, fixtureRubric, fixtureText } from './helpers.js';

function pdfText(pdf: Buffer): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-pdf-test-'));
  const f = join(dir, 'a.pdf');
  writeFileSync(f, pdf);
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [f], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

describe('fonts and browser lookup', () => {
  it('inlines only the subsets the text needs', () => {
    const latin = fontFaceCss('abc 123');
    const cjk = fontFaceCss('清水镇法治政府建设年度报告');
    expect(latin.match(/@font-face/g)?.length ?? 0).toBeLessThan(cjk.match(/@font-face/g)!.length);
    expect(cjk).toContain('data:font/woff2;base64,');
    expect(cjk).not.toMatch(/url\(\.\//);
  });

  it('reports a clear zh-CN error when FAZHI_CHROMIUM points nowhere', () => {
    const env = { FAZHI_CHROMIUM: '/nonexistent/chromium', PATH: '' };
    expect(findChromium(env)).toBeUndefined();
    const e = noChromiumError(env);
    expect(e.code).toBe('E_NO_CHROMIUM');
    expect(e.message).toContain('apt-get install chromium');
    expect(e.message).toContain('FAZHI_CHROMIUM');
  });
});

describe.skipIf(skipBrowser)('PDF printing (Chromium)', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await new PdfPrinter(chromiumPath).open();
  }, 60000);
  afterAll(async () => {
    await printer?.close();
  });

  it('prints the canonical scorecard on A4 with extractable Chinese text', async () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText() });
    const { text, pages } = pdfText(await printer.print(html));
    expect(text).toContain('清水镇');
    expect(text).toContain('成功调解162件');
    // 13 indicators with evidence, flags and 23 lines of text: several A4 pages, not one long strip
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(7);
  });

  it('a short scorecard without report text fits on one page', async () => {
    const card = fixtureCard();
    card.indicators = card.indicators.slice(0, 1);
    card.missing = [];
    card.flags = [];
    card.review = [];
    const html = renderScorecardHtml(card, fixtureRubric(), {});
    const { text, pages } = pdfText(await printer.print(html));
    expect(pages).toBe(1);
    expect(text).toContain('清水镇');
  });
});
