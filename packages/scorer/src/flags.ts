// Quality flags: read FactSet signals and facts, never the text. Stable codes (core FlagCode).
import type { Evidence, FactSet, Flag, FlagCode, Rubric } from '@fazhi/core';
import { FlagCode as FlagCodeEnum, normaliseForCopy } from '@fazhi/core';
import { ratioKeys } from './rules.js';
import { THRESHOLDS } from './thresholds.js';
import { canonicalEvidence, num, partName } from './text.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const LEVEL_NAMES: Record<string, string> = {
  township: '乡镇/街道',
  county: '县（市、区）',
  city: '市',
  province: '省',
  department: '部门',
  unknown: '未知',
};
export const levelName = (l: string): string => LEVEL_NAMES[l] ?? l;

const ev = (list: Evidence[] | undefined): Evidence[] => (list ?? []).map(canonicalEvidence);

function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.start}:${e.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Days from a to b (ISO dates). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Decimals as written: 98 → 0, 98.5 → 1 (so the tolerance is one unit of the last digit). */
function stepOf(rate: number): number {
  const s = String(rate);
  const d = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  return Math.max(10 ** -d, THRESHOLDS.rate.minStep);
}

/** The report's own quality flags, from its FactSet alone (no text). */
export function qualityFlags(rubric: Rubric, facts: FactSet): Flag[] {
  const out: Flag[] = [];
  const { meta, signals } = facts;
  const factOfKind = (kind: string) =>
    Object.keys(facts.facts)
      .sort()
      .filter((id) => rubric.facts[id]?.kind === kind || (!rubric.facts[id] && facts.facts[id]?.kind === kind))
      .map((id) => ({ id, fact: facts.facts[id]!, spec: rubric.facts[id] }));

  // late_publication — the rubric's deadline (default 1 April of the next year).
  {
    const pub = factOfKind('publication')[0];
    const pv = pub && isObj(pub.fact.value) ? pub.fact.value : undefined;
    const deadlineMd = (pub?.spec?.kind === 'publication' && pub.spec.deadline) || THRESHOLDS.publication.defaultDeadline;
    const publishDate = (typeof pv?.publishDate === 'string' ? pv.publishDate : null) ?? meta.publishDate;
    const deadline =
      (typeof pv?.deadline === 'string' ? pv.deadline : null) ??
      (meta.reportYear !== null ? `${meta.reportYear + 1}-${deadlineMd}` : null);
    let daysLate: number | null = finite(pv?.daysLate) ? pv.daysLate : null;
    if (daysLate === null && publishDate && deadline) daysLate = daysBetween(deadline, publishDate);
    const status = typeof pv?.status === 'string' ? pv.status : null;
    const late = status === 'late' || status === 'very_late' || (status === null && daysLate !== null && daysLate > 0);
    if (late) {
      const veryLate = status === 'very_late' || (daysLate !== null && daysLate > THRESHOLDS.publication.veryLateDays);
      const doubt = meta.publishDateTrusted === false ? '（日期读取存疑，请核对）' : '';
      out.push({
        code: 'late_publication',
        severity: veryLate ? 'error' : 'warn',
        message: `报告于 ${publishDate ?? '（日期不明）'} 公开，晚于截止日期 ${deadline ?? '次年4月1日'}${daysLate !== null && daysLate > 0 ? ` ${num(daysLate, 0)} 天` : ''}${doubt}`,
        evidence: dedupe([...ev(pub?.fact.evidence), ...ev(facts.metaEvidence.publishDate)]),
      });
    }
  }

  // year_mismatch — years in the body or title that disagree with the report year.
  {
    const mism = signals.years.mismatches;
    const titleYear = signals.years.title;
    const titleOff = titleYear !== null && meta.reportYear !== null && titleYear !== meta.reportYear;
    if (mism.length > 0 || titleOff) {
      const years = [...new Set(mism.map((e) => (e.quote.match(/\d{4}/) ?? [])[0]).filter(Boolean))];
      out.push({
        code: 'year_mismatch',
        severity: 'warn',
        message: `报告年度为 ${meta.reportYear ?? '（不明）'}，但${titleOff ? `标题写的是 ${titleYear} 年` : ''}${titleOff && mism.length ? '，且' : ''}${mism.length ? `正文有 ${mism.length} 处年份与之不符${years.length ? `（${years.join('、')}）` : ''}` : ''}，可能沿用了往年报告`,
        evidence: dedupe([...ev(mism), ...(titleOff ? ev(facts.metaEvidence.title) : [])]),
      });
    }
  }

  // rate_mismatch — a stated rate that its own counts do not give.
  for (const { fact, spec } of factOfKind('ratio')) {
    if (!isObj(fact.value)) continue;
    const k = ratioKeys(spec);
    const t = fact.value[k.total];
    const p = fact.value[k.part];
    const r = fact.value[k.rate];
    if (!finite(t) || !finite(p) || !finite(r) || t <= 0) continue;
    const computed = (p / t) * 100;
    const approx = fact.approximate ?? [];
    if (approx.includes(k.total) || approx.includes(k.part)) continue; // 余/约 counts cannot be checked
    if (p > t || Math.abs(computed - r) > stepOf(r)) {
      out.push({
        code: 'rate_mismatch',
        severity: 'warn',
        message: `${spec?.title ?? '比率'}：报告写成功率 ${num(r)}%，但 ${num(p)} ÷ ${num(t)} = ${num(computed)}%，与所写比率不符`,
        evidence: ev(fact.evidence),
      });
    }
  }

  // duplicate_paragraph — the same paragraph twice in one report (the extractor's signal: whole
  // paragraphs, or the near-identical sentences of a lightly edited copy).
  {
    const pairs = signals.duplicateParagraphs;
    const edited = pairs.some((d) => normaliseForCopy(d.first.quote) !== normaliseForCopy(d.second.quote));
    if (pairs.length > 0) {
      out.push({
        code: 'duplicate_paragraph',
        severity: 'warn',
        message: `报告中有 ${pairs.length} 处文字重复出现${edited ? '（含稍作改动后重复的段落）' : ''}，可能是复制粘贴`,
        evidence: dedupe(pairs.flatMap((d) => [canonicalEvidence(d.first), canonicalEvidence(d.second)])),
      });
    }
  }

  // template_text — few numbers, many stock phrases.
  {
    const spec = factOfKind('specificity')[0];
    const sv = spec && isObj(spec.fact.value) ? spec.fact.value : undefined;
    const q = finite(sv?.quantPer1000) ? sv.quantPer1000 : signals.quantifiedPer1000;
    const s = finite(sv?.stockShare) ? sv.stockShare : signals.stockPhraseShare;
    const T = THRESHOLDS.template;
    if (signals.chars >= T.minChars && ((q < T.maxQuantPer1000 && s >= T.minStockShare) || q < T.bareQuantPer1000)) {
      out.push({
        code: 'template_text',
        severity: 'warn',
        message:
          q < T.bareQuantPer1000
            ? `内容空泛：每千字仅 ${num(q, 1)} 处量化表述（少于 ${T.bareQuantPer1000} 处），几乎没有可核对的数字`
            : `内容空泛：每千字仅 ${num(q, 1)} 处量化表述（阈值 ${T.maxQuantPer1000}），${num(s * 100, 0)}% 的句子以套话为主（阈值 ${num(T.minStockShare * 100, 0)}%）`,
        evidence: ev(signals.stockPhraseExamples),
      });
    }
  }

  // missing_part — required parts of the report not found.
  for (const { fact } of factOfKind('structure')) {
    if (!isObj(fact.value) || !Array.isArray(fact.value.missing)) continue;
    const missing = (fact.value.missing as string[]).filter((k) => k !== 'other');
    if (missing.length === 0) continue;
    out.push({
      code: 'missing_part',
      severity: 'warn',
      message: `报告缺少以下部分：${missing.map(partName).join('、')}`,
      evidence: ev(fact.evidence),
    });
  }

  // unit_type_mismatch — e.g. a county report scored with the township rubric.
  if (meta.adminLevel !== 'unknown' && !rubric.applies_to.includes(meta.adminLevel)) {
    out.push({
      code: 'unit_type_mismatch',
      severity: 'error',
      message: `这是一份${levelName(meta.adminLevel)}的报告，而细则“${rubric.title}”适用于${rubric.applies_to.map(levelName).join('、')}；请换用对应的细则`,
      evidence: dedupe([...ev(facts.metaEvidence.adminLevel), ...ev(facts.metaEvidence.title)]),
    });
  }

  // artefacts — web/Word leftovers the reader removed or doubted.
  const arte = signals.artefacts.filter((a) => a.count > 0);
  if (arte.length > 0) {
    out.push({
      code: 'artefacts',
      severity: 'info',
      message: `文本中有网页或排版残留：${arte.map((a) => `${a.code} × ${a.count}`).join('，')}`,
      evidence: [],
    });
  }

  const order = FlagCodeEnum.options as readonly FlagCode[];
  return out.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}
