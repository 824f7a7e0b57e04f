// Bad-input matrix: every reader error code and every rubric error code is reachable with a
// clear FazhiError (code + message naming the file), and hostile inputs (YAML alias / nesting
// bombs, a 100 MB text file, a .docx that inflates to gigabytes) are refused without a memory
// blow-up.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { C, R } from './fixtures/robust/helpers';
import { docx, docxBomb, zip, stored, pdfNoText, pdfEncrypted, pdf } from './fixtures/robust/make-bad';

const readerReady = typeof R.readBuffer === 'function' && typeof R.readDocument === 'function';
const rubricReady = typeof C.loadRubric === 'function' && Array.isArray(C.RUBRIC_CODES);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fazhi-robust-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; file?: string }> {
  try {
    await p;
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(C.FazhiError);
    return e as { code: string; message: string; file?: string };
  }
  throw new Error('expected a FazhiError, got a result');
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;
let bombCache: Buffer | undefined;
const bomb2GiB = () => (bombCache ??= docxBomb(2));

// Skipped only while @fazhi/reader's entry points have not landed (another issue).
describe.skipIf(!readerReady)('reader error codes', () => {
  const REPORT = '某某镇2024年法治政府建设年度报告\n一、主要举措和成效\n全年开展合法性审查12件。\n';
  const cases: [string, string, () => Uint8Array][] = [
    ['E_EMPTY_FILE', 'empty.txt', () => new Uint8Array(0)],
    ['E_EMPTY_FILE', 'blank.docx', () => docx(['', '   '])],
    ['E_BINARY', 'image.txt', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 0)])],
    ['E_UNSUPPORTED_FORMAT', 'scores.xlsx', () => zip([stored('xl/workbook.xml', '<workbook/>')])],
    ['E_UNSUPPORTED_FORMAT', 'photo.png', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['E_DOCX_CORRUPT', 'broken.docx', () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 0x41)])],
    ['E_DOCX_CORRUPT', 'no-document.docx', () => zip([stored('[Content_Types].xml', '<Types/>')])],
    ['E_DOC_CORRUPT', 'broken.doc', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0x20)])],
    ['E_PDF_ENCRYPTED', 'locked.pdf', pdfEncrypted],
    ['E_PDF_NO_TEXT', 'scan.pdf', pdfNoText],
    ['E_PDF_CORRUPT', 'broken.pdf', () => Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog')],
    ['E_ENCODING', 'garbled.txt', () => Buffer.from(Array.from({ length: 3000 }, (_, i) => (i % 3 === 2 ? 0x7f + (i % 2) : 0xff)))],
  ];
  for (const [code, name, make] of cases) {
    it(`${code}: ${name}`, async (ctx) => {
      const e = await codeOf(R.readBuffer(make(), name));
      // A format the reader does not handle yet (its issue is still open) cannot reach its codes.
      if (code !== 'E_UNSUPPORTED_FORMAT' && e.code === 'E_UNSUPPORTED_FORMAT' && /not yet/.test(e.message)) ctx.skip(`reader: ${name} format not implemented yet`);
      expect(e.code).toBe(code);
      expect(e.message).toContain(name);
    });
  }

  it('a good .txt and .docx still read (the matrix is not just refusing everything)', async () => {
    expect((await R.readBuffer(Buffer.from(REPORT), 'ok.txt')).text).toContain('合法性审查');
    const d = await R.readBuffer(docx(REPORT.trim().split('\n')), 'ok.docx').catch((e: { code: string; message: string }) => e);
    if ('code' in d && d.code === 'E_UNSUPPORTED_FORMAT' && /not yet/.test(d.message)) return; // .docx support still to land
    expect((d as { text: string }).text).toContain('合法性审查');
  });

  it('E_READ_FAILED: a path that cannot be read', async () => {
    const e = await codeOf(R.readDocument(join(dir, 'no-such-report.txt')));
    expect(e.code).toBe('E_READ_FAILED');
  });

  it('E_FILE_TOO_LARGE: a 100 MB text file is refused by size before it is read', async () => {
    const p = join(dir, 'huge.txt');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 100 * 2 ** 20); // sparse: takes no disk and no time
    closeSync(fd);
    const before = rssMb();
    const e = await codeOf(R.readDocument(p));
    expect(e.code).toBe('E_FILE_TOO_LARGE');
    expect(e.message).toContain('huge.txt');
    expect(rssMb() - before).toBeLessThan(60); // it never loaded the 100 MB
  });

  it('E_DOCX_TOO_LARGE: a 3 MB .docx that inflates to 2 GiB is refused without inflating it all', async (ctx) => {
    const bomb = bomb2GiB();
    expect(bomb.length).toBeLessThan(8 * 2 ** 20);
    const before = rssMb();
    const e = await codeOf(R.readBuffer(bomb, 'bomb.docx'));
    if (e.code === 'E_UNSUPPORTED_FORMAT' && /not yet/.test(e.message)) ctx.skip('reader: .docx not implemented yet');
    expect(e.code).toBe('E_DOCX_TOO_LARGE');
    expect(rssMb() - before).toBeLessThan(400);
  });
});

