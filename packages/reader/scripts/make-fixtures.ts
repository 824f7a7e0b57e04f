// One-off: builds the committed fixtures in test/fixtures from report.source.txt (run `pnpm run
// fixtures` in packages/reader; needs /usr/bin/chromium for the PDF and qpdf for the encrypted PDF).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/cn2t';
import { encodeGb18030 } from '../test/helpers/gb18030.js';
import { toDocx, toHtml } from '../test/helpers/formats.js';
import { documentHtml, printPdf } from '../test/helpers/pdf.js';
import { splitReport } from '../test/helpers/report.js';

const dir = join(import.meta.dirname, '../test/fixtures');
const src = readFileSync(join(dir, 'report.source.txt'), 'utf8');
const w = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data);

w('report.utf8.txt', src);
w('report.utf8-bom.txt', '\uFEFF' + src);
w('report.gb18030.txt', encodeGb18030(src.replace(/\n/g, '\r\n')));
w('report.utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(src, 'utf16le')]));
const toTw = (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }).Converter({ from: 'cn', to: 'tw' });
w('report.traditional.txt', toTw(src));
const r = splitReport(src);
w('report.html', toHtml({ title: r.title, date: '2025-02-16 10:30', source: '白鹭湾镇人民政府', body: r.body, signature: r.signature }));
w('report.docx', await toDocx([r.title, ...r.body, ...r.signature], { bookmark: true }));
const pdf = await printPdf(documentHtml(r.title, r.body, r.signature));
w('report.pdf', pdf);
// Legacy Word 97 copy, converted from the .docx by LibreOffice (optional: only when soffice is installed).
if (existsSync('/usr/bin/soffice')) {
  const t = mkdtempSync(join(tmpdir(), 'fx-'));
  writeFileSync(join(t, 'report.docx'), readFileSync(join(dir, 'report.docx')));
  execFileSync('/usr/bin/soffice', ['--headless', '--convert-to', 'doc', '--outdir', t, join(t, 'report.docx')], { env: { ...process.env, HOME: t }, stdio: 'ignore' });
  writeFileSync(join(dir, 'report.doc'), readFileSync(join(t, 'report.doc')));
}
// Longer print with a running header on every page (for header/footer removal).
w('report.header.pdf', await printPdf(documentHtml(r.title, r.body, r.signature, { runningHeader: '青岚县白鹭湾镇人民政府文件', fontPx: 22 })));
// Encrypted copy (user password "secret") for E_PDF_ENCRYPTED.
if (existsSync('/usr/bin/qpdf')) {
  const t = mkdtempSync(join(tmpdir(), 'fx-'));
  writeFileSync(join(t, 'in.pdf'), pdf);
  execFileSync('/usr/bin/qpdf', ['--encrypt', 'secret', 'owner', '256', '--', join(t, 'in.pdf'), join(dir, 'encrypted.pdf')]);
}
// A scan: an image-only PDF (one drawn picture, no text layer).
const scanHtml = `<!DOCTYPE html><html><body style="margin:0"><svg width="400" height="500"><rect x="20" y="20" width="360" height="40" fill="#333"/>${Array.from({ length: 20 }, (_, i) => `<rect x="30" y="${90 + i * 20}" width="${300 - (i % 3) * 40}" height="8" fill="#777"/>`).join('')}</svg></body></html>`;
w('scan.pdf', await printPdf(scanHtml));
console.log('fixtures written to', dir);
