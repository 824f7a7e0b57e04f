// Every bad-input kind gives a FazhiError with a stable code and a message that names the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { FazhiError } from '@fazhi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readBuffer, readDocument } from '../src/index.js';

const fx = (n: string) => join(import.meta.dirname, 'fixtures', n);
const dir = mkdtempSync(join(tmpdir(), 'fazhi-reader-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fails(p: Promise<unknown>): Promise<FazhiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FazhiError);
    return e as FazhiError;
  }
  throw new Error('expected a FazhiError');
}

async function zipOf(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [k, v] of Object.entries(files)) z.file(k, v);
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('bad input', () => {
  it('E_EMPTY_FILE: zero bytes, and text with nothing but whitespace', async () => {
    let e = await fails(readBuffer(new Uint8Array(0), '空报告.txt'));
    expect(e.code).toBe('E_EMPTY_FILE');
    expect(e.message).toContain('空报告.txt');
    expect(e.message).toMatch(/文件为空/);
    e = await fails(readBuffer(new TextEncoder().encode(' \n\u3000\n'), 'blank.txt'));
    expect(e.code).toBe('E_EMPTY_FILE');
    const p = join(dir, 'zero.txt');
    writeFileSync(p, '');
    e = await fails(readDocument(p));
    expect(e.code).toBe('E_EMPTY_FILE');
    expect(e.file).toBe(p);
  });

  it('E_BINARY: an image saved as .txt', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0x11)]);
    const e = await fails(readBuffer(png, 'photo.txt'));
    expect(e.code).toBe('E_BINARY');
    expect(e.message).toContain('photo.txt');
    expect(e.message).toMatch(/二进制/);
  });

  it('E_UNSUPPORTED_FORMAT: unknown or missing extension', async () => {
    let e = await fails(readBuffer(new TextEncoder().encode('x'), 'scores.xlsx'));
    expect(e.code).toBe('E_UNSUPPORTED_FORMAT');
    expect(e.message).toContain('scores.xlsx');
    expect(e.message).toContain('.xlsx');
    e = await fails(readDocument(join(dir, 'README')));
    expect(e.code).toBe('E_UNSUPPORTED_FORMAT');
    expect(e.message).toMatch(/支持 \.txt/);
  });

  it('E_DOCX_CORRUPT: not a zip, or a zip without word/document.xml', async () => {
    let e = await fails(readBuffer(new TextEncoder().encode('PK\u0003\u0004 this is not really a zip'), 'broken.docx'));
    expect(e.code).toBe('E_DOCX_CORRUPT');
    expect(e.message).toContain('broken.docx');
    e = await fails(readBuffer(await zipOf({ '[Content_Types].xml': '<Types/>' }), 'nodoc.docx'));
    expect(e.code).toBe('E_DOCX_CORRUPT');
    expect(e.message).toContain('word/document.xml');
  });

  it('E_DOCX_TOO_LARGE: a small .docx that inflates past the bound (zip bomb) is refused before parsing', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024); // 8 MB of zeros deflates to a few KB
    const bomb = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/media/pad.bin': zeros });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const e = await fails(readBuffer(bomb, 'bomb.docx', { maxInflatedBytes: 4 * 1024 * 1024 }));
    expect(e.code).toBe('E_DOCX_TOO_LARGE');
    expect(e.message).toContain('bomb.docx');
    expect(e.message).toMatch(/压缩炸弹/);
  });

  it('E_DOC_CORRUPT: a legacy .doc that is not one', async () => {
    const e = await fails(readBuffer(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0x20)]), 'old.doc'));
    expect(e.code).toBe('E_DOC_CORRUPT');
    expect(e.message).toContain('old.doc');
  });

  it('E_PDF_ENCRYPTED: a password-protected PDF', async () => {
    const e = await fails(readDocument(fx('encrypted.pdf')));
    expect(e.code).toBe('E_PDF_ENCRYPTED');
    expect(e.message).toContain('encrypted.pdf');
    expect(e.message).toMatch(/加密/);
  });

  it('E_PDF_NO_TEXT: a scan with no text layer', async () => {
    const e = await fails(readDocument(fx('scan.pdf')));
    expect(e.code).toBe('E_PDF_NO_TEXT');
    expect(e.message).toContain('scan.pdf');
    expect(e.message).toMatch(/OCR/);
  });

  it('E_PDF_CORRUPT: a truncated PDF', async () => {
    const good = readFileSync(fx('report.pdf'));
    const e = await fails(readBuffer(good.subarray(0, 400), 'cut.pdf'));
    expect(e.code).toBe('E_PDF_CORRUPT');
    expect(e.message).toContain('cut.pdf');
  });

  it('E_ENCODING: bytes that are no known Chinese encoding', async () => {
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i % 3 === 2 ? 0x80 : 0xff));
    const e = await fails(readBuffer(bytes, 'garbled.txt'));
    expect(e.code).toBe('E_ENCODING');
    expect(e.message).toContain('garbled.txt');
    expect(e.message).toMatch(/UTF-8/);
  });

  it('E_FILE_TOO_LARGE: checked with stat before reading, limit configurable', async () => {
    const p = join(dir, 'big.txt');
    writeFileSync(p, '法治政府建设'.repeat(2000));
    const e = await fails(readDocument(p, { maxBytes: 10_000 }));
    expect(e.code).toBe('E_FILE_TOO_LARGE');
    expect(e.message).toContain('big.txt');
    expect(e.message).toMatch(/maxBytes/);
    const e2 = await fails(readBuffer(new Uint8Array(20_001).fill(0x41), 'big2.txt', { maxBytes: 20_000 }));
    expect(e2.code).toBe('E_FILE_TOO_LARGE');
    await expect(readDocument(p)).resolves.toBeTruthy(); // the default limit (20 MB) lets it through
  });

  it('E_READ_FAILED: a missing file', async () => {
    const e = await fails(readDocument(join(dir, 'missing.txt')));
    expect(e.code).toBe('E_READ_FAILED');
    expect(e.message).toContain('missing.txt');
  });
});
