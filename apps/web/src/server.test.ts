import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as core from '@fazhi/core';
import * as reader from '@fazhi/reader';
import * as extract from '@fazhi/extract';
import * as scorer from '@fazhi/scorer';
import * as renderer from '@fazhi/renderer';
import { fileURLToPath } from 'node:url';
import { buildApp, PAGE_CSP } from './server.js';
import { WorkerPool } from './pool.js';
import { makeDocx, makeLyingZipBomb, makeXlsxLike, makeZipBomb } from './test-support/make-docx.js';

const fixture = readFileSync(new URL('../test/fixtures/qingshi-2025.txt', import.meta.url), 'utf8');

type App = Awaited<ReturnType<typeof buildApp>>;

/** A multipart body as a browser would send it. */
async function form(parts: Record<string, string | { name: string; bytes: Uint8Array }> | [string, string | { name: string; bytes: Uint8Array }][]) {
  const fd = new FormData();
  for (const [k, v] of Array.isArray(parts) ? parts : Object.entries(parts)) {
    if (typeof v === 'string') fd.append(k, v);
    else fd.append(k, new Blob([v.bytes]), v.name);
  }
  const r = new Response(fd);
  return { payload: Buffer.from(await r.arrayBuffer()), headers: { 'content-type': r.headers.get('content-type')! } };
}

async function post(app: App, url: string, parts: Parameters<typeof form>[0], accept = 'application/json') {
  const f = await form(parts);
  return app.inject({ method: 'POST', url, payload: f.payload, headers: { ...f.headers, accept } });
}

const fns = (m: unknown, ...names: string[]) => names.every((n) => typeof (m as Record<string, unknown>)[n] === 'function');
/** The upstream stages are written in parallel; the end-to-end cases need all of them. */
const pipelineReady =
  fns(core, 'loadRubric', 'builtinRubricIds') && fns(reader, 'readBuffer') && fns(extract, 'compileExtractor', 'extractFacts') && fns(scorer, 'scoreFacts') && fns(renderer, 'renderScorecardHtml');
/** Whether the reader already reads .docx (its support lands separately from .txt). */
const docxReady =
  pipelineReady &&
  (await (reader as any).readBuffer(await makeDocx('青石镇2025年法治政府建设情况报告'), 'probe.docx').then(
    () => true,
    () => false,
  ));

