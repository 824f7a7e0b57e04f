import type { Extracted } from '../document.js';
import { readerError } from '../errors.js';
export async function extractDocx(_bytes: Uint8Array, file: string, _max: number): Promise<Extracted> {
  throw readerError('E_UNSUPPORTED_FORMAT', file, 'docx (not yet)');
}
