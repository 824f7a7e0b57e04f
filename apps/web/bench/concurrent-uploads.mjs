#!/usr/bin/env node
// Benchmark: N concurrent uploads of fixture reports (.txt, .docx, .html) to a real server.
// All must succeed; prints count and latency (p50/p95/max). A benchmark, never a timed test.
//
//   pnpm --filter @fazhi/web bench                 # starts the built server (worker pool = cores)
//   node bench/concurrent-uploads.mjs --n 100 --url http://127.0.0.1:8080/   # against a running one
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('n', '50'));
const FORMAT = arg('format', 'json'); // json | html (html also renders the scorecard page)
const RUBRIC = arg('rubric', 'township');

const fixture = readFileSync(new URL('../test/fixtures/qingshi-2025.txt', import.meta.url), 'utf8');
const PLACES = ['青石镇', '白沙镇', '柳河乡', '东岭街道', '南塘镇', '石门乡', '龙泉镇', '桂花街道', '新桥镇', '安平乡'];

/** A variant report: another place, other counts, so no two uploads are byte-identical. */
function variant(i) {
  const place = PLACES[i % PLACES.length] + (i >= PLACES.length ? String(i) : '');
  let k = 0;
  return fixture.replace(/青石镇/g, place).replace(/(\d+)(次|件|份|场|条|名)/g, (_, n, u) => `${Number(n) + ((i + k++) % 7)}${u}`);
}

async function docx(text) {
  const zip = new JSZip();
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function html(text) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(text.split('\n')[0])}</title></head><body><div class="nav">首页 &gt; 政务公开 &gt; 法治政府建设</div><div class="article">${text.split('\n').map((l) => `<p>${esc(l)}</p>`).join('')}</div><div class="footer">版权所有</div></body></html>`;
}

async function uploads() {
  const out = [];
  for (let i = 0; i < N; i++) {
    const text = variant(i);
    const kind = ['txt', 'docx', 'html'][i % 3];
    const bytes = kind === 'txt' ? new TextEncoder().encode(text) : kind === 'docx' ? await docx(text) : new TextEncoder().encode(html(text));
    out.push({ name: `报告-${String(i + 1).padStart(2, '0')}.${kind}`, bytes, place: text.split('\n')[0].slice(0, 6) });
  }
  return out;
}

async function start() {
  const url = arg('url');
  if (url) return { url, close: async () => {} };
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  if (!existsSync(dist) || !existsSync(fileURLToPath(new URL('../dist/worker.js', import.meta.url)))) {
    console.error('bench: apps/web is not built. Run: flock /tmp/fazhi-build.lock pnpm exec turbo run build --filter=@fazhi/web...');
    process.exit(2);
  }
  const web = await import(dist);
  const s = await web.startServer({ port: 0, maxFiles: Math.max(100, N) });
  return { url: s.url, close: () => s.close() };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const files = await uploads();
const server = await start();
try {
  const health = await (await fetch(new URL('/healthz', server.url))).json();
  // Warm-up (unless --cold): one upload per worker, so the figures are not the workers' start-up
  // (module loading, rubric compile). Reported separately.
  if (!process.argv.includes('--cold')) {
    const w0 = performance.now();
    await Promise.all(
      Array.from({ length: health.workers }, () => {
        const fd = new FormData();
        fd.append('text', fixture);
        fd.append('rubric', RUBRIC);
        return fetch(new URL('/api/score?format=json', server.url), { method: 'POST', body: fd }).then((r) => r.arrayBuffer());
      }),
    );
    console.log(`warm-up: ${health.workers} uploads in ${(performance.now() - w0).toFixed(0)} ms`);
  }
  const t0 = performance.now();
  const results = await Promise.all(
    files.map(async (f) => {
      const fd = new FormData();
      fd.append('file', new Blob([f.bytes]), f.name);
      fd.append('rubric', RUBRIC);
      const s = performance.now();
      try {
        const r = await fetch(new URL(`/api/score?format=${FORMAT}`, server.url), { method: 'POST', body: fd });
        const body = FORMAT === 'json' ? await r.json() : await r.text();
        const ok = r.status === 200 && (FORMAT === 'json' ? body.total > 0 && body.file === f.name : body.includes('</html>'));
        return { name: f.name, ok, status: r.status, ms: performance.now() - s, err: ok ? undefined : JSON.stringify(body).slice(0, 200) };
      } catch (e) {
        return { name: f.name, ok: false, status: 0, ms: performance.now() - s, err: String(e) };
      }
    }),
  );
  const wall = performance.now() - t0;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const okN = results.filter((r) => r.ok).length;
  const f1 = (x) => x.toFixed(0);
  console.log(`concurrent uploads: ${N} (txt/docx/html), format=${FORMAT}, rubric=${RUBRIC}, server executor=${health.executor}×${health.workers}, cores=${availableParallelism()}`);
  console.log(`succeeded: ${okN}/${N}`);
  console.log(`latency ms: p50 ${f1(pct(ms, 50))}  p95 ${f1(pct(ms, 95))}  max ${f1(ms[ms.length - 1])}  min ${f1(ms[0])}`);
  console.log(`wall ${f1(wall)} ms, ${(N / (wall / 1000)).toFixed(1)} reports/s`);
  for (const r of results.filter((x) => !x.ok)) console.log(`FAILED ${r.name}: HTTP ${r.status} ${r.err}`);
  process.exitCode = okN === N ? 0 : 1;
} finally {
  await server.close();
}