describe('web server: page, headers, bad input', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ workers: 0, maxFileBytes: 64 * 1024, maxInflatedBytes: 2 * 1024 * 1024, maxFiles: 3 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the zh-CN page with a strict CSP and no external resources', async () => {
    const r = await app.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body).toContain('lang="zh-CN"');
    expect(r.body).toContain('法治政府建设年度报告自查');
    expect(r.body).not.toMatch(/https?:\/\//);
    expect(r.body).not.toMatch(/<script>(?!<)/); // no inline script
    const js = await app.inject({ url: '/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).not.toMatch(/https?:\/\//);
    expect(js.body).not.toContain('innerHTML');
  });

  it('serves its own CJK font (no network), only whitelisted font files', async () => {
    const css = await app.inject({ url: '/fonts.css' });
    expect(css.statusCode).toBe(200);
    const first = /url\(\/fonts\/([^)]+\.woff2)\)/.exec(css.body)?.[1];
    expect(first).toBeDefined();
    expect(css.body).not.toMatch(/https?:|\.\/files/);
    const font = await app.inject({ url: `/fonts/${first}` });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect((await app.inject({ url: '/fonts/..%2F400.css' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/fonts/%2E%2E%2F%2E%2E%2Fpackage.json' })).statusCode).toBe(404);
  });

  it('lists rubrics as JSON', async () => {
    const r = await app.inject({ url: '/api/rubrics' });
    expect(r.statusCode).toBe(200);
    expect(Array.isArray(r.json().rubrics)).toBe(true);
  });

  it('empty file → 400 E_EMPTY_FILE', async () => {
    const r = await post(app, '/api/score', { file: { name: '空白.docx', bytes: new Uint8Array(0) } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_EMPTY_FILE' });
    expect(r.json().message).toMatch(/文件为空/);
  });

  it('whitespace-only text → 400 E_EMPTY_FILE', async () => {
    const r = await post(app, '/api/score', { text: '  \n\t  ' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('E_EMPTY_FILE');
  });

  it('no file and no text → 400 E_NO_INPUT', async () => {
    const r = await post(app, '/api/score', { rubric: 'township' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('E_NO_INPUT');
  });

  it('a PNG named .docx is refused by content → 415 E_UNSUPPORTED_FORMAT', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const r = await post(app, '/api/score', { file: { name: '报告.docx', bytes: png } });
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('E_UNSUPPORTED_FORMAT');
    expect(r.json().message).toContain('PNG');
  });

  it('an Excel workbook named .docx → 415 E_UNSUPPORTED_FORMAT', async () => {
    const r = await post(app, '/api/score', { file: { name: '报告.docx', bytes: await makeXlsxLike() } });
    expect(r.statusCode).toBe(415);
    expect(r.json()).toMatchObject({ code: 'E_UNSUPPORTED_FORMAT' });
    expect(r.json().message).toContain('Excel');
  });

  it('binary data with NUL bytes named .txt → 415 E_BINARY', async () => {
    const bytes = new Uint8Array(512).map((_, i) => (i * 37) % 256);
    const r = await post(app, '/api/score', { file: { name: 'report.txt', bytes } });
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('E_BINARY');
  });

  it('oversize upload → 413 E_FILE_TOO_LARGE naming the file', async () => {
    const big = new TextEncoder().encode('法治政府建设。'.repeat(10_000)); // ~210 KB > 64 KB
    const r = await post(app, '/api/score', { file: { name: '大文件.txt', bytes: big } });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('E_FILE_TOO_LARGE');
    expect(r.json().message).toContain('大文件.txt');
  });

  it('oversize pasted text → 413 E_FILE_TOO_LARGE', async () => {
    const r = await post(app, '/api/score', { text: '法治政府建设。'.repeat(10_000) });
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('E_FILE_TOO_LARGE');
  });

  it('a zip bomb .docx (tiny zip, huge inflation) → 413 E_DOCX_TOO_LARGE', async () => {
    const bomb = await makeZipBomb(6 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(64 * 1024); // it passes the upload limit…
    const r = await post(app, '/api/score', { file: { name: 'bomb.docx', bytes: bomb } });
    expect(r.statusCode).toBe(413); // …and is stopped by the inflation bound
    expect(r.json().code).toBe('E_DOCX_TOO_LARGE');
  });

  it('a zip bomb whose directory lies about its sizes → still 413 E_DOCX_TOO_LARGE', async () => {
    const bomb = await makeLyingZipBomb(6 * 1024 * 1024);
    const r = await post(app, '/api/score', { file: { name: 'liar.docx', bytes: bomb } });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'E_DOCX_TOO_LARGE', file: 'liar.docx' });
  });

  it('a truncated PDF → 422 E_PDF_CORRUPT', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa');
    const r = await post(app, '/api/score', { file: { name: '报告.pdf', bytes: pdf } });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'E_PDF_CORRUPT', file: '报告.pdf' });
  });

  it('two files on the single-report endpoint → 413 E_TOO_MANY_FILES', async () => {
    const t = { name: 'a.txt', bytes: new TextEncoder().encode(fixture) };
    const r = await post(app, '/api/score', [
      ['file', t],
      ['file', { ...t, name: 'b.txt' }],
    ]);
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('E_TOO_MANY_FILES');
  });

  it('committee upload over the total size → 413 E_FILE_TOO_LARGE', async () => {
    const small = await buildApp({ workers: 0, maxFileBytes: 64 * 1024, maxTotalBytes: 100 * 1024 });
    try {
      const t = { name: 'a.txt', bytes: new TextEncoder().encode('法'.repeat(15_000)) }; // 45 KB each
      const r = await post(small, '/api/batch', [1, 2, 3].map((i) => ['file', { ...t, name: `${i}.txt` }] as [string, typeof t]));
      expect(r.statusCode).toBe(413);
      expect(r.json().code).toBe('E_FILE_TOO_LARGE');
      expect(r.json().message).toMatch(/合计/);
    } finally {
      await small.close();
    }
  });

  it('committee upload over the file count → 413 E_TOO_MANY_FILES', async () => {
    const t = { name: 'a.txt', bytes: new TextEncoder().encode('x') };
    const r = await post(app, '/api/batch', [1, 2, 3, 4].map((i) => ['file', { ...t, name: `${i}.txt` }] as [string, typeof t]));
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('E_TOO_MANY_FILES');
  });

  it('a committee upload lists broken files with their codes and goes on', async () => {
    const r = await post(app, '/api/batch', [
      ['file', { name: '空.txt', bytes: new Uint8Array(0) }],
      ['file', { name: '图.docx', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }],
    ]);
    expect(r.statusCode).toBe(200);
    const j = r.json();
    expect(j.count).toBe(2);
    expect(j.failed).toBe(2);
    expect(j.results.map((x: any) => [x.file, x.error.code])).toEqual([
      ['空.txt', 'E_EMPTY_FILE'],
      ['图.docx', 'E_UNSUPPORTED_FORMAT'],
    ]);
  });

  it('unknown format query → 406 E_NOT_ACCEPTABLE; unknown path → 404 JSON', async () => {
    const r = await post(app, '/api/score?format=xlsx', { text: fixture });
    expect(r.statusCode).toBe(406);
    expect(r.json().code).toBe('E_NOT_ACCEPTABLE');
    const nf = await app.inject({ url: '/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().code).toBe('E_NOT_FOUND');
  });

  it('an unknown rubric key is refused without touching the file system', async () => {
    const r = await post(app, '/api/score', { text: fixture, rubric: '../../etc/passwd' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('E_UNKNOWN_RUBRIC');
  });

  it('a report stuck past the time limit → 504 E_TIMEOUT; its worker is replaced', async () => {
    // A stand-in worker that never answers a scoring job, behind the real server and pool.
    const workerFile = fileURLToPath(new URL('../test/fixtures/test-worker.mjs', import.meta.url));
    const stuck = await buildApp({ executor: new WorkerPool({ size: 1, workerFile }), timeoutMs: 300 });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await post(stuck, '/api/score', { text: fixture });
        expect(r.statusCode).toBe(504);
        expect(r.json()).toMatchObject({ code: 'E_TIMEOUT' });
        expect(r.json().message).toMatch(/秒/);
      }
    } finally {
      await stuck.close();
    }
  });

  it('an expired or unknown view → 404 with a zh-CN message', async () => {
    const r = await app.inject({ url: '/view/doesnotexist' });
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toMatch(/过期|没有/);
  });

  it('error bodies never carry a stack trace', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/score', payload: 'not multipart', headers: { 'content-type': 'application/x-weird' } });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(Object.keys(r.json()).sort()).toEqual(['code', 'message']);
    expect(r.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });
});

// Needs reader, extractor, scorer, rubric loader and renderer: skipped (with this reason) only
// while one of those upstream stages is not there yet.
describe.skipIf(!pipelineReady)('web server: happy path through the real pipeline', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ workers: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('scores a .txt report: JSON scorecard with verbatim evidence', async () => {
    const bytes = new TextEncoder().encode(fixture);
    const r = await post(app, '/api/score', { file: { name: '青石镇2025.txt', bytes } });
    expect(r.statusCode).toBe(200);
    const card = r.json();
    expect(card.schemaVersion).toBe(1);
    expect(card.total).toBeGreaterThan(0);
    expect(card.total).toBeLessThanOrEqual(card.max);
    const ev = card.indicators.flatMap((i: any) => i.evidence);
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) expect(fixture.slice(e.start, e.end)).toBe(e.quote);
  });

  it.skipIf(!docxReady)('scores the same report as .docx (named .doc: the content decides) and answers HTML', async () => {
    const bytes = await makeDocx(fixture);
    const r = await post(app, '/api/score', { file: { name: '青石镇2025.doc', bytes } }, 'text/html');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['content-security-policy']).toMatch(/^sandbox /);
    expect(r.body).toContain('青石镇');
  });

  it('pasted text, the page flow: JSON with a view that can be shown and downloaded', async () => {
    const r = await post(app, '/api/score?view=1', { text: fixture });
    expect(r.statusCode).toBe(200);
    const j = r.json();
    expect(j.card.total).toBeGreaterThan(0);
    expect(j.view).toMatch(/^\/view\//);
    const v = await app.inject({ url: j.view });
    expect(v.statusCode).toBe(200);
    expect(v.headers['content-security-policy']).toContain('sandbox');
    const d = await app.inject({ url: `${j.view}?download=1` });
    expect(d.headers['content-disposition']).toMatch(/attachment/);
  });

  it('committee mode scores several reports and returns a ranking', async () => {
    const bytes = new TextEncoder().encode(fixture);
    const r = await post(app, '/api/batch', [
      ['file', { name: 'a.txt', bytes }],
      ['file', { name: 'b.txt', bytes: new TextEncoder().encode(fixture.replace(/青石镇/g, '白沙镇')) }],
      ['file', { name: 'bad.txt', bytes: new Uint8Array(0) }],
    ]);
    expect(r.statusCode).toBe(200);
    const j = r.json();
    expect(j.scored).toBe(2);
    expect(j.failed).toBe(1);
    expect(j.results.map((x: any) => x.ok && x.card.file)).toEqual(['a.txt', 'b.txt', false]);
    expect(j.results[2].error.code).toBe('E_EMPTY_FILE');
    if (typeof (renderer as Record<string, unknown>).renderDashboardHtml === 'function') {
      // The dashboard links each report as `<id>.html`, relative to /view/.
      expect(j.dashboard).toMatch(/^\/view\//);
      const d = await app.inject({ url: j.dashboard });
      expect(d.statusCode).toBe(200);
      expect(d.body).toContain('白沙镇');
      const link = /href="([A-Za-z0-9_-]+\.html)"/.exec(d.body)?.[1];
      expect(link).toBeDefined();
      expect((await app.inject({ url: `/view/${link}` })).statusCode).toBe(200);
    }
  });

  it('repeated file names in one committee upload stay distinct', async () => {
    const bytes = new TextEncoder().encode(fixture);
    const r = await post(app, '/api/batch', [
      ['file', { name: '报告.txt', bytes }],
      ['file', { name: '报告.txt', bytes: new TextEncoder().encode(fixture.replace(/青石镇/g, '柳河乡')) }],
    ]);
    expect(r.json().results.map((x: any) => x.file)).toEqual(['报告.txt', '报告（2）.txt']);
  });
});
