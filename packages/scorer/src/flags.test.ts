import { describe, expect, it } from 'vitest';
import type { FactSet, FlagCode } from '@fazhi/core';
import { scoreFacts, THRESHOLDS } from './index.js';
import { ev, fact, fullFacts, nationalRubric, withFacts } from './test-helpers.js';

const loaded = nationalRubric();
const township = nationalRubric((r) => {
  r.id = 'township';
  r.applies_to = ['township'];
});
const AT = '2026-01-01T00:00:00.000Z';
const codes = (fs: FactSet, l = loaded) => scoreFacts(l, fs, { generatedAt: AT }).flags.map((f) => f.code);
const flag = (fs: FactSet, code: FlagCode, l = loaded) => scoreFacts(l, fs, { generatedAt: AT }).flags.find((f) => f.code === code);
const signals = (patch: Partial<FactSet['signals']>): FactSet => {
  const fs = fullFacts();
  return { ...fs, signals: { ...fs.signals, ...patch } };
};

describe('quality flags', () => {
  it('a clean report has none', () => {
    expect(codes(fullFacts())).toEqual([]);
  });

  const table: { name: string; fs: FactSet; code: FlagCode | null; l?: typeof loaded; msg?: RegExp }[] = [
    {
      name: 'late_publication from the publication fact',
      fs: withFacts(fullFacts(), { publication: fact('publication', { publishDate: '2025-04-15', deadline: '2025-04-01', daysLate: 14, status: 'late' }, [ev('2025年4月15日')]) }),
      code: 'late_publication',
      msg: /2025-04-15.*14 天/,
    },
    {
      name: 'late_publication from meta when the fact is absent',
      fs: {
        ...withFacts(fullFacts(), { publication: undefined }),
        meta: { ...fullFacts().meta, publishDate: '2025-05-06' },
        metaEvidence: { ...fullFacts().metaEvidence, publishDate: [ev('2025年5月6日')] },
      },
      code: 'late_publication',
      msg: /2025-04-01 35 天/,
    },
    {
      name: 'published on 1 April is on time',
      fs: { ...withFacts(fullFacts(), { publication: undefined }), meta: { ...fullFacts().meta, publishDate: '2025-04-01' } },
      code: null,
    },
    { name: 'year_mismatch from body years', fs: signals({ years: { title: 2024, body: [2023, 2024], plans: [], signing: null, mismatches: [ev('2023年全镇共排查')] } }), code: 'year_mismatch', msg: /2023/ },
    { name: 'year_mismatch from a title year', fs: signals({ years: { title: 2023, body: [2024], plans: [], signing: null, mismatches: [] } }), code: 'year_mismatch', msg: /标题写的是 2023/ },
    {
      name: 'rate_mismatch: 98% stated, 150/165 computed',
      fs: withFacts(fullFacts(), { mediation: fact('ratio', { disputes: 165, resolved: 150, rate_pct: 98 }, [ev('成功率98%')]) }),
      code: 'rate_mismatch',
      msg: /90\.91%/,
    },
    { name: 'rate within a rounding step is fine (162/165 = 98.18 vs 98)', fs: fullFacts(), code: null },
    {
      name: 'rate with one decimal is checked to 0.1 (98.5 vs 98.18)',
      fs: withFacts(fullFacts(), { mediation: fact('ratio', { disputes: 165, resolved: 162, rate_pct: 98.5 }, [ev('成功率98.5%')]) }),
      code: 'rate_mismatch',
    },
    {
      name: 'resolved above disputes',
      fs: withFacts(fullFacts(), { mediation: fact('ratio', { disputes: 10, resolved: 12, rate_pct: 100 }, [ev('成功率100%')]) }),
      code: 'rate_mismatch',
    },
    {
      name: 'approximate counts are not checked',
      fs: withFacts(fullFacts(), { mediation: fact('ratio', { disputes: 100, resolved: 90, rate_pct: 98 }, [ev('排查纠纷100余件')], { approximate: ['disputes'] }) }),
      code: null,
    },
    { name: 'duplicate_paragraph', fs: signals({ duplicateParagraphs: [{ first: ev('同一段落'), second: ev('同一段落') }] }), code: 'duplicate_paragraph' },
    {
      name: 'template_text: few numbers, many stock phrases',
      fs: withFacts(signals({ quantifiedPer1000: 0.5, stockPhraseShare: 0.4, stockPhraseExamples: [ev('高度重视，扎实推进')] }), {
        specificity: fact('specificity', { quantPer1000: 0.5, stockShare: 0.4 }, [ev('高度重视')]),
      }),
      code: 'template_text',
    },
    {
      name: 'many stock phrases but many numbers is not template text',
      fs: withFacts(signals({ stockPhraseShare: 0.4 }), { specificity: fact('specificity', { quantPer1000: 6, stockShare: 0.4 }, [ev('52件')]) }),
      code: null,
    },
    {
      name: 'missing_part',
      fs: withFacts(fullFacts(), { structure: fact('structure', { found: ['measures', 'next_year'], missing: ['shortcomings', 'leader_duties'] }, [ev('一、主要举措和成效')]) }),
      code: 'missing_part',
      msg: /存在的不足和原因、党政主要负责人/,
    },
    { name: 'artefacts', fs: signals({ artefacts: [{ code: 'web_chrome', count: 3 }] }), code: 'artefacts' },
    {
      name: 'unit_type_mismatch: county report under a township rubric',
      fs: { ...fullFacts(), meta: { ...fullFacts().meta, adminLevel: 'county' } },
      code: 'unit_type_mismatch',
      l: township,
      msg: /县（市、区）的报告.*适用于乡镇\/街道/,
    },
    { name: 'no unit_type_mismatch under a rubric that applies', fs: { ...fullFacts(), meta: { ...fullFacts().meta, adminLevel: 'county' } }, code: null },
    { name: 'unknown level is never a mismatch', fs: { ...fullFacts(), meta: { ...fullFacts().meta, adminLevel: 'unknown' } }, code: null, l: township },
  ];
  it.each(table)('$name', ({ fs, code, l, msg }) => {
    const got = codes(fs, l);
    if (code === null) {
      expect(got).toEqual([]);
      return;
    }
    expect(got).toEqual([code]);
    const f = flag(fs, code, l)!;
    if (msg) expect(f.message).toMatch(msg);
    if (code !== 'artefacts') expect(f.evidence.length).toBeGreaterThan(0);
  });

  it('orders flags by their code order and keeps the thresholds in one place', () => {
    const fs = withFacts(signals({ duplicateParagraphs: [{ first: ev('段'), second: ev('段') }], artefacts: [{ code: 'x', count: 1 }] }), {
      publication: fact('publication', { publishDate: '2025-06-01', deadline: '2025-04-01', daysLate: 61, status: 'very_late' }, [ev('2025年6月1日')]),
    });
    const card = scoreFacts(loaded, fs, { generatedAt: AT });
    expect(card.flags.map((f) => f.code)).toEqual(['late_publication', 'duplicate_paragraph', 'artefacts']);
    expect(card.flags[0]!.severity).toBe('error');
    expect(THRESHOLDS.template.maxQuantPer1000).toBeGreaterThan(0);
  });
});

