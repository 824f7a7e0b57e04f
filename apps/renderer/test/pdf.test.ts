import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfPrinter, fontFaceCss, renderPdf, renderScorecardHtml } from '../src/index.js';
import { findChromium, noChromiumError } from '../src/pdf.js';
import { chromiumPath, skipBrowser } from './browser.js';
import { fixtureCard, fixtureRubric, fixtureText } from './helpers.js';

function pdfText(pdf: Buffer): { text: string; pages: number; fonts: { name: string; type: string }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-pdf-test-'));
  const f = join(dir, 'a.pdf');
  writeFileSync(f, pdf);
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [f], { encoding: 'utf8' });
  // pdffonts: two header lines, then "NAME TYPE… ENCODING EMB SUB UNI ID GEN"
  const fonts = execFileSync('pdffonts', [f], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const [name = '', ...rest] = l.trim().split(/\s+/);
      return { name: name.replace(/^[A-Z]{6}\+/, ''), type: rest.slice(0, 2).join(' ') };
    });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), fonts };
}

/** A small self-contained page in the scorecard's style (CSP meta, @page margins). */
function page(body: string, head = ''): string {
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'none'">` +
    '<style>@page{size:A4;margin:14mm 12mm 16mm}body{font-family:"Noto Sans SC",sans-serif}</style>' +
    `${head}</head><body>${body}</body></html>`
  );
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
    const { text, pages, fonts } = pdfText(await printer.print(html));
    expect(text).toContain('清水镇');
    expect(text).toContain('成功调解162件');
    // the CJK glyphs come from the embedded Noto Sans SC webfont subsets, never a system CJK font
    const cjk = fonts.filter((f) => /CJK|Noto/i.test(f.name));
    expect(cjk.length).toBeGreaterThan(0);
    for (const f of cjk) expect(f.name).toMatch(/^NotoSansSC/);
    expect(fonts.filter((f) => f.type.startsWith('Type 3'))).toEqual([]);
    // page numbers "n / N" in the footer of every page
    for (let n = 1; n <= pages; n++) expect(text).toMatch(new RegExp(`\\b${n} ?/ ?${pages}\\b`));
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

  it('reuses its page: each PDF has only its own text, and characters first needed later still get the webfont', async () => {
    const a = pdfText(await printer.print(page('<h1>柳溪镇法治政府建设年度报告</h1><p>全年开展合法性审查52件。</p>')));
    // traditional and rare characters live in other unicode-range subsets than the first page's
    const b = pdfText(await printer.print(page('<h1>龍門鄉法治政府建設年度報告</h1><p>鬱鑫燚犇，審查覈實。</p>')));
    expect(a.text).toContain('柳溪镇');
    expect(b.text).toContain('龍門鄉');
    expect(b.text).toContain('鬱鑫燚犇');
    expect(b.text).not.toContain('柳溪镇');
    for (const f of b.fonts.filter((x) => /CJK|Noto/i.test(x.name))) expect(f.name).toMatch(/^NotoSansSC/);
    expect(b.fonts.filter((f) => f.type.startsWith('Type 3'))).toEqual([]);
  });

  it('runs no script of the page and leaves no page number when asked not to', async () => {
    const html = page(
      '<p id="t">静态内容</p><script>document.body.append("脚本执行了")</script><img src="x" onerror="document.body.append(\'事件执行了\')">',
    );
    const { text } = pdfText(await printer.print(html, { pageNumbers: false }));
    expect(text).toContain('静态内容');
    expect(text).not.toContain('脚本执行了');
    expect(text).not.toContain('事件执行了');
    expect(text).not.toMatch(/1 ?\/ ?1/);
  });

  it('sends no request anywhere, even for resources the page names', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = page(
        `<p>外部资源</p><img src="${base}/img.png"><iframe src="${base}/frame"></iframe>`,
        `<link rel="stylesheet" href="${base}/a.css"><style>@font-face{font-family:X;src:url(${base}/f.woff2)}p{font-family:X,"Noto Sans SC"}</style>`,
      );
      const { text } = pdfText(await printer.print(html));
      expect(text).toContain('外部资源');
      await new Promise((r) => setTimeout(r, 100));
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe.skipIf(skipBrowser)('PDF printing in parallel (Chromium)', () => {
  it('concurrent print() calls each get their own document', async () => {
    const printer = await new PdfPrinter(chromiumPath, { maxPages: 2 }).open();
    try {
      const places = ['青石镇', '白沙镇', '龙门街道', '柳溪镇', '云岭县'];
      const pdfs = await Promise.all(places.map((p) => printer.print(page(`<h1>${p}评分卡</h1>`))));
      pdfs.forEach((pdf, i) => {
        const { text } = pdfText(pdf);
        expect(text).toContain(`${places[i]}评分卡`);
        for (const other of places.filter((_, j) => j !== i)) expect(text).not.toContain(`${other}评分卡`);
      });
      // renderPdf prints on both pages too and keeps the input order
      const again = await renderPdf(places.map((p) => page(`<h1>${p}汇总</h1>`)), printer);
      expect(again.map((pdf) => places.find((p) => pdfText(pdf).text.includes(`${p}汇总`)))).toEqual(places);
    } finally {
      await printer.close();
    }
  }, 60000);
});
