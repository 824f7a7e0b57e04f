import { describe, expect, it } from 'vitest';
import type { Scorecard } from '@fazhi/core';
import { renderScorecardHtml } from '../src/index.js';
import { fixtureCard, fixtureRubric } from './helpers.js';

export const EVIL = '</script><img src=x onerror=alert(1)>';
export const JS_URL = 'javascript:alert(document.domain)';

/** A report whose text, place and quotes carry markup, and a rubric whose titles do. */
export function evilCase() {
  const text = `${EVIL}镇2024年法治政府建设年度报告\n链接 ${JS_URL} 全年开展合法性审查52件${EVIL}。\n<style>body{display:none}</style>{{constructor}}`;
  const start = text.indexOf('全年开展');
  const quote = text.slice(start, text.indexOf('。', start));
  const card: Scorecard = fixtureCard();
  card.file = `${EVIL}.txt`;
  card.place = `${EVIL}镇`;
  card.indicators = card.indicators.slice(0, 2).map((i) => ({
    ...i,
    title: `${EVIL}${JS_URL}`,
    valueText: EVIL,
    remedy: JS_URL,
    evidence: [{ quote, start, end: start + quote.length, line: 2, section: EVIL, modality: 'done' as const }],
  }));
  card.categories = card.categories.map((c) => ({ ...c, title: EVIL }));
  card.flags = [{ code: 'artefacts', severity: 'warn', message: EVIL, evidence: [] }];
  card.missing = [];
  card.review = [card.indicators[0]!.id];
  const loaded = fixtureRubric();
  loaded.rubric.title = `${JS_URL}${EVIL}`;
  for (const c of loaded.rubric.categories) for (const i of c.indicators) i.basis.text = EVIL;
  return { card, loaded, text };
}

describe('untrusted report and rubric text is escaped', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`never lets markup through (${lang})`, () => {
      const { card, loaded, text } = evilCase();
      const html = renderScorecardHtml(card, loaded, { sourceText: text, lang });
      expect(html).not.toContain('<img');
      expect(html).not.toContain('</script><img');
      expect(html).not.toContain('<style>body');
      expect(html).toContain('&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      // exactly the two script elements the template has (JSON data + our own code)
      expect(html.match(/<script\b/g)).toHaveLength(2);
      expect(html.match(/<\/script>/g)).toHaveLength(2);
      // javascript: only ever appears as text, never as a URL attribute
      expect(html).not.toMatch(/(href|src|action)\s*=\s*"?\s*javascript:/i);
      // inlined JSON cannot close its script tag and still parses back to the card
      const json = /<script type="application\/json" id="fazhi-scorecard">([\s\S]*?)<\/script>/.exec(html)![1]!;
      expect(json).not.toContain('<');
      expect(json).toContain('\\u003c/script\\u003e');
      expect(JSON.parse(json).place).toBe(card.place);
      // the evidence mark still lands on the quote
      expect(html).toMatch(/<mark id="ev-\d+-\d+"/);
    });
  }
});
