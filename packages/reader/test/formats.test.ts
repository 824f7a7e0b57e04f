// The same township report saved as UTF-8, UTF-8 with BOM, GB18030, UTF-16LE, traditional script,
// a web page, a Word file and a printed PDF gives the same normalised body and the same metadata.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceDocument } from '@fazhi/core';
import { describe, expect, it } from 'vitest';
import { readBuffer, readDocument, viewToOriginal } from '../src/index.js';

const fx = (n: string) => join(import.meta.dirname, 'fixtures', n);
const squash = (s: string) => s.replace(/\s+/g, '');

const FILES = ['report.utf8.txt', 'report.utf8-bom.txt', 'report.gb18030.txt', 'report.utf16le.txt', 'report.traditional.txt', 'report.html', 'report.docx', 'report.doc', 'report.pdf', 'report.header.pdf'];

describe('one report, every format', async () => {
  const base = await readDocument(fx('report.utf8.txt'));

  it('the UTF-8 original reads as expected', () => {
    expect(base.format).toBe('txt');
    expect(base.encoding).toBe('utf-8');
    expect(base.meta.title.value).toBe('白鹭湾镇2024年法治政府建设年度报告');
    expect(base.meta.issuer.value).toBe('白鹭湾镇人民政府');
    expect(base.meta.place.value).toBe('白鹭湾镇');
    expect(base.meta.adminLevel.value).toBe('township');
    expect(base.meta.reportYear.value).toBe(2024);
    expect(base.meta.publishDate.value).toBe('2025-02-16');
    expect(base.meta.script).toBe('simplified');
    // chrome is in the original text but not in the view
    for (const chrome of ['首页 > 政务公开', '字号', '【打印】', '账号+密码登录', '立即注册', '版权所有', 'ICP备', '网站标识码', '浏览次数'])
      expect(base.view, chrome).not.toContain(chrome);
    expect(base.text).toContain('黔ICP备12345678号');
    // the title appears once in the view although the page prints it twice
    expect(base.view.split('白鹭湾镇2024年法治政府建设年度报告').length).toBe(2);
    // half-width digits and punctuation in the view
    expect(base.view).toContain('(一)深入学习贯彻习近平法治思想');
    expect(() => SourceDocument.parse(base)).not.toThrow();
  });

  for (const f of FILES.slice(1)) {
    it(`${f}: same body and metadata as the UTF-8 text`, async () => {
      const doc = await readDocument(fx(f));
      expect(() => SourceDocument.parse(doc)).not.toThrow();
      expect(squash(doc.view)).toBe(squash(base.view));
      const m = doc.meta;
      expect(m.place.value).toBe(base.meta.place.value);
      expect(m.adminLevel.value).toBe(base.meta.adminLevel.value);
      expect(m.reportYear.value).toBe(base.meta.reportYear.value);
      expect(m.publishDate.value).toBe(base.meta.publishDate.value);
      if (f.includes('traditional')) {
        expect(m.script).toBe('traditional');
        expect(m.issuer.value).toBe('白鷺灣鎮人民政府'); // the issuer as the report writes it
      } else {
        expect(m.script).toBe('simplified');
        expect(m.issuer.value).toBe(base.meta.issuer.value);
        expect(m.title.value).toBe(base.meta.title.value);
      }
      // every metadata quote is verbatim at its offsets in the ORIGINAL text
      for (const k of ['title', 'issuer', 'place', 'adminLevel', 'reportYear', 'publishDate'] as const)
        for (const e of m[k].evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.quote);
    });
  }

  it('the view maps back to the original everywhere (e.g. a number in the PDF)', async () => {
    const doc = await readDocument(fx('report.pdf'));
    expect(doc.pages).toEqual(expect.arrayContaining([0]));
    const i = doc.view.indexOf('调解成功率97.5%');
    expect(i).toBeGreaterThan(0); // joined across the line break
    const a = viewToOriginal(doc, i + 5);
    expect(doc.text.slice(a, a + 4)).toBe('97.5');
  });

  it('legacy .doc: paragraphs from word-extractor', async () => {
    const d = await readDocument(fx('report.doc'));
    expect(d.format).toBe('doc');
    expect(d.paragraphs!.length).toBeGreaterThanOrEqual(18);
    expect(d.text.slice(d.paragraphs![0]!, d.paragraphs![1]!)).toContain('白鹭湾镇2024年法治政府建设年度报告');
  });

  it('docx paragraphs and traditional view', async () => {
    const d = await readDocument(fx('report.docx'));
    expect(d.paragraphs?.length).toBe(18); // title, 15 body paragraphs, signer, date
    expect(d.text.slice(d.paragraphs![1]!).startsWith('2024年')).toBe(true);
    const t = await readDocument(fx('report.traditional.txt'));
    expect(t.text).toContain('白鷺灣鎮');
    expect(t.view).toContain('白鹭湾镇');
    expect(t.warnings.map((w) => w.code)).toContain('W_SCRIPT_CONVERTED');
  });

  it('HTML: the original keeps page text (nav, footer) after tag stripping; scripts and styles are gone', async () => {
    const h = await readDocument(fx('report.html'));
    expect(h.text).toContain('互动交流');
    expect(h.text).toContain('版权所有');
    expect(h.text).not.toContain('统计代码');
    expect(h.text).not.toContain('font-family');
    expect(h.view).not.toContain('互动交流');
    expect(h.view).not.toContain('分享到');
  });

  it('PDF: a running header printed on every page stays in the original but not in the view', async () => {
    const d = await readDocument(fx('report.header.pdf'));
    expect(d.pages!.length).toBeGreaterThanOrEqual(3);
    expect(d.text.split('青岚县白鹭湾镇人民政府文件').length - 1).toBe(d.pages!.length);
    expect(d.view).not.toContain('青岚县白鹭湾镇人民政府文件');
    expect(d.warnings.map((w) => w.code)).toContain('W_PDF_RUNNING_HEADER');
  });

  it('HTML: after the article, related-article lists and other page furniture are not in the view', async () => {
    const page = readFileSync(fx('report.html'), 'utf8').replace(
      '<div class="share">',
      '<div class="rel"><p>上一篇：白鹭湾镇召开安全生产工作会议</p><p>下一篇：白鹭湾镇开展防汛演练</p><ul><li>青岚县2024年政府信息公开工作年度报告</li><li>青岚县召开全县法治政府建设推进会</li></ul></div><div class="share">',
    );
    const d = await readBuffer(new TextEncoder().encode(page), 'page.html');
    expect(d.text).toContain('青岚县召开全县法治政府建设推进会');
    expect(d.view).not.toContain('上一篇');
    expect(d.view).not.toContain('推进会');
    expect(d.view).toContain('白鹭湾镇人民政府\n2025年2月16日');
    expect(squash(d.view)).toBe(squash(base.view));
  });

  it('a misleading extension: a PDF named .txt, a .docx named .doc, a web page saved as .txt', async () => {
    const pdf = await readBuffer(readFileSync(fx('report.pdf')), 'report.txt');
    expect(pdf.format).toBe('pdf');
    const doc = await readBuffer(readFileSync(fx('report.docx')), 'report.doc');
    expect(doc.format).toBe('docx');
    const page = await readBuffer(readFileSync(fx('report.html')), 'report.txt');
    expect(page.format).toBe('html');
    for (const d of [pdf, doc, page]) expect(squash(d.view)).toBe(squash(base.view));
  });

  it('readBuffer gives the same document as readDocument', async () => {
    const d = await readBuffer(readFileSync(fx('report.gb18030.txt')), fx('report.gb18030.txt'));
    expect(d.encoding).toBe('gb18030');
    expect(d.view).toBe((await readDocument(fx('report.gb18030.txt'))).view);
  });
});
