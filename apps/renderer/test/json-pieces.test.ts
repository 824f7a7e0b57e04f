import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces, writePiecesAtomic } from '../src/fs-atomic.js';

describe('jsonPieces', () => {
  it('concatenate to exactly JSON.stringify(value, null, 2) + newline', () => {
    const samples: unknown[] = [
      { schemaVersion: 1, reports: [{ file: 'a.txt', total: 82.5 }, { file: 'b.txt', total: null }], copies: [], groups: [{ g: [1, [2, {}]] }], s: '甲\n"乙"', u: undefined, n: null },
      { empty: {}, arr: [undefined, 1], nested: { a: [] } },
      {},
      [1, 2],
      '字符串',
      null,
    ];
    for (const v of samples) expect([...jsonPieces(v)].join('')).toBe(`${JSON.stringify(v, null, 2)}\n`);
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (v) => [...jsonPieces(v)].join('') === `${JSON.stringify(v, null, 2)}\n`), { numRuns: 300 });
  });
  it('yields array members element by element (no single huge string)', () => {
    const pieces = [...jsonPieces({ copies: Array.from({ length: 1000 }, (_, i) => ({ i })) })];
    expect(pieces.length).toBeGreaterThan(1000);
  });
  it('writePiecesAtomic leaves the whole file and no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-pieces-'));
    writePiecesAtomic(join(dir, 'batch.json'), jsonPieces({ a: [1, 2] }));
    expect(JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8'))).toEqual({ a: [1, 2] });
    expect(readdirSync(dir)).toEqual(['batch.json']);
  });
});
