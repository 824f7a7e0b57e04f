// Property tests: the offset map round-trips, and no input makes the reader throw anything but a FazhiError.
import fc from 'fast-check';
import { FazhiError } from '@fazhi/core';
import { describe, expect, it } from 'vitest';
import { foldChar } from '../src/chars.js';
import { TRAD_CHARS } from '../src/trad-chars.js';
import { originalToView, readBuffer, viewToOriginal } from '../src/index.js';

const PIECES = [
  '法治政府建设', '年度报告', '白鹭湾镇', '2024年', '２０２４年', '，', '。', '：', '（一）', '一、', '\n', '\r\n', '\r', ' ', '\u3000', '\u00A0', '\u200B', '\uFEFF',
  '鄉鎮', '縣區', '發布時間：2025-03-01', '首页 > 政务公开', '版权所有', '[bookmark: _GoBack]', '账号+密码登录', '𠮷', '⻰', '⼩', 'ABC', 'ａｂｃ', '\t', '僤',
  '发布日期：2025-02-10', '二〇二四年三月十二日', '2020312', '人民政府', '调解纠纷120件', '«', '\u2028',
];
const textArb = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 60 }).map((a) => a.join(''));

describe('offset map', () => {
  it('every view character comes from the original character viewToOriginal points at', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        if (!/\S/.test(text)) return;
        let doc;
        try {
          doc = await readBuffer(new TextEncoder().encode(text), 'p.txt');
        } catch (e) {
          expect(e).toBeInstanceOf(FazhiError);
          return;
        }
        // TextEncoder writes lone surrogates as U+FFFD, so compare with what was decoded.
        const orig = doc.text;
        let covered = 0;
        let lastV = -1;
        let lastO = -1;
        for (const [v, o, len] of doc.offsets) {
          expect(v).toBeGreaterThan(lastV);
          expect(o).toBeGreaterThan(lastO);
          expect(len).toBeGreaterThan(0);
          lastV = v + len - 1;
          lastO = o + len - 1;
          covered += len;
        }
        expect(covered).toBe(doc.view.length);
        for (let i = 0; i < doc.view.length; i++) {
          const o = viewToOriginal(doc, i);
          expect(originalToView(doc, o)).toBe(i);
          const oc = orig[o]!;
          const vc = doc.view[i]!;
          if (vc !== oc) {
            const folded = foldChar(oc);
            // an astral ideograph converted to another astral one: surrogate for surrogate
            const sur = (c: string) => c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff;
            if (sur(vc) && sur(oc) && (vc.charCodeAt(0) < 0xdc00) === (oc.charCodeAt(0) < 0xdc00)) continue;
            // a one-for-one fold, or a traditional → simplified conversion (phrase-dependent)
            expect(folded === vc || TRAD_CHARS.includes(folded) || /[\u3400-\u9fff\uf900-\ufaff]/.test(folded), `view[${i}]=${vc} orig[${o}]=${oc}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('random bytes', () => {
  for (const name of ['r.txt', 'r.html', 'r.docx', 'r.pdf', 'r.doc']) {
    it(`never throw anything but a FazhiError (${name})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
          try {
            const d = await readBuffer(bytes, name);
            for (const f of ['title', 'issuer', 'place', 'reportYear', 'publishDate'] as const)
              for (const e of d.meta[f].evidence) expect(d.text.slice(e.start, e.end)).toBe(e.quote);
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(FazhiError);
          }
        }),
        { numRuns: name === 'r.txt' || name === 'r.html' ? 200 : 40 },
      );
    });
  }
});
