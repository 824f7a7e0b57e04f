// HTML injection corpus: hostile strings in the REPORT (text, place, file name) and in the
// RUBRIC (title, indicator title, remedy, terms) are rendered into the scorecard HTML and the
// rubric docs, loaded in Chromium, and nothing may execute: no `window.__pwned`, no dialog, no
// request leaving the page, no `javascript:` link, and RTL overrides stay isolated. Each page is
// loaded twice: as generated, and with its CSP <meta> removed, so the guarantee comes from
// escaping and not only from the policy.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { C, R, X, S, pipelineReady, chromiumPath, CHROMIUM_ARGS, ROOT } from './fixtures/robust/helpers';
import * as renderer from '@fazhi/renderer';
import * as rubricDocs from '../apps/renderer/src/rubric-docs';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const RD = renderer as Any;
const DOCS = rubricDocs as Any;

export const PAYLOADS = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '"><svg onload="window.__pwned=\'svg\'">',
  "'><a href=\"javascript:window.__pwned='link'\">点此查看</a>",
  'javascript:window.__pwned="bare-js-url"',
  '<a href="JaVaScRiPt&colon;window.__pwned=1">x</a>',
  '<style>body{background:url(http://evil.test/css)}</style>',
  '<div style="width:expression(window.__pwned=\'css\');background-image:url(//evil.test/bg)">',
  '<link rel="stylesheet" href="http://evil.test/x.css">',
  '</script><script>window.__pwned="breakout"</script>',
  '<!--<script>window.__pwned="comment"</script>-->',
  '{{constructor.constructor("window.__pwned=\'hbs\'")()}}',
  '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<meta http-equiv="refresh" content="0;url=http://evil.test/">',
  '<base href="http://evil.test/">',
  '<form action="http://evil.test/"><button>提交</button></form>',
  '报告\u202Efdp.exe',
];
const RLO = '\u202E';

const injectedReport = () =>
  [
    `首页 > 政务公开 ${PAYLOADS[0]}`,
    `<img src=x onerror="window.__pwned='img'">镇2024年法治政府建设年度报告`,
    '一、主要举措和成效',
    ...PAYLOADS.map((p, i) => `（${i + 1}）全年开展合法性审查${12 + i}件${p}，党委书记在年终述职中同步述法${p}。`),
    `全年排查矛盾纠纷120件，成功调解118件，调解成功率98.3%${PAYLOADS[3]}。`,
    `全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度${PAYLOADS[1]}。`,
    `村（社区）法律顾问全覆盖${RLO}exe.txt${PAYLOADS[7]}`,
    '二、存在的不足和原因',
    `一是${PAYLOADS[9]}普法形式较为单一。`,
    '三、党政主要负责人履行推进法治建设第一责任人职责情况',
    `主要负责人带头述法${PAYLOADS[5]}。`,
    '四、下一年度工作安排',
    `下一步将${PAYLOADS[2]}继续推进。`,
  ].join('\n');

const q = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar is a JSON string
const injectedRubric = () => `id: evil-county
title: ${q(`恶意细则${PAYLOADS[0]}${PAYLOADS[4]}`)}
version: 1.0.0
description: ${q(PAYLOADS.join(' '))}
extends: national
facts:
  shufa:
    kind: status
    title: ${q(`述法${PAYLOADS[1]}`)}
    terms: [述法, ${q(PAYLOADS[0])}, ${q(PAYLOADS[9])}]
categories:
  - id: leadership
    title: ${q(`党政主要负责人履职${PAYLOADS[2]}`)}
    indicators:
      - id: leader-shufa
        title: ${q(`述法${PAYLOADS[3]}${RLO}exe.txt`)}
        remedy: ${q(`写明述法情况${PAYLOADS.join('')}`)}
        description: ${q(PAYLOADS[7])}
`;

const exe = chromiumPath();
// Without Chromium the browser half cannot run; that is allowed on a developer machine only.
const skipBrowser = !exe && !process.env.CI;
const ready = pipelineReady && typeof RD.renderScorecardHtml === 'function';