describe('the docx bomb fixture is real', () => {
  it('its document.xml really inflates (first 64 MiB checked) and declares 2 GiB', async () => {
    const bomb = bomb2GiB();
    // third local entry: find the header for word/document.xml
    let at = -1;
    for (let i = bomb.indexOf('word/document.xml'); i >= 0; i = bomb.indexOf('word/document.xml', i + 1)) {
      if (i >= 30 && bomb.readUInt32LE(i - 30) === 0x04034b50) {
        at = i;
        break;
      }
    }
    const hdr = at - 30;
    expect(bomb.readUInt32LE(hdr + 22)).toBeGreaterThan(2 * 2 ** 30 - 1);
    const csize = bomb.readUInt32LE(hdr + 18);
    const data = bomb.subarray(at + 'word/document.xml'.length, at + 'word/document.xml'.length + csize);
    let got = 0;
    await new Promise<void>((resolve, reject) => {
      const inf = createInflateRaw();
      inf.on('data', (b: Buffer) => {
        got += b.length;
        if (got > 64 * 2 ** 20) {
          inf.destroy();
          resolve();
        }
      });
      inf.on('error', reject);
      inf.on('end', () => resolve());
      inf.end(data);
    });
    expect(got).toBeGreaterThan(64 * 2 ** 20);
  });
});

// ----------------------------------------------------------------------------- rubrics

const BASE = (over: Record<string, string> = {}) => `id: ${over.id ?? 'bad-test'}
title: 测试细则
version: 1.0.0
applies_to: [township]
total: ${over.total ?? '10'}
grades:
${over.grades ?? '  - { name: 好, min: 6 }\n  - { name: 差, min: 0 }'}
facts:
  shufa:
    kind: status
    title: 述法
    terms: [述法]
  three:
    kind: checklist
    title: 三项制度
    items:
      - { id: publicity, title: 公示, terms: [执法公示] }
${over.facts ?? ''}
categories:
  - id: c1
    title: 分类一
    indicators:
      - id: ${over.ind1 ?? 'leader-shufa'}
        title: 述法
        fact: ${over.fact ?? 'shufa'}
        points: ${over.points ?? '10'}
        scoring: ${over.scoring ?? '{ type: map, values: { done: 10, planned: 2, absent: 0 }, official: false }'}
        whenMissing: zero
        basis: { text: 测试依据, official: false }
        remedy: 写明述法情况。
        examples:
${over.examples ?? '          - { text: 年终述职中同步述法。, earns: true }\n          - { text: 将开展述法。, earns: false }'}
${over.extra ?? ''}`;

