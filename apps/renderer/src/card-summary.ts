// What a batch keeps of each scorecard while the other reports are scored: the numbers the
// ranking, statistics, dashboard, XLSX/CSV and year-on-year comparison read, and nothing of the
// indicators' evidence, rules or remedies (those are in the card's own HTML/JSON on disk). A
// 10,000-report batch then holds a few KB per report instead of the whole card.
import type { Evidence, Flag, IndicatorResult, Scorecard } from '@fazhi/core';

export interface IndicatorSummary {
  id: string;
  title: string;
  points: number;
  max: number;
  status: IndicatorResult['status'];
  override?: IndicatorResult['override'];
}

/** A flag as the dashboard and the 质量提示 sheet show it: each quote with its line. */
export interface FlagSummary {
  code: Flag['code'];
  severity: Flag['severity'];
  message: string;
  evidence: Pick<Evidence, 'quote' | 'line'>[];
  penalty?: number;
}

/**
 * A scorecard reduced to what the batch's summary outputs read. A full Scorecard is one too, so
 * the dashboard and table writers take either.
 */
export interface CardSummary {
  schemaVersion: 1;
  file: string;
  place: string | null;
  reportYear: number | null;
  adminLevel: Scorecard['adminLevel'];
  total: number;
  max: number;
  grade: string;
  indicators: IndicatorSummary[];
  flags: FlagSummary[];
  review: string[];
  stamps: { rubric: Scorecard['stamps']['rubric']; source: Scorecard['stamps']['source'] };
  notes?: string[];
}

/**
 * A copy of `s` that holds nothing else: a quote cut from a report with `slice` may be a view of
 * the whole decoded text (a V8 sliced string), which would keep every report's text alive.
 */
export const freshString = (s: string): string => (s.length === 0 ? s : (JSON.parse(JSON.stringify(s)) as string));

/**
 * Interns the strings every card repeats (indicator ids and titles, rubric stamps, flag
 * messages): a card that crossed a thread boundary or was parsed from JSON has its own copies.
 */
export class StringPool {
  private readonly m = new Map<string, string>();
  get(s: string): string {
    const had = this.m.get(s);
    if (had !== undefined) return had;
    const f = freshString(s);
    this.m.set(f, f);
    return f;
  }
}

const unpooled = { get: freshString };

/** The summary of a card (a fresh object: it holds nothing of the card's evidence). */
export function summarizeCard(c: Scorecard | CardSummary, pool: { get(s: string): string } = unpooled): CardSummary {
  const p = (s: string) => pool.get(s);
  const f = freshString;
  const out: CardSummary = {
    schemaVersion: 1,
    file: f(c.file),
    place: c.place === null ? null : p(c.place),
    reportYear: c.reportYear,
    adminLevel: c.adminLevel,
    total: c.total,
    max: c.max,
    grade: p(c.grade),
    indicators: c.indicators.map((i) => {
      const s: IndicatorSummary = { id: p(i.id), title: p(i.title), points: i.points, max: i.max, status: i.status };
      if (i.override) s.override = { ...i.override };
      return s;
    }),
    flags: c.flags.map((f) => {
      const s: FlagSummary = {
        code: f.code,
        severity: f.severity,
        message: p(f.message),
        evidence: f.evidence.map((e) => ({ quote: freshString(e.quote), line: e.line })),
      };
      if (f.penalty !== undefined) s.penalty = f.penalty;
      return s;
    }),
    review: c.review.map(p),
    stamps: {
      rubric: { id: p(c.stamps.rubric.id), version: p(c.stamps.rubric.version), sha256: p(c.stamps.rubric.sha256) },
      source: { file: f(c.stamps.source.file), sha256: f(c.stamps.source.sha256) },
    },
  };
  if (c.notes) out.notes = c.notes.map(p);
  return out;
}
