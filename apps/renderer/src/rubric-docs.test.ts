import { describe, expect, it } from 'vitest';
import { Rubric } from '@fazhi/core';
import { describeScoring, htmlEscape, isProposal, mdEscape, renderRubricDocs } from './rubric-docs.js';

const EVIL = '</script><img src=x onerror=alert(1)>';

/** A small county rubric written by hand, with hostile text where a careless author might put it. */
function rubric(): Rubric {
  return Rubric.parse({
    id: 'test-county',
    title: `测试县细则 ${EVIL}`,
    version: '1.2.0',
    description: '标注 official: false 的阈值为建议。',
    applies_to: ['township'],
    total: 20,
    grades: [
      { name: '优秀', min: 90 },
      { name: '较差', min: 0 },
    ],
    facts: {
      shufa: { kind: 'status', title: '述法', terms: ['述法', EVIL] },
      mediation: {
        kind: 'ratio',
        title: '人民调解',
        subject: ['纠纷'],
        total: { terms: ['排查'], units: ['件'] },
        part: { terms: ['成功调解'], units: ['件'] },
        rate: { terms: ['调解成功率'] },
        keys: { total: 'disputes', part: 'resolved', rate: 'rate_pct' },
        exclude: ['满意率'],
      },
    },
    categories: [
      {
        id: 'leadership',
        title: '履职',
        indicators: [
          {
            id: 'leader-shufa',
            title: `述法 ${EVIL}`,
            fact: 'shufa',
            points: 10,
            scoring: { type: 'map', values: { done: 10, planned: 2, absent: 0 }, official: true },
            whenMissing: 'zero',
            basis: { text: `官方依据 ${EVIL}`, official: true, source: '中办发〔2016〕71号' },
            remedy: `写明述法形式 ${EVIL}`,
            examples: [
              { text: `年终述职中同步述法。${EVIL}`, earns: true },
              { text: '下一步将开展述法。', earns: false },
            ],
          },
          {
            id: 'mediation-success-rate',
            title: '人民调解成功率',
            fact: 'mediation',
            points: 10,
            scoring: { type: 'bands', of: 'rate_pct', bands: [{ min: 98, points: 10 }, { min: 95, points: 7 }], official: false },
            whenMissing: 'review',
            basis: { text: '成功率 ≥ 98% 得满分为本细则建议。', official: false },
            remedy: '写明件数和成功率。',
            examples: [],
          },
        ],
      },
    ],
  });
}

describe('rubric docs', () => {
  const docs = renderRubricDocs({ rubric: rubric(), sha256: 'f'.repeat(64), chain: ['test-county', 'township'] });

  it('escapes rubric text in HTML: no tag from the rubric survives', () => {
    expect(docs.html).not.toContain('<img');
    expect(docs.html).not.toContain('</script><');
    expect(docs.html).toContain(htmlEscape(EVIL));
    expect(docs.html).toContain('Content-Security-Policy');
    expect(docs.html).toContain("default-src 'none'");
    expect(docs.html).toContain('@media print');
  });

  it('escapes rubric text in Markdown too (a Markdown viewer renders raw HTML; code spans are literal)', () => {
    const outsideCode = docs.markdown.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toContain('<img');
    expect(outsideCode).not.toContain('</script>');
    expect(docs.markdown).toContain('`</script><img src=x onerror=alert(1)>`');
    expect(docs.markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('lists every indicator with its points, scoring in words, terms, basis, remedy and examples', () => {
    for (const d of [docs.html, docs.markdown]) {
      expect(d).toContain('人民调解成功率');
      expect(d).toContain('10 分');
      expect(d).toContain('≥ 98% → 10 分');
      expect(d).toContain('≥ 95% → 7 分');
      expect(d).toContain('已开展（写明已完成） → 10 分');
      expect(d).toContain('成功调解');
      expect(d).toContain('满意率');
      expect(d).toContain('中办发〔2016〕71号');
      expect(d).toContain('写明件数和成功率。');
      expect(d).toContain('下一步将开展述法。');
      expect(d).toContain('待复核');
    }
  });

  it('marks official: false thresholds and bases as proposals, and official ones not', () => {
    const r = rubric();
    expect(isProposal(r.categories[0]!.indicators[1]!)).toBe(true);
    expect(isProposal(r.categories[0]!.indicators[0]!)).toBe(false);
    const section = (d: string, from: string, to: string) => d.slice(d.indexOf(from), to ? d.indexOf(to, d.indexOf(from)) : undefined);
    const medHtml = section(docs.html, 'id="mediation-success-rate"', '</section>');
    expect(medHtml).toContain('建议阈值，非官方规定');
    expect(medHtml).toContain('建议（proposal）');
    const shufaMd = section(docs.markdown, '<a id="leader-shufa">', '<a id="mediation-success-rate">');
    expect(shufaMd).not.toContain('建议');
    expect(shufaMd).toContain('（官方）');
    expect(section(docs.markdown, '<a id="mediation-success-rate">', '')).toContain('建议（proposal）');
  });

  it('is deterministic (no dates), so committed docs can be checked for staleness', () => {
    expect(renderRubricDocs({ rubric: rubric(), sha256: 'f'.repeat(64), chain: ['test-county', 'township'] })).toEqual(docs);
  });

  it('describes deductions and proportional scoring in words', () => {
    const base = rubric().categories[0]!.indicators[0]!;
    expect(describeScoring({ ...base, scoring: { type: 'deduct', per: 2.5, official: false } }, { kind: 'structure', title: '结构', parts: ['measures', 'next_year'] }).join('\n')).toBe(
      '每缺一项扣 2.5 分，扣完为止（满分 10 分），各项为：\n主要举措和成效\n下一年度工作安排',
    );
    expect(describeScoring({ ...base, points: 6, scoring: { type: 'proportional', of: 'coverage_pct', full: 100, official: false } }, undefined)[0]).toContain('达到 100 得满分 6 分');
  });

  it('mdEscape neutralises table pipes and emphasis', () => {
    expect(mdEscape('a|b*c_d')).toBe('a\\|b\\*c\\_d');
  });
});