// Skipped only while @fazhi/core's rubric loader has not landed (another issue).
describe.skipIf(!rubricReady)('rubric error codes', () => {
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const codesOf = (p: string): string[] => {
    try {
      C.loadRubric(p);
    } catch (e) {
      expect(e).toBeInstanceOf(C.RubricError);
      const probs = (e as { problems: { code: string; file: string; line: number; col: number }[] }).problems;
      for (const pr of probs) {
        expect(pr.line).toBeGreaterThanOrEqual(1);
        expect(pr.col).toBeGreaterThanOrEqual(1);
        expect(pr.file).toBeTruthy();
      }
      return probs.map((x) => x.code);
    }
    return [];
  };

  it('the base rubric used below is valid', () => {
    expect(codesOf(write('base.yaml', BASE()))).toEqual([]);
  });

  const cases: [string, () => string][] = [
    ['E_RUBRIC_NOT_FOUND', () => join(dir, 'nope.yaml')],
    ['E_RUBRIC_READ', () => {
      // A file that exists but cannot be read: mode 000 for a normal user; as root (CI) that is
      // still readable, so use a Linux file whose read fails with EIO.
      const p = write('unreadable.yaml', BASE());
      chmodSync(p, 0o000);
      return process.getuid?.() === 0 && existsSync('/proc/self/mem') ? '/proc/self/mem' : p;
    }],
    ['E_RUBRIC_TOO_LARGE', () => write('large.yaml', BASE() + `# ${'填充'.repeat(600_000)}\n`)],
    ['E_RUBRIC_TOO_DEEP', () => write('deep-flow.yaml', BASE({ extra: `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}` }))],
    ['E_RUBRIC_TOO_DEEP', () => write('deep-block.yaml', BASE({ extra: Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1' }))],
    ['E_RUBRIC_ALIAS_BOMB', () =>
      write(
        'laughs.yaml',
        `a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]\n` +
          Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n') +
          '\n' + BASE(),
      )],
    ['E_RUBRIC_YAML', () => write('syntax.yaml', BASE().replace('title: 测试细则', 'title: [测试细则'))],
    ['E_RUBRIC_SCHEMA', () => write('schema.yaml', BASE({ total: '"十分"' }))],
    ['E_RUBRIC_DUPLICATE_ID', () =>
      write('dup.yaml', BASE({ points: '5', scoring: '{ type: map, values: { done: 5, absent: 0 }, official: false }' }) +
        '      - id: leader-shufa\n        title: 述法二\n        fact: shufa\n        points: 5\n        scoring: { type: map, values: { done: 5, absent: 0 }, official: false }\n        whenMissing: zero\n        basis: { text: 依据, official: false }\n        remedy: 写明。\n        examples:\n          - { text: 同步述法。, earns: true }\n          - { text: 将述法。, earns: false }\n')],
    ['E_RUBRIC_UNKNOWN_FACT', () => write('unknown-fact.yaml', BASE({ fact: 'no_such_fact' }))],
    ['E_RUBRIC_EXTENDS_NOT_FOUND', () => write('ext-missing.yaml', 'id: ext-missing\ntitle: 继承\nversion: 1.0.0\nextends: ./not-here.yaml\n')],
    ['E_RUBRIC_EXTENDS_CYCLE', () => {
      write('cyc-b.yaml', 'id: cyc-b\ntitle: 乙\nversion: 1.0.0\nextends: ./cyc-a.yaml\n');
      return write('cyc-a.yaml', 'id: cyc-a\ntitle: 甲\nversion: 1.0.0\nextends: ./cyc-b.yaml\n');
    }],
    ['E_RUBRIC_DROP_UNKNOWN', () => {
      write('parent.yaml', BASE({ id: 'parent' }));
      return write('drop.yaml', 'id: child\ntitle: 子\nversion: 1.0.0\nextends: ./parent.yaml\ndrop: [no-such-indicator]\n');
    }],
    ['E_RUBRIC_BANDS_ORDER', () => write('bands.yaml', BASE({ fact: 'cnt', scoring: '{ type: bands, bands: [{ min: 1, points: 5 }, { min: 3, points: 10 }], official: false }', facts: '  cnt:\n    kind: count\n    title: 次数\n    terms: [学法]\n    units: [次]' }))],
    ['E_RUBRIC_POINTS_SUM', () => write('sum.yaml', BASE({ total: '20' }))],
    ['E_RUBRIC_POINTS_EXCEED', () => write('exceed.yaml', BASE({ scoring: '{ type: map, values: { done: 15, absent: 0 }, official: false }' }))],
    ['E_RUBRIC_GRADES_ORDER', () => write('grades.yaml', BASE({ grades: '  - { name: 差, min: 0 }\n  - { name: 好, min: 6 }' }))],
    ['E_RUBRIC_INCOMPLETE_INDICATOR', () => {
      write('parent2.yaml', BASE({ id: 'parent-two' }));
      return write('incomplete.yaml', 'id: child-two\ntitle: 子\nversion: 1.0.0\nextends: ./parent2.yaml\ncategories:\n  - id: c1\n    indicators:\n      - id: brand-new\n        title: 新指标\n');
    }],
    ['E_RUBRIC_EXAMPLES', () => write('examples.yaml', BASE({ examples: '          - { text: 年终述职中同步述法。, earns: true }' }))],
    ['E_RUBRIC_SCORING_KIND', () => write('kind.yaml', BASE({ fact: 'three', scoring: '{ type: bands, bands: [{ min: 1, points: 10 }], official: false }' }))],
  ];

  it('the matrix covers every code core declares', () => {
    const covered = new Set(cases.map((c) => c[0]));
    expect((C.RUBRIC_CODES as string[]).filter((c) => !covered.has(c))).toEqual([]);
  });

  for (const [code, make] of cases) {
    it(code, () => {
      const before = rssMb();
      const codes = codesOf(make());
      expect(codes).toContain(code);
      expect(rssMb() - before).toBeLessThan(200);
    });
  }
});
