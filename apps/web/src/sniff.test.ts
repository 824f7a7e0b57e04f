import { describe, expect, it } from 'vitest';
import { readerFileName, sniff, zipEntries } from './sniff.js';
import { makeDocx, makeZipBomb } from './test-support/make-docx.js';

const L = { maxInflatedBytes: 1024 * 1024, maxZipEntries: 100 };
const enc = (s: string) => new TextEncoder().encode(s);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'none';
};

describe('sniff: the format comes from the content', () => {
  it('recognises each accepted format whatever the name says', async () => {
    expect(sniff(enc('%PDF-1.4\n...\n%%EOF\n'), L, 'a.txt')).toBe('pdf');
    expect(sniff(await makeDocx('报告'), L, 'a.pdf')).toBe('docx');
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), L, 'a.txt')).toBe('doc');
    expect(sniff(enc('<!DOCTYPE html><html><body>报告</body></html>'), L, 'a.txt')).toBe('html');
    expect(sniff(enc('\ufeff  <p>一、主要举措</p>'), L)).toBe('html');
    expect(sniff(enc('青石镇2025年法治政府建设情况报告\n一、主要举措和成效'), L, 'a.html')).toBe('txt');
    // GB18030 text is text
    const gbk = new Uint8Array([0xb7, 0xa8, 0xd6, 0xce, 0xd5, 0xfe, 0xb8, 0xae, 0xbd, 0xa8, 0xc9, 0xe8]); // 法治政府建设
    expect(sniff(gbk, L)).toBe('txt');
    // UTF-16 with BOM is text, although it holds NUL bytes
    const u16 = new Uint8Array([0xff, 0xfe, ...Array.from('法治报告').flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])]);
    expect(sniff(u16, L)).toBe('txt');
  });

  it('refuses what is not a report with a precise code', async () => {
    expect(code(() => sniff(new Uint8Array(0), L))).toBe('E_EMPTY_FILE');
    expect(code(() => sniff(enc(' \n\u3000\n'), L))).toBe('E_EMPTY_FILE');
    expect(code(() => sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), L))).toBe('E_UNSUPPORTED_FORMAT');
    expect(code(() => sniff(new Uint8Array([0x4d, 0x5a, 0x90, 0]), L))).toBe('E_UNSUPPORTED_FORMAT');
    expect(code(() => sniff(enc('%PDF-1.7\n1 0 obj'), L))).toBe('E_PDF_CORRUPT');
    expect(code(() => sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), L))).toBe('E_DOCX_CORRUPT');
    expect(code(() => sniff(new Uint8Array([0x41, 0, 0x42, 0, 0x43]), L))).toBe('E_BINARY');
    expect(code(() => sniff(enc('abc\x01\x02\x03\x04\x05\x06\x07\x08'), L))).toBe('E_BINARY');
  });

  it('bounds the declared inflation of a .docx (zip bomb)', async () => {
    const bomb = await makeZipBomb(3 * 1024 * 1024);
    const entries = zipEntries(bomb)!;
    expect(entries.find((e) => e.name === 'word/document.xml')!.uncompressedSize).toBeGreaterThan(3 * 1024 * 1024);
    expect(code(() => sniff(bomb, L))).toBe('E_DOCX_TOO_LARGE');
  });

  it('gives the reader a name with the extension the content decided', () => {
    expect(readerFileName('C:\\Users\\x\\青石镇报告.doc', 'docx')).toBe('青石镇报告.docx');
    expect(readerFileName(undefined, 'txt')).toBe('report.txt');
    expect(readerFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
  });
});
