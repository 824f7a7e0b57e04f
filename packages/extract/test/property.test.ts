import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// Random and mutated report text never throws and every quote is verbatim at its offsets
// (the helper re-checks text.slice(start, end) === quote for every evidence).
const PIECES = [
  '一、主要举措和成效\n', '（一）', '二、存在的不足和原因\n', '三、下一步工作打算\n', '、党政主要负责人履行第一责任人职责情况\n',
  '排查矛盾纠纷165件，', '成功调解162件，', '调解成功率98%。', '调处率98.8%', '述法', '述职述法', '法律顾问', '全覆盖', '均聘请',
  '26个村(社区)', '九个村', '合法性审查52件', '三项制度', '行政执法公示', '全过程记录', '法制审核', '将', '拟', '未', '下一步',
  '2万余件', '近三年', '2024年', '。', '，', '\n', ' ', '《', '》', '“', '”', '百分之九十八', '两万', '〇', '(', ')', '\u3000', '𠀀',
];

describe('property: robustness and verbatim evidence', () => {
  it('never throws on random report-like text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
        const fs = run(parts.join(''));
        expect(fs.schemaVersion).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
  it('never throws on arbitrary unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => { run(s); }), { numRuns: 200 });
  });
});

describe('property: evidence through a non-identity offset map', () => {
  // The view drops zero-width characters and folds full-width digits; runs map it back.
  const build = (text: string) => {
    let view = '';
    const runs: [number, number, number][] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\u200b') continue;
      const c = ch.charCodeAt(0);
      const out = c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xfee0) : ch;
      const last = runs[runs.length - 1];
      if (last && last[0] + last[2] === view.length && last[1] + last[2] === i) last[2]++;
      else runs.push([view.length, i, 1]);
      view += out;
    }
    return { view, runs };
  };
  it('quotes are verbatim slices of the original text', async () => {
    const { documentFromText, extractFacts } = await import('../src/index.js');
    const { extractor } = await import('./helpers.js');
    const PARTS = ['排查矛盾纠纷', '１６５件，', '成功调解', '１６２件，', '调解成功率９８%。', '\u200b', '述法', '法律顾问', '２６个村(社区)均聘请', '合法性审查５２件。', '\n', '一、主要举措和成效\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { view, runs } = build(text);
        const doc = documentFromText(text, 'p.txt', { view });
        doc.offsets = runs;
        const fs = extractFacts(doc, extractor());
        for (const f of Object.values(fs.facts)) for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
        for (const s of fs.sections) expect(text.slice(s.start, s.end)).toBe(s.heading);
      }),
      { numRuns: 200 },
    );
  });
});