describe('duplicate_paragraph', () => {
  it('says when a copy was lightly edited (its quotes differ beyond punctuation and figures)', () => {
    const edited = signals({ duplicateParagraphs: [{ first: ev('进一步整合各类法治资源，完善平台建设。'), second: ev('进一步整合法治资源，完善平台建设。') }] });
    expect(flag(edited, 'duplicate_paragraph')!.message).toMatch(/稍作改动/);
    const same = signals({ duplicateParagraphs: [{ first: ev('排查纠纷87件。'), second: ev('排查纠纷，12件！') }] });
    expect(flag(same, 'duplicate_paragraph')!.message).not.toMatch(/稍作改动/);
    expect(flag(same, 'duplicate_paragraph')!.evidence.length).toBe(2);
  });
});

describe('template_text with almost no figures', () => {
  it('does not judge an excerpt shorter than the minimum', () => {
    const fs = withFacts(signals({ chars: THRESHOLDS.template.minChars - 1, quantifiedPer1000: 0, stockPhraseShare: 0.5 }), {
      specificity: fact('specificity', { quantPer1000: 0, stockShare: 0.5 }, [ev('扎实推进')]),
    });
    expect(codes(fs)).toEqual([]);
  });
  it('flags a report under the bare threshold whatever its stock-phrase share', () => {
    const fs = withFacts(signals({ quantifiedPer1000: 0, stockPhraseShare: 0.02 }), {
      specificity: fact('specificity', { quantPer1000: 0, stockShare: 0.02 }, [ev('扎实推进')]),
    });
    const f = flag(fs, 'template_text')!;
    expect(f.message).toMatch(/几乎没有可核对的数字/);
  });
});
