import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyNormalisation, fnv1a, lowerBound, normaliseForCopy, shingleHashes } from './text-hash.js';

// The definition the fast path must keep: Unicode property classes, digits folded.
const reference = (s: string, fold = true) => {
  const t = s.replace(/[\s\p{P}\p{S}]/gu, '');
  return fold ? t.replace(/[0-9０-９]/g, '0') : t;
};

describe('normaliseForCopy', () => {
  it('drops spaces, punctuation and symbols, folds digits', () => {
    expect(normaliseForCopy('（一）全年办理１２件、共 34 次！★😀')).toBe('一全年办理00件共00次');
    expect(normaliseForCopy('全年办理１２件', false)).toBe('全年办理１２件');
    expect(normaliseForCopy('法治政府')).toBe('法治政府');
  });
  it('equals the regex definition on any text (astral characters and lone surrogates included)', () => {
    const alphabet = fc.constantFrom(...'法治政府建设年度报告一二三，。、；：“”（）《》【】 \n\t　12３４+×%～★😀\ud800\udc00', '\ud83d', '\ude00');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.boolean(), (chars, fold) => {
        const s = chars.join('');
        expect(normaliseForCopy(s, fold)).toBe(reference(s, fold));
      }),
      { numRuns: 400 },
    );
  });
});

describe('copyNormalisation', () => {
  it('is normaliseForCopy of the whole text, and of every span through `before`', () => {
    const alphabet = fc.constantFrom(...'法治政府，。、 \n12３+★😀'.split(''), '😀', '\ud83d');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        const { norm, before } = copyNormalisation(s);
        expect(norm).toBe(normaliseForCopy(s));
        expect(before.length).toBe(s.length + 1);
        const cuts = (i: number) => i > 0 && i < s.length && /[\ud800-\udbff]/.test(s[i - 1]!) && /[\udc00-\udfff]/.test(s[i]!);
        for (let a = 0; a <= s.length; a++) {
          for (let b = a; b <= s.length; b++) {
            if (cuts(a) || cuts(b)) continue;
            expect(norm.slice(before[a], before[b])).toBe(normaliseForCopy(s.slice(a, b)));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('shingleHashes', () => {
  it('are sorted, distinct, and a function of each k-character window alone', () => {
    const norm = '法治政府建设法治政府建设';
    const all = shingleHashes(norm, 4, 0);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(6); // the second half repeats the first
    // Each window hashes the same wherever it stands (what makes two texts share shingles).
    for (let i = 0; i + 4 <= norm.length; i++) expect(all).toContain(shingleHashes(norm.slice(i, i + 4), 4, 0)[0]);
    expect(shingleHashes('短', 4, 0)).toEqual([]);
    expect(shingleHashes('一二三四', 4, 0).length).toBe(1);
  });
  it('keep one shingle in 2^sampleBits, chosen by hash, so shared passages keep the same ones', () => {
    const norm = '法治政府建设年度报告全面推行行政执法三项制度规范执法行为调解矛盾纠纷一百二十件成功率百分之九十八'.repeat(3);
    const all = shingleHashes(norm, 8, 0);
    const sampled = shingleHashes(norm, 8, 2);
    expect(sampled).toEqual(all.filter((h) => h < 2 ** 30));
    expect(sampled.length / all.length).toBeGreaterThan(0.1);
    expect(sampled.length).toBeLessThan(all.length);
    expect(shingleHashes(norm.slice(5, 40), 8, 2).every((h) => sampled.includes(h))).toBe(true);
  });
  it('fnv1a over a range equals fnv1a of the slice', () => {
    expect(fnv1a('abcdef', 1, 4)).toBe(fnv1a('bcd'));
    expect(fnv1a('')).toBe(0x811c9dc5);
  });
});

describe('lowerBound', () => {
  it('is the first index whose value is at least x', () => {
    const a = [1, 3, 3, 7];
    expect([0, 1, 2, 3, 4, 7, 8].map((x) => lowerBound(a, x))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(lowerBound(new Int32Array(0), 5)).toBe(0);
  });
});
