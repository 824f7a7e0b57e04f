import { inflateRawSync } from 'node:zlib';
import { WebError } from './errors.js';

/** Formats the reader accepts, decided from the bytes (never from the file name). */
export type SniffedFormat = 'pdf' | 'docx' | 'doc' | 'html' | 'txt';

export interface SniffLimits {
  /** Largest total a .docx may inflate to, as its zip directory declares (the reader checks the real inflation too). */
  maxInflatedBytes: number;
  /** Most entries a .docx zip may hold. */
  maxZipEntries: number;
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflate. */
  method: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => {
  let s = '';
  for (let i = Math.max(0, from); i < Math.min(b.length, to); i++) s += String.fromCharCode(b[i]!);
  return s;
};

/**
 * Reads a zip's central directory (no inflation). Returns null when there is no end-of-central-
 * directory record. Sizes of 0xFFFFFFFF (zip64) are reported as NaN: the reader's real check decides.
 */
export function zipEntries(b: Uint8Array): ZipEntry[] | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // EOCD: signature 0x06054b50, 22 bytes + comment (≤ 65535).
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  let p = dv.getUint32(eocd + 16, true);
  if (p === 0xffffffff || p + cdSize > b.length) return null;
  const out: ZipEntry[] = [];
  const dec = new TextDecoder('utf-8');
  for (let n = 0; n < count && p + 46 <= b.length; n++) {
    if (dv.getUint32(p, true) !== 0x02014b50) return null;
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const usize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const localOffset = dv.getUint32(p + 42, true);
    const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
    out.push({
      name,
      compressedSize: csize === 0xffffffff ? Number.NaN : csize,
      uncompressedSize: usize === 0xffffffff ? Number.NaN : usize,
      method,
      localOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// Signatures of common non-report files, so the clerk gets a precise message.
const BINARY_SIGS: { sig: number[]; what: string }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片' },
  { sig: [0xff, 0xd8, 0xff], what: 'JPEG 图片' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
  { sig: [0x42, 0x4d], what: 'BMP 图片' },
  { sig: [0x49, 0x49, 0x2a, 0x00], what: 'TIFF 图片' },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], what: 'TIFF 图片' },
  { sig: [0x4d, 0x5a], what: '可执行程序' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: '可执行程序' },
  { sig: [0x1f, 0x8b], what: 'gzip 压缩包' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { sig: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF 文档' },
];

const HTML_START = /^(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<!--|<(?:p|div|h[1-6]|table|font|br|b|a|style|script|iframe|span|section|article)[\s>/])/i;

function unsupported(what: string, fileName?: string): WebError {
  return new WebError(
    'E_UNSUPPORTED_FORMAT',
    `文件内容是${what}，不是可评估的报告（按内容判断，与扩展名无关）。请上传 .docx、.doc、.pdf、.txt 或 .html 格式的报告全文。`,
    { file: fileName },
  );
}

/** Decodes text the way the reader will (UTF-8, else GB18030), only to check it is text. */
function decodeForSniff(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(b);
  if (startsWith(b, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    const s = new TextDecoder('gb18030').decode(b);
    let bad = 0;
    for (const ch of s) if (ch === '\ufffd') bad++;
    return bad > Math.max(2, s.length / 200) ? null : s;
  }
}

/**
 * Decides what a file is from its bytes and applies the cheap bounds (declared docx inflation,
 * PDF trailer, text decodability). Throws WebError with a stable code for anything it refuses.
 */
export function sniff(bytes: Uint8Array, limits: SniffLimits, fileName?: string): SniffedFormat {
  const where = { file: fileName };
  if (bytes.length === 0) throw new WebError('E_EMPTY_FILE', undefined, where);

  const head = ascii(bytes, 0, 1024);
  const pdfAt = head.indexOf('%PDF-');
  if (pdfAt >= 0 && pdfAt < 1024 && !/[^\x09\x0a\x0d\x20-\x7e]/.test(head.slice(0, pdfAt))) {
    if (!ascii(bytes, bytes.length - 2048, bytes.length).includes('%%EOF'))
      throw new WebError('E_PDF_CORRUPT', undefined, where);
    return 'pdf';
  }

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = zipEntries(bytes);
    if (!entries) throw new WebError('E_DOCX_CORRUPT', undefined, where);
    const names = new Set(entries.map((e) => e.name));
    if (!names.has('word/document.xml')) {
      const what = names.has('xl/workbook.xml')
        ? 'Excel 表格'
        : names.has('ppt/presentation.xml')
          ? 'PowerPoint 演示文稿'
          : [...names].some((n) => n.startsWith('Contents/') || n === 'content.xml')
            ? 'WPS/ODF 文档（请另存为 .docx）'
            : 'zip 压缩包';
      throw unsupported(what, fileName);
    }
    const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    if (entries.length > limits.maxZipEntries || total > limits.maxInflatedBytes)
      throw new WebError(
        'E_DOCX_TOO_LARGE',
        `Word 文件解压后超过 ${Math.round(limits.maxInflatedBytes / 1048576)} MB（或条目过多），疑似异常文件，已拒绝。请删除文中的大图片后重新保存。`,
        where,
      );
    return 'docx';
  }

  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';

  for (const { sig, what } of BINARY_SIGS) if (startsWith(bytes, sig)) throw unsupported(what, fileName);

  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && bytes.subarray(0, 65536).includes(0)) throw new WebError('E_BINARY', undefined, where);

  const text = decodeForSniff(bytes);
  if (text === null) throw new WebError('E_ENCODING', undefined, where);
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') throw new WebError('E_EMPTY_FILE', undefined, where);
  // Control characters other than tab/newline/form feed mean binary data, not a report.
  const sample = body.slice(0, 65536);
  const ctrl = sample.match(/[\x00-\x08\x0b\x0e-\x1f\x7f]/g)?.length ?? 0;
  if (ctrl > Math.max(4, sample.length / 100)) throw new WebError('E_BINARY', undefined, where);

  const start = body.trimStart().slice(0, 512);
  if (HTML_START.test(start) || /<html[\s>]|<body[\s>]/i.test(body.slice(0, 4096))) return 'html';
  return 'txt';
}

/** The file name the reader gets: the clerk's base name with the extension the CONTENT says. */
export function readerFileName(original: string | undefined, format: SniffedFormat): string {
  const base = (original ?? '').split(/[\\/]/).pop()!.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 120) || 'report';
  return `${base}.${format}`;
}

/**
 * Inflates every entry of a .docx with a hard output cap, so a zip whose directory LIES about its
 * sizes is still stopped at `maxInflatedBytes` (the declared-size check cannot see that). Memory
 * stays bounded by the cap. Runs in the worker, before the reader touches the file.
 */
export function checkZipInflation(b: Uint8Array, maxInflatedBytes: number, fileName?: string): void {
  const entries = zipEntries(b);
  if (!entries) throw new WebError('E_DOCX_CORRUPT', undefined, { file: fileName });
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const tooLarge = () =>
    new WebError(
      'E_DOCX_TOO_LARGE',
      `Word 文件解压后超过 ${Math.round(maxInflatedBytes / 1048576)} MB，疑似异常文件（压缩炸弹），已拒绝。请在 Word/WPS 中重新另存后再上传。`,
      { file: fileName },
    );
  let budget = maxInflatedBytes;
  for (const e of entries) {
    const h = e.localOffset;
    if (h + 30 > b.length || dv.getUint32(h, true) !== 0x04034b50) throw new WebError('E_DOCX_CORRUPT', undefined, { file: fileName });
    const start = h + 30 + dv.getUint16(h + 26, true) + dv.getUint16(h + 28, true);
    const end = Number.isNaN(e.compressedSize) ? b.length : Math.min(b.length, start + e.compressedSize);
    const data = b.subarray(start, end);
    let out: number;
    if (e.method === 0) out = data.length;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge();
        throw new WebError('E_DOCX_CORRUPT', undefined, { file: fileName });
      }
    } else throw new WebError('E_DOCX_CORRUPT', `Word 文件使用了不支持的压缩方式（${e.method}）。请在 Word/WPS 中重新另存为 .docx。`, { file: fileName });
    budget -= out;
    if (budget < 0) throw tooLarge();
  }
}