// Skipped only while the pipeline/renderer entry points are still to land (other issues).
describe.skipIf(!ready || skipBrowser)('HTML injection corpus in Chromium', () => {
  let dir: string;
  let browser: Any;
  const pages: { name: string; html: string }[] = [];

  beforeAll(async () => {
    if (!exe) throw new Error('CI is set but no Chromium was found: install chromium or set FAZHI_CHROMIUM');
    dir = mkdtempSync(join(tmpdir(), 'fazhi-robust-inj-'));
    const rubricFile = join(dir, 'evil.yaml');
    writeFileSync(rubricFile, injectedRubric());
    const evil = C.loadRubric(rubricFile);
    const national = C.loadRubric('national');
    const text = injectedReport();
    for (const [rname, loaded] of [['evil-rubric', evil], ['national', national]] as const) {
      const doc = await R.readBuffer(Buffer.from(text), `<img src=x onerror="window.__pwned='file'">${RLO}fdp.txt`);
      const facts = X.extractFacts(doc, X.compileExtractor(loaded));
      const card = S.scoreFacts(loaded, facts, { generatedAt: '2026-01-01T00:00:00.000Z' });
      // the corpus must really reach the page: evidence quotes carry payloads
      expect(JSON.stringify(card)).toContain('<script>');
      pages.push({ name: `scorecard/${rname}`, html: RD.renderScorecardHtml(card, loaded, { sourceText: doc.text, lang: 'zh', backHref: '../index.html' }) });
      if (rname === 'evil-rubric') pages.push({ name: `scorecard-en/${rname}`, html: RD.renderScorecardHtml(card, loaded, { sourceText: doc.text, lang: 'en' }) });
    }
    if (typeof DOCS.renderRubricDocs === 'function') pages.push({ name: 'rubric-docs/evil', html: DOCS.renderRubricDocs(evil).html });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders pages that contain the payload text (escaped)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) expect(p.html).toMatch(/&lt;script&gt;|&#x3C;script|&#60;script/i);
  });

  for (const csp of [true, false]) {
    it(`nothing executes ${csp ? 'with' : 'even without'} the page's CSP`, async () => {
      for (const { name, html } of pages) {
        const page = await browser.newPage();
        const requests: string[] = [];
        const dialogs: string[] = [];
        page.on('dialog', (d: Any) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.route('**/*', (r: Any) => {
          requests.push(r.request().url());
          return r.abort();
        });
        const content = csp ? html : html.replace(/<meta[^>]+Content-Security-Policy[^>]*>/gi, '');
        await page.setContent(content, { waitUntil: 'load' });
        // no link may carry a script URL (a click on it would run it)
        const hrefs: string[] = await page.$$eval('a[href]', (as: Any[]) => as.map((a) => a.getAttribute('href')));
        for (const h of hrefs) expect(h.trim().toLowerCase().replace(/[\s\u0000-\u001f]/g, ''), `${name}: link`).not.toMatch(/^(javascript|vbscript|data):/);
        await page.waitForTimeout(50);
        const probe = await page.evaluate(() => ({
          pwned: (window as Any).__pwned,
          handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) && /__pwned/.test(a.value)).map((a) => `${el.tagName}@${a.name}`)),
          // data blocks (<script type="application/json">) may carry the text; executable ones may not
          scripts: [...document.scripts].filter((s) => !/json/i.test(s.type) && /__pwned/.test(s.textContent ?? '')).length,
          iframes: document.querySelectorAll('iframe,base,form[action],link[href*="evil"],meta[http-equiv="refresh"]').length,
        }));
        expect(probe.pwned, `${name}: window.__pwned`).toBeUndefined();
        expect(probe.handlers, `${name}: injected handlers`).toEqual([]);
        expect(probe.scripts, `${name}: injected scripts`).toBe(0);
        expect(probe.iframes, `${name}: injected iframe/base/form/link/refresh`).toBe(0);
        expect(dialogs, `${name}: dialogs`).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank'), `${name}: requests`).toEqual([]);
        await page.close();
      }
    });
  }

  it('RTL overrides (U+202E) cannot reorder the page: every text containing one is bidi-isolated or neutralised', async () => {
    for (const { name, html } of pages) {
      const page = await browser.newPage();
      await page.route('**/*', (r: Any) => r.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const leaks: string[] = await page.evaluate((rlo: string) => {
        const out: string[] = [];
        const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) {
          if (!n.nodeValue?.includes(rlo) || n.parentElement?.closest('script,style,template,noscript')) continue;
          let ok = false;
          for (let el = n.parentElement; el && !ok; el = el.parentElement) {
            const ub = getComputedStyle(el).unicodeBidi;
            if (el.tagName === 'BDI' || /isolate|plaintext/.test(ub)) ok = true;
          }
          if (!ok) out.push(`${n.parentElement?.tagName}: ${n.nodeValue.slice(0, 40)}`);
        }
        return out;
      }, RLO);
      expect(leaks, `${name}: un-isolated U+202E`).toEqual([]);
      await page.close();
    }
  });
});

void ROOT;
