// Batch dashboard: ranking per unit type, sortable table, heat map, distributions (inline SVG),
// flags and copy pairs, links to each scorecard. Same rules as the scorecard: no network, CSP,
// every string from a report or rubric through `{{ }}`.
import type { BatchResult, Rubric } from '@fazhi/core';
import type { CardSummary } from '../card-summary.js';
import { fmt, labels, type Lang } from '../i18n.js';
import type { RubricGroup } from '../tables.js';
import { num, pct, short } from './scorecard.js';
import { csp, template } from './templates.js';

export interface DashboardInput {
  result: BatchResult;
  /** Whole scorecards or their summaries (what a batch keeps). */
  cards: CardSummary[];
  failures: { file: string; code: string; message: string }[];
  loaded: { rubric: Rubric; sha256: string };
  /**
   * The rubrics used, each with its reports and statistics (`--rubric auto` may use several):
   * one heat map and one statistics table per rubric. Default: `loaded` for every card.
   */
  rubrics?: RubricGroup[];
  /** card.file → output base name (the scorecard is `<name>.html`). */
  links: Record<string, string>;
  lang?: Lang;
  generatedAt?: string;
  pdf?: boolean;
}

function heatClass(points: number, max: number, status: string): string {
  if (status === 'na') return 'h-na';
  if (status === 'review') return 'h-rv';
  if (!(max > 0)) return 'h-na';
  const r = points / max;
  return r >= 1 ? 'h4' : r >= 0.75 ? 'h3' : r >= 0.5 ? 'h2' : r > 0 ? 'h1' : 'h0';
}

function gradeClassOf(rubric: Rubric, grade: string): string {
  const k = [...rubric.grades].sort((a, b) => b.min - a.min).findIndex((g) => g.name === grade);
  return `g${k < 0 ? 'x' : Math.min(k, 3)}`;
}

/** A histogram of percentages in 10-point bins as plain numbers for an inline SVG. */
function histogram(values: number[]) {
  const bins = Array.from({ length: 10 }, (_, k) => ({ from: k * 10, n: 0 }));
  for (const v of values) bins[Math.min(9, Math.max(0, Math.floor(v / 10)))]!.n++;
  const maxN = Math.max(1, ...bins.map((b) => b.n));
  const W = 36;
  const H = 120;
  const top = 20; // room for the count above the tallest bar
  return {
    width: bins.length * W + 40,
    height: H + top + 30,
    axisY: H + top,
    bars: bins.map((b, k) => {
      const h = Math.round((b.n / maxN) * H);
      return { x: 30 + k * W, y: H + top - h, w: W - 6, h, n: b.n, label: String(b.from), lx: 30 + k * W + (W - 6) / 2, ny: H + top - 4 - h };
    }),
  };
}

/**
 * A national-scale batch (10,000 reports) would make a page of tens of megabytes: the heat map,
 * flag list and copy pairs list at most this many entries, with a note pointing to scores.xlsx
 * and batch.json, which always hold everything. The ranking tables are never cut.
 */
export const DASHBOARD_LIMITS = { heatRows: 1000, flagReports: 1000, copyPairs: 300 } as const;

