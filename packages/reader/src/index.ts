import { stat, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { FazhiError, type SourceDocument, type SourceFormat } from '@fazhi/core';
import { decodeBytes } from './decode.js';
import { assemble, type Extracted } from './document.js';
import { readerError } from './errors.js';
import { looksHardWrapped } from './layout.js';

export { viewToOriginal, viewRangeToOriginal, originalToView, lineAt, blockAt } from './offsets.js';
export { placeOf } from './meta.js';

export interface ReadOptions {
  /** Largest input accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Largest total inflated size of a .docx, in bytes (default 100 MB). */
  maxInflatedBytes?: number;
  /** Name to record as `file` (defaults to the path or file name given). */
  displayName?: string;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_INFLATED_BYTES = 100 * 1024 * 1024;

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.text': 'txt', '.md': 'txt', '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html', '.docx': 'docx', '.doc': 'doc', '.pdf': 'pdf' };

export function formatOf(fileName: string): SourceFormat | null {
  return FORMATS[extname(fileName).toLowerCase()] ?? null;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Reads a report file. Throws FazhiError (E_FILE_TOO_LARGE, E_EMPTY_FILE, E_UNSUPPORTED_FORMAT…) for bad input. */
export async function readDocument(path: string, opts: ReadOptions = {}): Promise<SourceDocument> {
  const name = opts.displayName ?? path;
  const format = formatOf(path);
  if (!format) throw readerError('E_UNSUPPORTED_FORMAT', name, extname(path) || '无扩展名 / no extension');
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw readerError('E_READ_FAILED', name, '不是文件 / not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof FazhiError) throw e;
    throw readerError('E_READ_FAILED', name, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > max) throw readerError('E_FILE_TOO_LARGE', name, `${mb(size)} > ${mb(max)}`);
  if (size === 0) throw readerError('E_EMPTY_FILE', name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw readerError('E_READ_FAILED', name, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  return readBuffer(bytes, name, opts);
}

/** Reads a report held in memory; `fileName` decides the format (by extension) and names the file in errors. */
export async function readBuffer(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<SourceDocument> {
  const name = opts.displayName ?? fileName;
  const format = formatOf(fileName);
  if (!format) throw readerError('E_UNSUPPORTED_FORMAT', name, extname(fileName) || '无扩展名 / no extension');
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) throw readerError('E_FILE_TOO_LARGE', name, `${mb(bytes.length)} > ${mb(max)}`);
  if (bytes.length === 0) throw readerError('E_EMPTY_FILE', name);
  const sniffed = sniff(bytes, format);
  try {
    let x: Extracted;
    switch (sniffed) {
      case 'txt': {
        const d = await decodeBytes(bytes, name, undefined, { fold: true });
        if (/^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)/i.test(d.text.slice(0, 1024))) {
          // A web page saved with a .txt name: read it as the page it is.
          x = await (await import('./formats/html.js')).extractHtml(bytes, name);
          break;
        }
        // A hard-wrapped text (copied from a PDF) has its lines joined like a PDF's.
        x = { format, encoding: d.encoding, text: d.text, folded: d.folded, ...(looksHardWrapped(d.text) ? { joinLines: true } : {}) };
        break;
      }
      case 'html':
        x = await (await import('./formats/html.js')).extractHtml(bytes, name);
        break;
      case 'docx':
        x = await (await import('./formats/docx.js')).extractDocx(bytes, name, opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES);
        break;
      case 'doc':
        x = await (await import('./formats/doc.js')).extractDoc(bytes, name);
        break;
      case 'pdf':
        x = await (await import('./formats/pdf.js')).extractPdf(bytes, name);
        break;
      default:
        throw readerError('E_UNSUPPORTED_FORMAT', name, String(format));
    }
    return await assemble(name, bytes, x);
  } catch (e) {
    if (e instanceof FazhiError) throw e;
    // Never a stack trace for a user's file: anything unexpected becomes a coded error naming the file.
    const code = sniffed === 'pdf' ? 'E_PDF_CORRUPT' : sniffed === 'docx' ? 'E_DOCX_CORRUPT' : sniffed === 'doc' ? 'E_DOC_CORRUPT' : 'E_READ_FAILED';
    throw readerError(code, name, e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
}

/** The format the bytes really are, when the extension lies in a harmless way (.doc ↔ .docx, a PDF named .txt). */
function sniff(b: Uint8Array, byName: SourceFormat): SourceFormat {
  const pdf = b.length > 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // %PDF-
  const zip = b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  const ole = b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
  if (pdf && byName !== 'pdf') return 'pdf';
  if (byName === 'doc' && zip) return 'docx';
  if (byName === 'docx' && ole) return 'doc';
  return byName;
}

export type { SourceDocument };
