import type { Extracted } from '../document.js';
import { readerError } from '../errors.js';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/**
 * .docx → original text: one line per Word paragraph (mammoth's raw text), `paragraphs` = the start
 * offset of each. Before mammoth inflates anything, the zip directory is read with jszip and the
 * declared inflated sizes are summed: over `maxInflated` (or an entry claiming more than 200× its
 * compressed size past 10 MB) is refused as E_DOCX_TOO_LARGE (zip bombs).
 */
export async function extractDocx(bytes: Uint8Array, file: string, maxInflated: number): Promise<Extracted> {
  const JSZip = (await import('jszip')).default;
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw readerError('E_DOCX_CORRUPT', file, e instanceof Error ? e.message.slice(0, 120) : undefined);
  }
  let total = 0;
  for (const f of Object.values(zip.files)) {
    const data = (f as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data;
    // jszip reads the 32-bit sizes as SIGNED ints: a 2–4 GiB entry shows up negative (zip bomb).
    const size = (data?.uncompressedSize ?? 0) >>> 0;
    total += size;
    if (total > maxInflated) throw readerError('E_DOCX_TOO_LARGE', file, `> ${mb(maxInflated)}`);
    const csize = (data?.compressedSize ?? 0) >>> 0;
    if (size > 10 * 1024 * 1024 && csize > 0 && size / csize > 200) throw readerError('E_DOCX_TOO_LARGE', file, `${f.name} ${mb(size)}`);
  }
  if (!zip.file('word/document.xml')) throw readerError('E_DOCX_CORRUPT', file, '缺少 word/document.xml / no word/document.xml');
  const mammoth = (await import('mammoth')).default;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (e) {
    throw readerError('E_DOCX_CORRUPT', file, e instanceof Error ? e.message.slice(0, 120) : undefined);
  }
  const paras = raw.replace(/\r/g, '').split('\n\n');
  while (paras.length && paras[paras.length - 1] === '') paras.pop();
  const paragraphs: number[] = [];
  let off = 0;
  for (const p of paras) {
    paragraphs.push(off);
    off += p.length + 1;
  }
  return { format: 'docx', encoding: 'docx', text: paras.join('\n'), paragraphs };
}
