import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { C_CJK, C_DELETE, C_FOLD, C_JUNK, C_TRAD, DELETE_RE, FOLD_RE, charClasses, foldAndCount, foldChar, foldUnit, scriptCounts } from '../src/chars.js';
import { isTrimSpace, looksHardWrapped } from '../src/layout.js';

// The one-pass tables must say exactly what the regexes and helpers they replace say, for every code unit.
describe('character class tables', () => {
  const del = new RegExp(DELETE_RE.source);
  const fold = new RegExp(FOLD_RE.source);
  const junkRe = /[\x00-\x08\x0B\x0E-\x1F\x7F-\x9F\uFFFD\uE000-\uF8FF]/; // decode.ts JUNK_RE
  it('agree with DELETE_RE, FOLD_RE, foldChar, scriptCounts and the junk class on all 65,536 code units', () => {
    const { cls, fold: folded } = charClasses();
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const k = cls[c]!;
      const sc = scriptCounts(ch);
      const ok =
        !!(k & C_DELETE) === del.test(ch) &&
        !!(k & C_FOLD) === fold.test(ch) &&
        !!(k & C_CJK) === (sc.cjk === 1) &&
        !!(k & C_TRAD) === (sc.trad === 1) &&
        !!(k & C_JUNK) === junkRe.test(ch) &&
        (!(k & C_FOLD) || String.fromCharCode(foldUnit(folded, c)) === foldChar(ch));
      if (!ok) bad.push(c);
    }
    expect(bad).toEqual([]);
  });

  it('isTrimSpace agrees with String.prototype.trim on all code units', () => {
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isTrimSpace(c) !== (String.fromCharCode(c).trim() === '')) bad.push(c);
    expect(bad).toEqual([]);
  });
});

describe('foldAndCount', () => {
  const samples = [
    '',
    '２０２４年，我镇坚持依法行政。\u3000全年办理案件１２件（其中行政处罚８件）！',
    '⺠法典宣传⼀次，豈有此理\uF900並無',
    '本縣堅持法治政府建設，推進依法行政。',
    'CRLF\r\nlone\rCR and \u200Bzero\u00A0width\uFEFF',
    'astral 𠀀 and a lone \uD800 surrogate ＡＢＣ',
  ];
  it.each(samples)('equals replace(FOLD_RE, foldChar) + scriptCounts: %j', (s) => {
    const r = foldAndCount(s);
    const expected = s.replace(new RegExp(FOLD_RE.source, 'g'), foldChar);
    expect(r.text).toBe(expected);
    expect({ trad: r.trad, cjk: r.cjk }).toEqual(scriptCounts(expected));
    expect(r.deletes).toBe(new RegExp(DELETE_RE.source).test(s));
  });
});

describe('looksHardWrapped line scan', () => {
  it('treats a last line without a newline and blank next lines like split/trim', () => {
    const row = '我镇全面推进严格规范公正文明执法工作落实行政执'; // 24 characters, no sentence end
    const wrapped = Array.from({ length: 10 }, () => row).join('\n');
    expect(looksHardWrapped(wrapped)).toBe(true);
    // Each line followed by a line of only white space (ideographic space, CR): paragraphs, not wrapping.
    expect(looksHardWrapped(Array.from({ length: 10 }, () => row).join('\n\u3000\r\n'))).toBe(false);
    expect(looksHardWrapped(`${row}。\n`.repeat(10))).toBe(false);
  });
});

describe('decodeBytes with fold', () => {
  it('computes exactly foldAndCount of the decoded text (any UTF-8 text)', async () => {
    const { decodeBytes } = await import('../src/decode.js');
    const pieces = ['\uFEFF法治', '法治政府建設，', '２０２４年：', '\u3000', '\r\n', '\r', '\u200B', '\u00A0', '𠮷', '⻰⼩', '豈\uF900', 'ABC', '\t', '（一）', '\uFEFF'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 5 })), { minLength: 1, maxLength: 40 }), async (parts) => {
        const bytes = new TextEncoder().encode(parts.join(''));
        let d;
        try {
          d = await decodeBytes(bytes, 'x.txt', undefined, { fold: true });
        } catch {
          return; // binary-looking input: refused the same way with or without fold (checked below)
        }
        // Computed on the UTF-8 paths (not after a doubled BOM, which TextDecoder reads); when given, exact.
        if (d.encoding === 'utf-8') expect(d.folded).toBeDefined();
        if (d.folded) expect(d.folded).toEqual(foldAndCount(d.text));
        expect((await decodeBytes(bytes, 'x.txt')).text).toBe(d.text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeBytes after a UTF-8 BOM', () => {
  it('gives what TextDecoder gives, a doubled BOM and invalid bytes included', async () => {
    const { decodeBytes } = await import('../src/decode.js');
    const bom = [0xef, 0xbb, 0xbf];
    const body = [...new TextEncoder().encode('法治政府建设，２０２４年\r\n')];
    for (const bytes of [[...bom, ...body], [...bom, ...bom, ...body], [...bom, ...body, 0xff, 0xfe], [...bom]]) {
      const u8 = Uint8Array.from(bytes);
      const d = await decodeBytes(u8, 'x.txt', undefined, { fold: true });
      expect(d.text).toBe(new TextDecoder('utf-8').decode(u8.subarray(3)));
      expect(d.encoding).toBe('utf-8-bom');
      expect((await decodeBytes(u8, 'x.txt')).text).toBe(d.text);
    }
  });
});

describe('decodeBytes junk check', () => {
  it('refuses UTF-8 text full of control characters (DEL, C0, C1, private use) with or without fold', async () => {
    const { decodeBytes } = await import('../src/decode.js');
    for (const junk of ['\x7f', '\x01', '\x85', '\uE000']) {
      const bytes = new TextEncoder().encode(`法治政府建设${junk.repeat(20)}年度报告`);
      await expect(decodeBytes(bytes, 'x.txt', undefined, { fold: true })).rejects.toMatchObject({ code: 'E_BINARY' });
      await expect(decodeBytes(bytes, 'x.txt')).rejects.toMatchObject({ code: 'E_BINARY' });
    }
    // Tabs, form feeds and line ends are not junk.
    const ok = new TextEncoder().encode('法治政府建设\t年度\f报告\r\n'.repeat(5));
    expect((await decodeBytes(ok, 'x.txt', undefined, { fold: true })).encoding).toBe('utf-8');
  });
});

describe('UTF-8 decoding', () => {
  it('gives exactly what a strict TextDecoder gives for valid UTF-8 (noncharacters, BOM inside, astral)', async () => {
    const { decodeBytes } = await import('../src/decode.js');
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const samples = ['法治\uFFFE\uFFFF政府', '年度\uFEFF报告', '𠮷\u{10FFFF}\u{1F600}', 'ascii only\n', '\u00A9\u07FF\u0800', '２０２４年，（一）'];
    for (const s of samples) {
      const bytes = new TextEncoder().encode(`${s}法治政府建设年度报告`);
      for (const opts of [{}, { fold: true }]) {
        const d = await decodeBytes(bytes, 'x.txt', undefined, opts);
        expect(d.text).toBe(strict.decode(bytes));
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (s) => {
        const bytes = new TextEncoder().encode(`报告${s}`);
        let d;
        try {
          d = await decodeBytes(bytes, 'x.txt', undefined, { fold: true });
        } catch {
          return;
        }
        expect(d.text).toBe(strict.decode(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
