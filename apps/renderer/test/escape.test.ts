import { describe, expect, it } from 'vitest';
import { renderScorecardHtml } from '../src/index.js';
import { EVIL, evilCase } from './helpers.js';

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
