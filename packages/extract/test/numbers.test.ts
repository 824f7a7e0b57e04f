import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseNumber, scanNumbers } from '../src/numbers.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['十', 10], ['十二', 12], ['二十', 20], ['一百零五', 105], ['三百五', 350], ['两万', 20000], ['兩萬', 20000],
    ['一万二', 12000], ['一万二千三百', 12300], ['二〇二四', 2024], ['二零二五', 2025], ['九', 9], ['两', 2],
    ['一亿二千万', 120000000], ['十万', 100000], ['一千零一', 1001],
  ])('%s → %d', (s, v) => expect(parseChineseNumeral(s)).toBe(v));
  it('rejects non-numerals', () => expect(parseChineseNumeral('法治')).toBeNull());
});

describe('parseNumber', () => {
  it.each([
    ['165件', 165, false, false, '件'],
    ['1.2万件', 12000, false, false, '件'],
    ['2万余件', 20000, true, false, '件'],
    ['27.5万余人次', 275000, true, false, '人次'],
    ['近2万件次', 20000, true, false, '件次'],
    ['150余起', 150, true, false, '起'],
    ['约300份', 300, true, false, '份'],
    ['超过500场', 500, true, false, '场'],
    ['98%', 98, false, true, null],
    ['98.5%', 98.5, false, true, null],
    ['百分之九十八', 98, false, true, null],
    ['百分之九十八点五', 98.5, false, true, null],
    ['90%以上', 90, true, true, null],
    ['九个村', 9, false, false, '个村'],
    ['两万余件', 20000, true, false, '件'],
    ['29 757件', 29757, false, false, '件'],
    ['1494万', 14940000, false, false, null],
  ])('%s', (s, value, approximate, percent, unit) => {
    expect(parseNumber(s)).toEqual({ value, approximate, percent, unit });
  });
});

describe('scanNumbers', () => {
  it('skips words that are not counts', () => {
    const toks = scanNumbers('一是加强统一领导，推进一体化，十四五规划');
    expect(toks).toEqual([]);
  });
  it('keeps offsets inside the string', () => {
    const s = '全年排查矛盾纠纷165件，成功调解162件，调解成功率98%。';
    for (const t of scanNumbers(s)) expect(t.start).toBeGreaterThanOrEqual(0), expect(t.end).toBeLessThanOrEqual(s.length);
    expect(scanNumbers(s).map((t) => t.value)).toEqual([165, 162, 98]);
  });
});
