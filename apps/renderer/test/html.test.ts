import { describe, expect, it } from 'vitest';
import { renderScorecardHtml } from '../src/index.js';
import { fixtureCard, fixtureRubric, fixtureText } from './helpers.js';

describe('scorecard HTML', () => {
  it('matches the committed snapshot for the canonical fixture', async () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText(), lang: 'zh' });
    await expect(html).toMatchFileSnapshot('./__snapshots__/qingshui-2024.html');
  });

  it('is self-contained: CSP meta, no external URL', () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText() });
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;/);
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/|file:)/);
    expect(html).not.toMatch(/@import|url\((?!data:)/);
  });

  it('highlights every evidence span and links both ways', () => {
    const card = fixtureCard();
    const text = fixtureText();
    const html = renderScorecardHtml(card, fixtureRubric(), { sourceText: text });
    for (const ind of card.indicators) {
      expect(html).toContain(`<tr id="ind-${ind.id}">`);
      for (const e of ind.evidence) {
        const id = `ev-${e.start}-${e.end}`;
        expect(html).toContain(`href="#${id}"`);
        expect(html).toMatch(new RegExp(`id="${id}"`));
      }
    }
    // the mark for the mediation figures points back to its indicator row
    expect(html).toMatch(/<mark id="ev-\d+-\d+" class="m-done" data-ind="ind-mediation-success-rate" title="人民调解成功率"><a href="#ind-mediation-success-rate">成功调解162件<\/a><\/mark>/);
    // a span shared by two indicators is marked once and names both
    expect(html).toMatch(/data-ind="ind-gov-legal-adviser ind-village-adviser-coverage"/);
    // planned evidence is shown as a plan
    expect(html).toMatch(/class="m-planned"[^>]*><a href="#ind-review-litigation">力争行政机关负责人出庭应诉率达到100%/);
  });

  it('shows override marks, the review list, flags and the grade', () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText() });
    expect(html).toContain('原得分 4 → 复核后 3');
    expect(html).toContain('县司法局 王明');
    expect(html).toContain('<a href="#ind-review-litigation">行政复议与应诉</a>');
    expect(html).toContain('套话多、数据少');
    expect(html).toMatch(/<div class="big">84<\/div>/);
    expect(html).toContain('良好');
  });

  it('renders English labels with lang en and keeps report text as is', () => {
    const html = renderScorecardHtml(fixtureCard(), fixtureRubric(), { sourceText: fixtureText(), lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Quality flags');
    expect(html).toContain('清水镇');
  });

  it('works without the source text and skips spans that do not match it', () => {
    const card = fixtureCard();
    const noText = renderScorecardHtml(card, fixtureRubric(), {});
    expect(noText).not.toContain('报告原文');
    expect(noText).not.toContain('href="#ev-');
    const shifted = renderScorecardHtml(card, fixtureRubric(), { sourceText: '前言\n' + fixtureText() });
    expect(shifted).toMatch(/\d+ 处证据的位置与原文不一致/);
  });
});

describe('evidence from .docx / .pdf input', () => {
  it('names the page or paragraph next to the line', () => {
    const card = fixtureCard();
    card.indicators[0]!.evidence[0]!.page = 2;
    card.indicators[0]!.evidence[1]!.paragraph = 14;
    const html = renderScorecardHtml(card, fixtureRubric(), { sourceText: fixtureText() });
    expect(html).toContain('第 2 页 · 第 5 行');
    expect(html).toContain('第 14 段 · 第 12 行');
  });
});
