import { describe, expect, it } from 'vitest';
import { lineAt, originalToView, readBuffer, viewToOriginal } from '../src/index.js';

const enc = new TextEncoder();

describe('txt reading', () => {
  it('keeps the original text, folds the view, and maps offsets back', async () => {
    const text = '首页 > 政务公开 > 法治政府\r\n青石镇２０２４年法治政府建设情况报告\r\n\u00A0\u00A02024年，青石镇坚持以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下：\r\n一、主要举措和成效\r\n全年调解纠纷１２０件。\r\n青石镇人民政府\r\n2025年3月12日\r\n版权所有：青石镇人民政府 蜀ICP备12345678号\r\n';
    const doc = await readBuffer(enc.encode(text), 'a.txt');
    expect(doc.text).toBe(text);
    expect(doc.view).not.toContain('首页');
    expect(doc.view).not.toContain('ICP');
    expect(doc.view).toContain('青石镇2024年法治政府建设情况报告');
    expect(doc.view).toContain('调解纠纷120件');
    const i = doc.view.indexOf('120');
    const o = viewToOriginal(doc, i);
    expect(text.slice(o, o + 3)).toBe('１２０');
    expect(originalToView(doc, o)).toBe(i);
    expect(lineAt(text, o)).toBe(5);
    expect(doc.meta.place.value).toBe('青石镇');
    expect(doc.meta.adminLevel.value).toBe('township');
    expect(doc.meta.reportYear.value).toBe(2024);
    expect(doc.meta.publishDate.value).toBe('2025-03-12');
    expect(doc.meta.issuer.value).toBe('青石镇人民政府');
    for (const f of ['title', 'issuer', 'place', 'reportYear', 'publishDate'] as const) {
      for (const e of doc.meta[f].evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });
});
