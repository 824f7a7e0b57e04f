import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new one, never half of it: write a
 * temp file in the same directory (same file system), then rename over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * JSON.stringify(value, null, 2) + '\n', cut into pieces: the top-level object's members and the
 * elements of its array members one by one, so a national batch's batch.json (tens of megabytes)
 * never exists as one string. Concatenated, the pieces are exactly that text.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  const indent = (s: string, pad: string) => s.replace(/\n/g, `\n${pad}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (!entries.length) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [k, [key, v]] of entries.entries()) {
    const head = `  ${JSON.stringify(key)}: `;
    const tail = k < entries.length - 1 ? ',\n' : '\n';
    if (Array.isArray(v) && v.length) {
      yield `${head}[\n`;
      for (let i = 0; i < v.length; i++) {
        const el = v[i] === undefined || typeof v[i] === 'function' || typeof v[i] === 'symbol' ? null : v[i];
        yield `    ${indent(JSON.stringify(el, null, 2), '    ')}${i < v.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${tail}`;
    } else yield `${head}${indent(JSON.stringify(v, null, 2), '  ')}${tail}`;
  }
  yield '}\n';
}

/** writeFileAtomic for text made of pieces (written one by one, never joined in memory). */
export function writePiecesAtomic(path: string, pieces: Iterable<string>): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    for (const p of pieces) writeSync(fd, p);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
