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
