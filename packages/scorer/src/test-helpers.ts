// Hand-built rubrics and FactSets for the scorer's tests (not part of the public API).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { Rubric, type Evidence, type Fact, type FactSet } from '@fazhi/core';
import { parse } from 'yaml';
import type { LoadedRubricLike } from './score.js';


/** The national rubric as of 1.0.0 (frozen fixture), parsed without the loader so scorer tests stand alone. */
export function nationalRubric(patch: (r: Rubric) => void = () => {}): LoadedRubricLike {
  const src = readFileSync(fileURLToPath(new URL('./__fixtures__/rubric.yaml', import.meta.url)), 'utf8');
  const rubric = Rubric.parse(parse(src));
  patch(rubric);
  return { rubric, sha256: createHash('sha256').update(src).digest('hex'), file: '__fixtures__/rubric.yaml', chain: ['national'] };
}

let offset = 0;
/** An evidence span; offsets only need to be consistent inside a test. */
export function ev(quote: string, modality: Evidence['modality'] = 'done', line = 1): Evidence {
  const start = offset;
  offset += quote.length + 1;
  return { quote, start, end: start + quote.length, line, section: '一、主要举措和成效', modality };
}

export const fact = (kind: string, value: unknown, evidence: Evidence[] = [ev(`${kind}的原文`)], extra: Partial<Fact> = {}): Fact => ({
  kind,
  value,
  evidence,
  ...extra,
});

/** A FactSet where every fact of the national rubric is found and earns full points. */
export function fullFacts(file = 'reports/甲镇.txt', patch: Partial<FactSet> = {}): FactSet {
  const sha = createHash('sha256').update(file).digest('hex');
  return {
    schemaVersion: 1,
    file,
    source: { sha256: sha, format: 'txt', encoding: 'utf-8', bytes: 1000, chars: 900 },
    tool: { name: 'fazhi-scorecard', version: '0.1.0' },
    rubric: { id: 'national', version: '1.0.0', sha256: '0'.repeat(64) },
    meta: {
      title: '甲镇2024年法治政府建设年度报告',
      place: '甲镇',
      issuer: '甲镇人民政府',
      adminLevel: 'township',
      reportYear: 2024,
      publishDate: '2025-03-12',
      script: 'simplified',
    },
    metaEvidence: { title: [ev('甲镇2024年法治政府建设年度报告')], adminLevel: [ev('甲镇人民政府')] },
    sections: [],
    facts: {
      structure: fact('structure', { found: ['measures', 'shortcomings', 'leader_duties', 'next_year'], missing: [] }, [
        ev('一、主要举措和成效'),
        ev('二、存在的不足和原因'),
      ]),
      publication: fact(
        'publication',
        { publishDate: '2025-03-12', deadline: '2025-04-01', daysLate: -20, status: 'on_time' },
        [ev('发布时间：2025-03-12')],
      ),
      shufa: fact('status', 'done', [ev('镇党委书记、镇长在年终述职中同步述法')]),
      leader_meetings: fact('count', 4, [ev('专题研究法治建设工作4次')]),
      leader_study: fact('count', 12, [ev('会前学法12次')]),
      three_systems: fact('checklist', 'all', [ev('全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度')]),
      legal_adviser: fact('coverage', { present: true, coverage_pct: 100, units_covered: 26, units_total: 26 }, [
        ev('全镇26个村（社区）均聘请了法律顾问'),
      ]),
      legality_reviews: fact('count', 52, [ev('开展合法性审查52件')]),
      mediation: fact('ratio', { disputes: 165, resolved: 162, rate_pct: 98 }, [ev('排查矛盾纠纷165件，成功调解162件，调解成功率98%')]),
      appearance_rate: fact('rate', 100, [ev('行政机关负责人出庭应诉率100%')]),
      pufa_activities: fact('count', 24, [ev('开展普法宣传活动24场')]),
      specificity: fact('specificity', { quantPer1000: 5.2, stockShare: 0.04 }, [ev('全年开展合法性审查52件')]),
    },
    signals: {
      chars: 3200,
      duplicateParagraphs: [],
      quantifiedPer1000: 5.2,
      quantifiedCount: 12,
      stockPhraseShare: 0.04,
      stockPhraseExamples: [],
      years: { title: 2024, body: [2024], plans: [2025], signing: 2025, mismatches: [] },
      artefacts: [],
    },
    ...patch,
  };
}

/** Clone and edit a FactSet's facts. */
export function withFacts(fs: FactSet, facts: Record<string, Fact | undefined>): FactSet {
  const copy: FactSet = structuredClone(fs);
  for (const [k, v] of Object.entries(facts)) {
    if (v === undefined) delete copy.facts[k];
    else copy.facts[k] = v;
  }
  return copy;
}
