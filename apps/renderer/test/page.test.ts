// The generated pages in a real Chromium: no console errors (a CSP violation would be one), no
// network requests, the inline scripts run under the CSP hash, and the escaped report text
// stays text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreBatch } from '@fazhi/scorer';
import { CHROMIUM_ARGS, renderDashboardHtml, renderScorecardHtml } from '../src/index.js';
import { chromiumPath, skipBrowser } from './browser.js';
import { evilCase, fixtureCard, fixtureRubric, fixtureText } from './helpers.js';

describe.skipIf(skipBrowser)('pages in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    dir = mkdtempSync(join(tmpdir(), 'fazhi-page-test-'));
  }, 60000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, html: string): Promise<{ page: Page; errors: string[]; requests: string[]; dialogs: string[] }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests, dialogs };
  }

  it('scorecard: no errors, no requests, click-to-highlight works', async () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText(), backHref: 'index.html' });
    const { page, errors, requests } = await open('card.html', html);
    // clicking a quote in the indicator table highlights its passage in the text
    // dispatched on the link itself: without a CJK system font the glyph boxes make a pointer click land beside it
    await page.dispatchEvent('#ind-mediation-success-rate a[href^="#ev-"] >> nth=1', 'click');
    const active = await page.$$eval('mark.active', (ms) => ms.map((m) => m.textContent));
    expect(errors).toEqual([]);
    expect(active).toEqual(['成功调解162件']);
    // clicking a passage highlights the row and every passage of that indicator
    await page.dispatchEvent('mark:has-text("合法性审查52件") a', 'click');
    expect(await page.$eval('#ind-legality-review', (e) => e.classList.contains('active'))).toBe(true);
    expect(page.url()).toMatch(/#ind-legality-review$/);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('dashboard: no errors, no requests, the table sorts', async () => {
    const a = fixtureCard();
    const b = fixtureCard();
    b.file = 'other.txt';
    b.place = '白沙镇';
    b.total = 61;
    b.grade = '一般';
    b.stamps.source.sha256 = 'f'.repeat(64);
    const result = scoreBatch([a, b]);
    const html = renderDashboardHtml({
      result,
      cards: [a, b],
      failures: [{ file: 'broken.docx', code: 'E_DOCX_CORRUPT', message: 'Word 文件已损坏' }],
      loaded: fixtureRubric(),
      links: { [a.file]: 'qingshui', [b.file]: 'other' },
    });
    const { page, errors, requests } = await open('index.html', html);
    const places = () => page.$$eval('#ranking table tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
    expect(await places()).toEqual(['清水镇', '白沙镇']);
    await page.click('#ranking th:nth-child(4)'); // 总分 ascending
    expect(await places()).toEqual(['白沙镇', '清水镇']);
    expect(await page.textContent('#failed')).toContain('broken.docx');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('a report and rubric full of markup run no script and load nothing', async () => {
    const { card, loaded, text } = evilCase();
    const { page, errors, requests, dialogs } = await open('evil.html', renderScorecardHtml(card, loaded, { sourceText: text }));
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.$$('body style')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.textContent('h1')).toContain('</script><img src=x onerror=alert(1)>');
    await page.close();
  });
});
