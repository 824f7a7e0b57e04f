import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { availableParallelism } from 'node:os';
import type { Scorecard } from '@fazhi/core';
import { MESSAGES, WebError, toApiError } from './errors.js';
import { createExecutor, type Executor } from './pool.js';
import { SharedPdf, type PdfService } from './pdf.js';
import { RubricCatalog } from './rubrics.js';
import { readerFileName, sniff } from './sniff.js';
import type { DashboardResult, RubricRef, ScoreResult } from './pipeline.js';
import { APP_CSS, APP_JS, PAGE_HTML } from './page.js';
import { ViewStore } from './views.js';
import { fontCss, fontFile } from './fonts.js';

export interface ServerOptions {
  port?: number;
  /** Listens on 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Extra rubric YAML files (built-ins are always offered). */
  rubricsDir?: string;
  /** Largest upload per file (bytes). Default 20 MB. */
  maxFileBytes?: number;
  /** Most files in one committee upload. Default 100. */
  maxFiles?: number;
  /** Most bytes in one request, all files together (everything is held in memory). Default 200 MB. */
  maxTotalBytes?: number;
  /** Largest declared inflated size of a .docx (bytes). Default 64 MB. */
  maxInflatedBytes?: number;
  /** Time limit for scoring one file (ms). Default 60 s. */
  timeoutMs?: number;
  /** Worker threads; default = cores. 0 scores inline (used when the built worker is absent). */
  workers?: number;
  /** Scored pages kept in memory for viewing and download (never on disk). */
  maxViews?: number;
  viewTtlMs?: number;
  lang?: 'zh' | 'en';
  logger?: boolean;
  /** For tests: a ready executor or PDF service. */
  executor?: Executor;
  pdf?: PdfService;
}

export const DEFAULTS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxFiles: 100,
  maxTotalBytes: 200 * 1024 * 1024,
  maxInflatedBytes: 64 * 1024 * 1024,
  timeoutMs: 60_000,
  maxViews: 200,
  viewTtlMs: 30 * 60_000,
};

/** The page's policy: nothing but this server; scripts and styles only from files it serves. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/**
 * A generated scorecard/dashboard page: sandboxed (opaque origin, cannot call the API), inline
 * styles and its own hashed scripts (the page's meta CSP narrows scripts further), fonts as data:.
 */
export const VIEW_CSP =
  "sandbox allow-scripts allow-popups allow-downloads allow-modals; default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data: 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * For display in the page: the generated page gets this app's CJK font (served from /fonts/, so
 * machines without a Chinese system font show text, not boxes). Its meta CSP is widened by exactly
 * `font-src 'self'`; the downloaded file stays as the renderer made it.
 */
function withAppFont(html: string): string {
  const css = fontCss();
  if (!css) return html;
  return html
    .replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*?font-src data:)/i, "$1 &#x27;self&#x27;")
    .replace(/<\/head>/i, `<style>${css}</style></head>`);
}

interface Upload {
  name: string;
  bytes: Uint8Array;
}

type Format = 'html' | 'json' | 'pdf';

function wantFormat(req: FastifyRequest): Format {
  const q = (req.query as Record<string, string | undefined>).format?.toLowerCase();
  if (q) {
    if (q === 'html' || q === 'json' || q === 'pdf') return q;
    throw new WebError('E_NOT_ACCEPTABLE');
  }
  const accept = String(req.headers.accept ?? '');
  if (/application\/json/i.test(accept)) return 'json';
  if (/application\/pdf/i.test(accept)) return 'pdf';
  return 'html';
}

