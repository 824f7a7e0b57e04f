// Scorecard → one self-contained HTML page (no network, CSP meta, print CSS for A4).
import type { Evidence, Indicator, Rubric, Scorecard } from '@fazhi/core';
import Handlebars from 'handlebars';
import { fmt, labels, type Lang, type Labels } from '../i18n.js';
import { collectSpans, segmentLines, spanId, type Line } from './highlight.js';
import { csp, jsonForScript, template } from './templates.js';

/** Only what the renderer needs of a loaded rubric (core's LoadedRubric fits). */
export interface RubricLike {
  rubric: Rubric;
  sha256: string;
  file?: string;
}

export interface ScorecardHtmlOptions {
  /** The ORIGINAL decoded text the evidence offsets refer to; without it the text section is left out. */
  sourceText?: string;
  lang?: Lang;
  /** Link back to the batch dashboard (relative URL). */
  backHref?: string;
}

export const short = (h: string | undefined, n = 12) => (h ?? '').slice(0, n);

export function pct(points: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((points / max) * 1000) / 10));
}

export const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

function findIndicator(rubric: Rubric | undefined, id: string): Indicator | undefined {
  for (const c of rubric?.categories ?? []) for (const i of c.indicators) if (i.id === id) return i;
  return undefined;
}

function evidenceView(e: Evidence, L: Labels, linked: boolean) {
  return {
    quote: e.quote,
    section: e.section,
    line: [e.page ? fmt(L.page, { n: e.page }) : '', e.paragraph ? fmt(L.paragraph, { n: e.paragraph }) : '', fmt(L.line, { n: e.line })]
      .filter(Boolean)
      .join(' · '),
    modality: e.modality,
    modalityLabel: L.modality[e.modality] ?? e.modality,
    href: linked ? `#${spanId(e)}` : '',
  };
}

export function scorecardView(card: Scorecard, loaded: RubricLike | undefined, opts: ScorecardHtmlOptions = {}) {
  const L = labels(opts.lang);
  const text = opts.sourceText;
  const spanItems = [
    ...card.indicators.map((i) => ({ evidence: i.evidence, ref: { target: `ind-${i.id}`, title: i.title, kind: 'indicator' as const } })),
    ...card.flags.map((f, k) => ({
      evidence: f.evidence,
      ref: { target: `flag-${k + 1}`, title: L.flagCodes[f.code] ?? f.code, kind: 'flag' as const },
    })),
  ];
  let lines: Line[] = [];
  let valid = new Set<string>();
  let bad = 0;
  if (text !== undefined) {
    const c = collectSpans(text, spanItems);
    valid = c.valid;
    bad = c.bad;
    lines = segmentLines(text, c.spans);
  }
  const linked = (e: Evidence) => valid.has(spanId(e));
  const rubric = loaded?.rubric;
  const catTitle = new Map(card.categories.map((c) => [c.id, c.title]));

  const indicators = card.indicators.map((i) => {
    const def = findIndicator(rubric, i.id);
    const scoringOfficial = def && 'official' in def.scoring ? def.scoring.official : undefined;
    return {
      id: i.id,
      anchor: `ind-${i.id}`,
      title: i.title,
      category: catTitle.get(i.category) ?? i.category,
      status: i.status,
      statusLabel: L.statuses[i.status] ?? i.status,
      points: num(i.points),
      max: num(i.max),
      pct: pct(i.points, i.max),
      valueText: i.valueText,
      rule: i.rule,
      proposal: scoringOfficial === false,
      evidence: i.evidence.map((e) => evidenceView(e, L, linked(e))),
      remedy: i.atStake > 0 ? i.remedy : '',
      basis: def?.basis ? { text: def.basis.text, source: def.basis.source ?? '', official: def.basis.official } : undefined,
      override: i.override
        ? {
            text: fmt(L.overrideFrom, { from: num(i.override.originalPoints), to: num(i.points) }),
            reason: i.override.reason,
            reviewer: i.override.reviewer,
            date: i.override.date,
          }
        : undefined,
      inReview: card.review.includes(i.id),
    };
  });

  const flags = card.flags.map((f, k) => ({
    anchor: `flag-${k + 1}`,
    code: f.code,
    codeLabel: L.flagCodes[f.code] ?? f.code,
    severity: f.severity,
    severityLabel: L.severities[f.severity] ?? f.severity,
    message: f.message,
    penalty: f.penalty ? fmt(L.penalty, { n: num(f.penalty) }) : '',
    evidence: f.evidence.map((e) => evidenceView(e, L, linked(e))),
  }));

  const titleOf = new Map(card.indicators.map((i) => [i.id, i.title]));
  return {
    t: L,
    lang: L.htmlLang,
    csp: csp(['scorecard-js']),
    pageTitle: `${card.place ?? L.unknownPlace} ${card.reportYear ?? ''} ${L.scorecardTitle}`.replace(/\s+/g, ' ').trim(),
    place: card.place ?? L.unknownPlace,
    year: card.reportYear === null ? L.unknownYear : String(card.reportYear),
    level: L.levels[card.adminLevel] ?? card.adminLevel,
    total: num(card.total),
    max: num(card.max),
    totalPct: pct(card.total, card.max),
    grade: card.grade,
    gradeClass: gradeClass(card, rubric),
    file: card.file,
    rubricTitle: rubric?.title ?? card.stamps.rubric.id,
    rubricStamp: `${card.stamps.rubric.id} v${card.stamps.rubric.version} · ${short(card.stamps.rubric.sha256)}`,
    sourceStamp: short(card.stamps.source.sha256, 16),
    sourceSha: card.stamps.source.sha256,
    rubricSha: card.stamps.rubric.sha256,
    toolStamp: `${card.stamps.tool.name} ${card.stamps.tool.version}`,
    generatedAt: card.stamps.generatedAt,
    notes: card.notes ?? [],
    categories: card.categories.map((c) => ({ title: c.title, points: num(c.points), max: num(c.max), pct: pct(c.points, c.max) })),
    indicators,
    flags,
    review: card.review.map((id) => ({ anchor: `ind-${id}`, title: titleOf.get(id) ?? id })),
    missing: card.missing.map((m) => ({
      anchor: `ind-${m.indicator}`,
      title: m.title,
      atStake: fmt(L.missingItem, { n: num(m.atStake) }),
      remedy: m.remedy,
    })),
    hasText: text !== undefined,
    lines,
    badSpans: bad ? fmt(L.badSpans, { n: bad }) : '',
    backHref: opts.backHref ?? '',
    data: new Handlebars.SafeString(jsonForScript(card)),
  };
}

/** Grade colour class: position of the grade among the rubric's bands (0 = best). */
function gradeClass(card: Scorecard, rubric: Rubric | undefined): string {
  const grades = [...(rubric?.grades ?? [])].sort((a, b) => b.min - a.min);
  const k = grades.findIndex((g) => g.name === card.grade);
  return `g${k < 0 ? 'x' : Math.min(k, 3)}`;
}

export function renderScorecardHtml(card: Scorecard, loaded: RubricLike | undefined, opts: ScorecardHtmlOptions = {}): string {
  return template('scorecard')(scorecardView(card, loaded, opts));
}
