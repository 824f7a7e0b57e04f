// The Done-when checks on the real seed reports of ../shared/corpus. The corpus is not part
// of the project (it may not be copied in), so these tests skip cleanly when it is absent.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from '../src/index.js';
import { encodeGb18030 } from './helpers/gb18030.js';
import { toDocx, toHtml } from './helpers/formats.js';
import { canPrintPdf, documentHtml, printPdf } from './helpers/pdf.js';

const SEEDS = join(import.meta.dirname, '../../../../shared/corpus/seeds');
const seed = (prefix: string) => join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!);

describe.skipIf(!existsSync(SEEDS))('seed reports (../shared/corpus/seeds)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'fazhi-reader-seeds-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('003 is traditional, with a simplified view', async () => {
    const d = await readDocument(seed('003_'));
    expect(d.meta.script).toBe('traditional');
    expect(d.text).toContain('小龍門鄉');
    expect(d.view).toContain('小龙门乡');
    expect(d.view).not.toMatch(/[鄉縣區設報]/);
    expect(d.meta.place.value).toBe('小龙门乡');
    expect(d.meta.publishDate.value).toBe('2025-04-11');
    expect(d.meta.reportYear.value).toBe(2024);
  });

  it('004: issuer 丰都县董家镇人民政府, published 2026-02-10, metadata table not in the view', async () => {
    const d = await readDocument(seed('004_'));
    expect(d.meta.issuer.value).toBe('丰都县董家镇人民政府');
    expect(d.meta.publishDate.value).toBe('2026-02-10');
    expect(d.meta.place.value).toBe('董家镇');
    expect(d.meta.adminLevel.value).toBe('township');
    expect(d.view).not.toContain('索引号');
    expect(d.view).not.toContain('成文日期');
    for (const e of d.meta.issuer.evidence) expect(d.text.slice(e.start, e.end)).toBe(e.quote);
  });

  it('002: published 2020-06-01, not a date guessed from the garbled signature; footer not in the view', async () => {
    const d = await readDocument(seed('002_'));
    expect(d.meta.publishDate.value).toBe('2020-06-01');
    expect(d.meta.publishDate.evidence[0]?.quote).toContain('2020年06月01日');
    expect(JSON.stringify(d.meta)).not.toMatch(/2020-03-12|2020-03-01|2020-31/);
    expect(d.warnings.map((w) => w.code)).toContain('W_BROKEN_DATE');
    for (const footer of ['版权所有', 'ICP备', '投稿', '邮政编码', 'Copyright']) expect(d.view).not.toContain(footer);
    expect(d.text).toContain('版权所有');
  });

  it("000: the trailing login lines are not in the view", async () => {
    const d = await readDocument(seed('000_'));
    for (const login of ['账号+密码登录', '手机+密码登录', '还没有账号', '立即注册']) expect(d.view).not.toContain(login);
    expect(d.view.trimEnd().endsWith('违法受追究。')).toBe(true);
  });

  const metaOf = (d: Awaited<ReturnType<typeof readDocument>>) => ({
    place: d.meta.place.value,
    issuer: d.meta.issuer.value,
    adminLevel: d.meta.adminLevel.value,
    reportYear: d.meta.reportYear.value,
    publishDate: d.meta.publishDate.value,
    script: d.meta.script,
  });

  for (const id of ['004_', '001_']) {
    it(`${id}: converted to GB18030, an HTML page and a .docx, gives the same metadata`, async () => {
      const src = readFileSync(seed(id), 'utf8');
      const baseDoc = await readDocument(seed(id));
      const base = metaOf(baseDoc);
      const lines = src.split('\n');
      const files: Record<string, Uint8Array | string> = {
        'r.gb18030.txt': encodeGb18030(src),
        'r.html': toHtml({ title: '法治政府建设', body: lines }),
        'r.docx': await toDocx(lines),
      };
      for (const [name, data] of Object.entries(files)) {
        const p = join(tmp, id + name);
        writeFileSync(p, data);
        const d = await readDocument(p);
        expect(metaOf(d), name).toEqual(base);
        // same normalised body, so the extractor sees the same facts
        expect(d.view.replace(/\s+/g, ''), name).toBe(baseDoc.view.replace(/\s+/g, ''));
      }
    });
  }

  // Printing needs the Debian chromium package (installed on developer machines and in CI).
  it.skipIf(!canPrintPdf())('001: printed to PDF, gives the same metadata', async () => {
    const src = readFileSync(seed('001_'), 'utf8');
    const lines = src.split('\n').map((l) => l.trim()).filter(Boolean);
    const baseDoc = await readDocument(seed('001_'));
    const base = metaOf(baseDoc);
    const p = join(tmp, '001.pdf');
    writeFileSync(p, await printPdf(documentHtml(lines[0]!, lines.slice(1, -2), lines.slice(-2))));
    const d = await readDocument(p);
    expect(metaOf(d)).toEqual(base);
    expect(d.view.replace(/\s+/g, '')).toBe(baseDoc.view.replace(/\s+/g, ''));
  });
});