export function dashboardView(input: DashboardInput) {
  const L = labels(input.lang);
  const { result, cards, loaded } = input;
  const rubric = loaded.rubric;
  const byFile = new Map(cards.map((c) => [c.file, c]));
  const rubrics: RubricGroup[] = input.rubrics?.length ? input.rubrics : [{ loaded, cards, indicators: result.indicators }];
  const multi = rubrics.length > 1;
  const rubricOfCard = new Map<string, Rubric>();
  for (const g of rubrics) for (const c of g.cards) rubricOfCard.set(c.file, g.loaded.rubric);
  const stampOf = (l: { rubric: Rubric; sha256: string }) => `${l.rubric.id} v${l.rubric.version} · ${short(l.sha256)}`;
  const href = (file: string) => (input.links[file] ? `${encodeURIComponent(input.links[file]!)}.html` : '');
  const pdfHref = (file: string) => (input.pdf && input.links[file] ? `${encodeURIComponent(input.links[file]!)}.pdf` : '');
  const delta = new Map(result.comparison.map((c) => [c.file, c.delta]));
  const colsOf = (r: Rubric) => r.categories.flatMap((c) => c.indicators.map((i) => ({ id: i.id, title: i.title, max: i.points })));

  const row = (r: BatchResult['reports'][number]) => {
    const card = byFile.get(r.file);
    const d = delta.get(r.file);
    return {
      rank: r.rank,
      rankOf: r.rankOf,
      place: r.place ?? L.unknownPlace,
      year: r.reportYear ?? '',
      level: L.levels[r.adminLevel] ?? r.adminLevel,
      file: r.file,
      href: href(r.file),
      pdfHref: pdfHref(r.file),
      total: num(r.total),
      max: num(r.max),
      percent: num(r.percent),
      grade: r.grade,
      gradeClass: gradeClassOf(rubricOfCard.get(r.file) ?? rubric, r.grade),
      flags: r.flags.map((f) => L.flagCodes[f] ?? f).join('、'),
      flagCount: card?.flags.length ?? r.flags.length,
      review: r.review.length,
      delta: d === undefined ? '' : `${d > 0 ? '+' : ''}${num(d)}`,
      deltaV: d ?? '',
      deltaClass: d === undefined ? '' : d > 0 ? 'up' : d < 0 ? 'down' : '',
    };
  };

  const groups = result.groups.map((g) => ({
    title: L.levels[g.group] ?? g.title,
    size: g.size,
    rows: result.reports.filter((r) => r.group === g.group).map(row),
  }));

  /** The first `limit` items under `key`, and `<key>More`: a note when some were left out. */
  const capped = <K extends string, T>(key: K, items: T[], limit: number) =>
    ({
      [key]: items.slice(0, limit),
      [`${key}More`]: items.length > limit ? fmt(L.moreInTables, { n: items.length - limit, shown: limit }) : '',
    }) as Record<K, T[]> & Record<`${K}More`, string>;

  const heatRowsOf = (files: Set<string>, cols: ReturnType<typeof colsOf>) => result.reports.filter((r) => files.has(r.file)).map((r) => {
    const card = byFile.get(r.file);
    const ind = new Map((card?.indicators ?? []).map((i) => [i.id, i]));
    return {
      place: r.place ?? r.file,
      href: href(r.file),
      total: num(r.total),
      cells: cols.map((c) => {
        const i = ind.get(c.id);
        if (!i) return { v: '–', cls: 'h-na', title: `${c.title}` };
        return {
          v: i.status === 'na' ? '–' : num(i.points),
          cls: heatClass(i.points, i.max, i.status) + (i.override ? ' h-ov' : ''),
          title: `${c.title}：${num(i.points)}/${num(i.max)} ${L.statuses[i.status] ?? i.status}${i.override ? ` · ${L.override}` : ''}`,
          href: href(r.file) ? `${href(r.file)}#ind-${i.id}` : '',
        };
      }),
    };
  });
  const heatmaps = rubrics.map((g) => {
    const cols = colsOf(g.loaded.rubric);
    return {
      title: multi ? g.loaded.rubric.title : '',
      stamp: multi ? stampOf(g.loaded) : '',
      cols: cols.map((c, k) => ({ n: k + 1, title: c.title, max: num(c.max), id: c.id })),
      ...capped('heatRows', heatRowsOf(new Set(g.cards.map((c) => c.file)), cols), DASHBOARD_LIMITS.heatRows),
      stats: g.indicators.map((s) => ({
        title: s.title,
        max: num(s.maxPoints),
        count: s.count,
        mean: s.mean === null ? '–' : num(s.mean),
        median: s.median === null ? '–' : num(s.median),
        meanPct: s.mean === null ? 0 : pct(s.mean, s.maxPoints),
        fullShare: s.fullShare === null ? '–' : `${Math.round(s.fullShare * 100)}%`,
      })),
    };
  });

  const flagged = cards.filter((c) => c.flags.length || c.notes?.length);
  const { flags, flagsMore } = capped('flags', flagged, DASHBOARD_LIMITS.flagReports);
  const flagRows = flags.map((c) => ({
    place: c.place ?? L.unknownPlace,
    file: c.file,
    href: href(c.file),
    items: [
      // notes first: e.g. `--rubric auto` could not tell the unit type and used the township rubric
      ...(c.notes ?? []).map((n) => ({ label: L.htmlLang === 'en' ? 'Note' : '注意', severity: 'info', message: n, href: href(c.file) })),
      ...c.flags.map((f, k) => ({
        label: L.flagCodes[f.code] ?? f.code,
        severity: f.severity,
        message: f.message,
        href: href(c.file) ? `${href(c.file)}#flag-${k + 1}` : '',
      })),
    ],
  }));

  const { copies: listedCopies, copiesMore } = capped('copies', result.copies, DASHBOARD_LIMITS.copyPairs);
  const copies = listedCopies.map((p) => {
    const a = byFile.get(p.a);
    const b = byFile.get(p.b);
    return {
      a: a?.place ?? p.a,
      aFile: p.a,
      aHref: href(p.a),
      b: b?.place ?? p.b,
      bFile: p.b,
      bHref: href(p.b),
      similarity: `${Math.round(p.similarity * 100)}%`,
      sharedChars: p.sharedChars,
      passages: p.passages.map((x) => ({
        aq: x.a.quote,
        aLine: fmt(L.line, { n: x.a.line }),
        aHref: href(p.a) ? `${href(p.a)}#L${x.a.line}` : '',
        bq: x.b.quote,
        bLine: fmt(L.line, { n: x.b.line }),
        bHref: href(p.b) ? `${href(p.b)}#L${x.b.line}` : '',
      })),
    };
  });

  const percents = result.reports.map((r) => r.percent);
  const mean = percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : 0;
  return {
    t: L,
    lang: L.htmlLang,
    csp: csp(['dashboard-js']),
    title: `${L.dashboardTitle} · ${multi ? rubrics.map((g) => g.loaded.rubric.title).join(' / ') : rubric.title}`,
    rubricTitle: multi ? rubrics.map((g) => g.loaded.rubric.title).join(' / ') : rubric.title,
    rubricStamp: multi ? rubrics.map((g) => stampOf(g.loaded)).join('；') : stampOf(loaded),
    /** Several rubrics: listed in the header, one per line, with how many reports each scored. */
    rubricList: multi ? rubrics.map((g) => ({ title: g.loaded.rubric.title, stamp: stampOf(g.loaded), n: g.cards.length })) : [],
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    nReports: result.reports.length,
    nFailed: input.failures.length,
    meanPct: num(Math.round(mean * 10) / 10),
    failures: input.failures,
    groups,
    all: result.reports.map(row),
    // the first rubric's, kept for callers of dashboardView that read them directly
    cols: heatmaps[0]!.cols,
    heatRows: heatmaps[0]!.heatRows,
    stats: heatmaps[0]!.stats,
    heatmaps,
    multiRubric: multi,
    hist: histogram(percents),
    flags: flagRows,
    flagsMore,
    copies,
    copiesMore,
    copyThreshold: fmt(L.copyRule, { chars: result.copyThreshold.minSharedChars, pct: Math.round(result.copyThreshold.minSimilarity * 100) }),
    hasComparison: result.comparison.length > 0,
  };
}

export function renderDashboardHtml(input: DashboardInput): string {
  return template('dashboard')(dashboardView(input));
}
