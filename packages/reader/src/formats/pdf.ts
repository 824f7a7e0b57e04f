import type { Extracted } from '../document.js';
import { readerError } from '../errors.js';
export async function extractPdf(_bytes: Uint8Array, file: string): Promise<Extracted> {
  throw readerError('E_UNSUPPORTED_FORMAT', file, 'pdf (not yet)');
}
