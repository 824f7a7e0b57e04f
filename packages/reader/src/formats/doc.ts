import type { Extracted } from '../document.js';
import { readerError } from '../errors.js';

/** Legacy .doc (Word 97–2003) via word-extractor: one line per paragraph. */
export async function extractDoc(bytes: Uint8Array, file: string): Promise<Extracted> {
  const WordExtractor = (await import('word-extractor')).default;
  let body: string;
  try {
    const d = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = d.getBody({ filterUnicode: false }); // keep the quotes and dashes as written
  } catch (e) {
    throw readerError('E_DOC_CORRUPT', file, e instanceof Error ? e.message.slice(0, 120) : undefined);
  }
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const paragraphs: number[] = [];
  let off = 0;
  for (const l of lines) {
    paragraphs.push(off);
    off += l.length + 1;
  }
  return { format: 'doc', encoding: 'doc', text: lines.join('\n'), paragraphs };
}