const asciiName = (s: string) => s.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
function attachment(reply: FastifyReply, name: string): void {
  reply.header('content-disposition', `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
const baseName = (n: string) => n.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'report';

export async function buildApp(opts: ServerOptions = {}): Promise<FastifyInstance & { executor: Executor }> {
  const o = { ...DEFAULTS, ...opts };
  const lang = opts.lang ?? 'zh';
  const executor = opts.executor ?? createExecutor({ workers: opts.workers ?? availableParallelism() });
  const pdf = opts.pdf ?? new SharedPdf();
  const catalog = new RubricCatalog(opts.rubricsDir);
  const views = new ViewStore(o.maxViews, o.viewTtlMs);
  const sniffLimits = { maxInflatedBytes: o.maxInflatedBytes, maxZipEntries: 5000 };

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: o.maxFileBytes + 64 * 1024,
    // The whole request (upload + scoring + PDF) is bounded; scoring has its own limit below.
    requestTimeout: o.timeoutMs * 3,
    connectionTimeout: o.timeoutMs * 3,
    return503OnClosing: true,
  });

  await app.register(multipart, {
    limits: {
      fileSize: o.maxFileBytes,
      files: o.maxFiles,
      fields: 10,
      fieldSize: o.maxFileBytes,
      parts: o.maxFiles + 10,
      headerPairs: 200,
    },
  });
  // Raw bodies for integrators: `curl --data-binary @report.pdf -H 'content-type: application/octet-stream'`.
  app.addContentTypeParser(['application/octet-stream', 'text/plain', 'application/pdf', 'text/html'], { parseAs: 'buffer', bodyLimit: o.maxFileBytes }, (_req, body, done) => done(null, body));

  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('cross-origin-resource-policy')) reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: any, req, reply) => {
    const code: string | undefined = err?.code;
    let mapped: WebError | undefined;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      mapped = new WebError('E_FILE_TOO_LARGE', `文件超过 ${Math.round(o.maxFileBytes / 1048576)} MB 上限。请压缩图片或删除附件后重试，或只上传报告正文。`);
    else if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      mapped = new WebError('E_TOO_MANY_FILES', `一次最多上传 ${o.maxFiles} 个文件。请分批上传。`);
    else if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || (err?.statusCode === 400 && typeof code === 'string' && code.startsWith('FST_')))
      mapped = new WebError('E_BAD_REQUEST', '请求格式不正确。请用 multipart/form-data 上传（字段 file 或 text，可选字段 rubric）。');
    else if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      mapped = new WebError('E_NO_INPUT');
    const { status, body, internal } = toApiError(mapped ?? err);
    if (internal) req.log.error({ err: internal }, 'internal error');
    if (internal && !opts.logger) process.stderr.write(`[fazhi web] internal error: ${(internal as Error)?.stack ?? internal}\n`);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ code: 'E_NOT_FOUND', message: MESSAGES.E_NOT_FOUND });
  });

  // --- the page -----------------------------------------------------------------------------
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE_HTML));
  app.get('/app.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(APP_JS));
  app.get('/app.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(APP_CSS));
  app.get('/fonts.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(fontCss()));
  app.get('/fonts/:name', async (req, reply) => {
    const f = fontFile((req.params as { name: string }).name);
    if (!f) throw new WebError('E_NOT_FOUND');
    // Fonts are fetched in CORS mode; the sandboxed scorecard frame has an opaque ("null") origin.
    return reply
      .type('font/woff2')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(f);
  });
  app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());
  app.get('/healthz', async () => ({ ok: true, executor: executor.mode, workers: executor.size }));

  // --- API ----------------------------------------------------------------------------------
  app.get('/api/rubrics', async () => {
    const list = catalog.list();
    return { default: catalog.defaultKey(list) ?? null, rubrics: list };
  });

  /** Reads every input of a request into memory (never to disk). */
  async function readInputs(req: FastifyRequest, maxFiles: number): Promise<{ uploads: Upload[]; fields: Record<string, string> }> {
    const uploads: Upload[] = [];
    const fields: Record<string, string> = {};
    let total = 0;
    const query = req.query as Record<string, string | undefined>;
    if (query.rubric) fields.rubric = query.rubric;
    if (req.isMultipart()) {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (uploads.length >= maxFiles) {
            part.file.resume();
            throw new WebError('E_TOO_MANY_FILES', maxFiles === 1 ? '此接口一次只评估一个文件；多个文件请用批量评估（/api/batch）。' : `一次最多上传 ${maxFiles} 个文件。请分批上传。`);
          }
          let buf: Buffer;
          try {
            buf = await part.toBuffer();
          } catch (e: any) {
            if (e?.code === 'FST_REQ_FILE_TOO_LARGE')
              throw new WebError('E_FILE_TOO_LARGE', `文件「${part.filename}」超过 ${Math.round(o.maxFileBytes / 1048576)} MB 上限。请压缩图片或删除附件后重试，或只上传报告正文。`, { file: part.filename });
            throw e;
          }
          total += buf.byteLength;
          if (total > o.maxTotalBytes)
            throw new WebError('E_FILE_TOO_LARGE', `本次上传的文件合计超过 ${Math.round(o.maxTotalBytes / 1048576)} MB 上限。请分批上传。`, { file: part.filename });
          uploads.push({ name: part.filename || 'report', bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
        } else {
          if (part.valueTruncated)
            throw new WebError('E_FILE_TOO_LARGE', `粘贴的内容超过 ${Math.round(o.maxFileBytes / 1048576)} MB 上限。`);
          fields[part.fieldname] = String(part.value ?? '');
        }
      }
    } else if (Buffer.isBuffer(req.body)) {
      uploads.push({ name: query.name || 'report', bytes: new Uint8Array(req.body) });
    } else if (req.body && typeof req.body === 'object') {
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (typeof v === 'string') fields[k] = v;
    }
    if (uploads.length === 0 && fields.text !== undefined) {
      uploads.push({ name: fields.name?.trim() || '粘贴的文本.txt', bytes: new TextEncoder().encode(fields.text) });
    }
    if (uploads.length === 0) throw new WebError('E_NO_INPUT');
    return { uploads, fields };
  }

  async function scoreOne(u: Upload, rubric: RubricRef, html: boolean, fingerprint = false): Promise<ScoreResult> {
    const format = sniff(u.bytes, sniffLimits, u.name); // by content, before any parsing
    const fileName = readerFileName(u.name, format);
    const job = { kind: 'score' as const, bytes: u.bytes, fileName, displayName: u.name, rubric, lang, html, fingerprint, maxBytes: o.maxFileBytes, maxInflatedBytes: o.maxInflatedBytes };
    return (await executor.run(job, o.timeoutMs)) as ScoreResult;
  }

  function requireHtml(r: { html?: string }): string {
    if (r.html === undefined)
      throw new WebError('E_NOT_IMPLEMENTED', '评分卡页面生成器尚未提供（@fazhi/renderer renderScorecardHtml）。请改用 JSON 格式。');
    return r.html;
  }

  async function sendScore(req: FastifyRequest, reply: FastifyReply, forced?: Format) {
    const fmt = forced ?? wantFormat(req);
    const { uploads, fields } = await readInputs(req, 1);
    const u = uploads[0]!;
    sniff(u.bytes, sniffLimits, u.name); // a bad file is reported as such, whatever the rubric
    const rubric = catalog.resolve(fields.rubric);
    const view = (req.query as Record<string, string | undefined>).view === '1';
    const r = await scoreOne(u, rubric, fmt !== 'json' || view);
    const name = baseName(u.name);
    if (view) {
      const id = r.html !== undefined ? views.put(r.html, `${name}-评分卡`) : undefined;
      return reply.send({ card: r.card, warnings: r.warnings, rubric: rubric.key, view: id ? `/view/${id}` : null });
    }
    if (fmt === 'json') return reply.type('application/json; charset=utf-8').send(r.card);
    const html = requireHtml(r);
    if (fmt === 'pdf') {
      const bytes = await pdf.print(html);
      attachment(reply, `${name}-评分卡.pdf`);
      return reply.type('application/pdf').send(Buffer.from(bytes));
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', VIEW_CSP).header('x-frame-options', 'SAMEORIGIN').send(html);
  }

  app.post('/api/score', (req, reply) => sendScore(req, reply));
  app.post('/api/pdf', (req, reply) => sendScore(req, reply, 'pdf'));

  app.post('/api/batch', async (req, reply) => {
    const { uploads, fields } = await readInputs(req, o.maxFiles);
    // Names identify reports in the ranking and its links: make repeated names unique.
    const seen = new Map<string, number>();
    for (const u of uploads) {
      const n = (seen.get(u.name) ?? 0) + 1;
      seen.set(u.name, n);
      if (n > 1) u.name = u.name.replace(/(\.[A-Za-z0-9]{1,5})?$/, (ext) => `（${n}）${ext}`);
    }
    const rubric = catalog.resolve(fields.rubric);
    // Every file goes to the pool at once; the pool runs `cores` of them in parallel. A broken
    // file is listed with its error and the batch goes on.
    const settled = await Promise.allSettled(uploads.map((u) => scoreOne(u, rubric, true, true)));
    const cards: Scorecard[] = [];
    const fingerprints: Record<string, unknown> = {};
    const failures: { file: string; code: string; message: string }[] = [];
    const links: Record<string, string> = {};
    const results = settled.map((s, i) => {
      const u = uploads[i]!;
      if (s.status === 'fulfilled') {
        const c = s.value.card;
        cards.push(c);
        if (s.value.fingerprint !== undefined) fingerprints[c.file] = s.value.fingerprint;
        const id = s.value.html !== undefined ? views.put(s.value.html, `${baseName(u.name)}-评分卡`) : undefined;
        if (id) links[c.file] = id;
        return { file: u.name, ok: true as const, total: c.total, max: c.max, grade: c.grade, place: c.place, adminLevel: c.adminLevel, reportYear: c.reportYear, view: id ? `/view/${id}` : null, card: c };
      }
      const { body, internal } = toApiError(s.reason, u.name);
      if (internal) req.log.error({ err: internal }, 'internal error in batch');
      failures.push({ file: u.name, code: body.code, message: body.message });
      return { file: u.name, ok: false as const, error: { ...body, file: u.name } };
    });
    let dashboard: string | null = null;
    let batch: unknown = null;
    if (cards.length > 0) {
      try {
        const d = (await executor.run({ kind: 'dashboard', cards, fingerprints, failures, links, rubric, lang }, o.timeoutMs)) as DashboardResult;
        if (d.html !== undefined) dashboard = `/view/${views.put(d.html, '汇总看板')}`;
        batch = d.batch ?? null;
      } catch (e) {
        const { body, internal } = toApiError(e);
        if (internal) req.log.error({ err: internal }, 'dashboard failed');
        batch = { error: body };
      }
    }
    return reply.send({ rubric: rubric.key, count: uploads.length, scored: cards.length, failed: failures.length, results, dashboard, batch });
  });

  // --- generated pages, kept in memory only -------------------------------------------------
  app.get('/view/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    // `<id>.html` and `<id>.pdf` are what the dashboard links to.
    const pdfWanted = id.endsWith('.pdf');
    const v = views.get(id.replace(/\.(pdf|html)$/, ''));
    if (!v) throw new WebError('E_NOT_FOUND', '该评分卡已过期（只在内存中保留一段时间，从不写入磁盘）。请重新上传。');
    if (pdfWanted) {
      const bytes = await pdf.print(v.html);
      attachment(reply, `${v.name}.pdf`);
      return reply.type('application/pdf').send(Buffer.from(bytes));
    }
    const download = (req.query as Record<string, string | undefined>).download === '1';
    if (download) attachment(reply, `${v.name}.html`);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', VIEW_CSP)
      .header('x-frame-options', 'SAMEORIGIN')
      .send(download ? v.html : withAppFont(v.html));
  });

  // Warm every worker with the default rubric so the first clerk does not wait for the compile.
  if (executor.mode === 'threads') {
    try {
      const rubric = catalog.resolve(undefined);
      for (let i = 0; i < executor.size; i++) executor.run({ kind: 'warm', rubric }, o.timeoutMs).catch(() => undefined);
    } catch {
      /* no usable rubric: the API reports it on use */
    }
  }

  app.addHook('onClose', async () => {
    await executor.close();
    await pdf.close();
    views.clear();
  });

  (app as unknown as { executor: Executor }).executor = executor;
  return app as unknown as FastifyInstance & { executor: Executor };
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the app and listens (127.0.0.1:8080 by default). */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const app = await buildApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 8080, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shown}:${port}/`, app, close: () => app.close() };
}

