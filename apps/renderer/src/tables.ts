// The batch as tables: scores.xlsx (评分表, 质量提示, 人工复核, 疑似雷同, 未能评分) and scores.csv.
import { PassThrough } from 'node:stream';
import type { BatchResult, Rubric } from '@fazhi/core';
import type { CardSummary } from './card-summary.js';
import { labels, type Lang } from './i18n.js';

/** The reports one rubric scored, with that rubric's per-indicator statistics. */
export interface RubricGroup {
  loaded: { rubric: Rubric; sha256: string; file?: string };
  /** Whole scorecards or their summaries (what a batch keeps). */
  cards: CardSummary[];
  indicators: BatchResult['indicators'];
}

export interface TableInput {
  result: BatchResult;
  cards: CardSummary[];
  loaded: { rubric: Rubric; sha256: string };
  /** Several under `--rubric auto`: then each rubric gets its own 评分表 sheet. */
  rubrics?: RubricGroup[];
  failures?: { file: string; code: string; message: string }[];
  lang?: Lang;
}

interface Col {
  id: string;
  title: string;
  max: number;
}

/** Indicator columns in rubric order, then any the cards have that the rubric does not. */
export function indicatorColumns(rubric: Rubric, cards: CardSummary[]): Col[] {
  const cols: Col[] = [];
  const seen = new Set<string>();
  for (const c of rubric.categories)
    for (const i of c.indicators) {
      cols.push({ id: i.id, title: i.title, max: i.points });
      seen.add(i.id);
    }
  for (const card of cards)
    for (const i of card.indicators)
      if (!seen.has(i.id)) {
        cols.push({ id: i.id, title: i.title, max: i.max });
        seen.add(i.id);
      }
  return cols;
}

type Cell = string | number | null;

/**
 * One row per report, in ranking order: the 评分表. With `group`, only that rubric's reports and
 * indicator columns. Without it, when the batch used several rubrics, a 细则 column follows the
 * file and every rubric's indicators get their own columns (headed with the rubric id), empty for
 * reports another rubric scored: one table for a CSV, never one column mixing two rubrics.
 */
export function scoreRows(input: TableInput, group?: RubricGroup): { header: string[]; rows: Cell[][]; cols: Col[]; multi: boolean } {
  const L = labels(input.lang);
  const en = input.lang === 'en';
  const groups = input.rubrics ?? [];
  const multi = !group && groups.length > 1;
  const cards = group ? group.cards : input.cards;
  const colsOf = (g: { rubric: Rubric }, cs: CardSummary[]) => indicatorColumns(g.rubric, cs);
  // multi: columns keyed `<sha>|<id>` so that the same indicator id of two rubrics stays apart
  const cols: Col[] = multi
    ? groups.flatMap((g) => colsOf(g.loaded, g.cards).map((c) => ({ ...c, id: `${g.loaded.sha256}|${c.id}`, title: `${g.loaded.rubric.id}·${c.title}` })))
    : colsOf(group ? group.loaded : input.loaded, cards);
  const byFile = new Map(cards.map((c) => [c.file, c]));
  const delta = new Map(input.result.comparison.map((c) => [c.file, c.delta]));
  const withDelta = delta.size > 0;
  const header = [
    en ? 'Rank' : '名次',
    L.unitType,
    L.place,
    L.year,
    L.file,
    ...(multi ? [en ? 'Rubric' : '细则'] : []),
    ...cols.map((c) => `${c.title}（${c.max}）`),
    L.total,
    en ? 'Max' : '满分',
    en ? 'Percent' : '得分率(%)',
    L.grade,
    ...(withDelta ? [L.delta] : []),
    L.flags,
    L.review,
  ];
  const rows: Cell[][] = [];
  for (const r of input.result.reports) {
    const card = byFile.get(r.file);
    if (!card) continue;
    const pts = new Map(card.indicators.map((i) => [multi ? `${card.stamps.rubric.sha256}|${i.id}` : i.id, i]));
    rows.push([
      r.rank,
      L.levels[r.adminLevel] ?? r.adminLevel,
      r.place ?? '',
      r.reportYear,
      r.file,
      ...(multi ? [`${card.stamps.rubric.id} v${card.stamps.rubric.version}`] : []),
      ...cols.map((c) => {
        const i = pts.get(c.id);
        return !i || i.status === 'na' ? null : i.points;
      }),
      r.total,
      r.max,
      r.percent,
      r.grade,
      ...(withDelta ? [delta.get(r.file) ?? null] : []),
      r.flags.map((f) => L.flagCodes[f] ?? f).join('；'),
      card.review.map((id) => card.indicators.find((i) => i.id === id)?.title ?? id).join('；'),
    ]);
  }
  return { header, rows, cols, multi };
}

/** An Excel sheet name: at most 31 characters, none of []:*?/\\. */
function sheetName(s: string, suffix = ''): string {
  return s.replace(/[[\]:*?/\\]/g, '_').slice(0, 31 - suffix.length) + suffix;
}

/** Neutralises text that a spreadsheet would run as a formula (=, +, -, @ at the start). */
export function safeCellText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : safeCellText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, so Excel opens the Chinese text correctly by double-click. */
export function scoresCsv(input: TableInput): string {
  const { header, rows } = scoreRows(input);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The workbook, written row by row with ExcelJS's streaming writer: a 10,000-report batch never
 * holds a workbook model of every cell (the in-memory model took ~500 MB at that size).
 */
export async function scoresXlsx(input: TableInput): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const en = input.lang === 'en';
  const L = labels(input.lang);
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((res, rej) => {
    sink.on('end', res);
    sink.on('error', rej);
  });
  // shared strings as before (inline strings would drop empty-string cells, and save ~80 MB at 10k)
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'fazhi-scorecard';
  // fixed date so that the same batch gives the same workbook
  wb.created = wb.modified = new Date('2000-01-01T00:00:00Z');
  const str = (v: Cell) => (typeof v === 'string' ? safeCellText(v) : v);

  interface SheetOpts {
    xSplit?: number;
    headerHeight?: number;
    autoFilter?: boolean;
    /** Rows under the table (e.g. the rubric's stamp), after one empty row. */
    footer?: Cell[][];
  }
  const addSheet = (name: string, header: string[], rows: Iterable<Cell[]>, widths: number[] = [], o: SheetOpts = {}) => {
    // everything the streaming writer puts before the rows (views, column widths, the filter)
    // is set before the first row is committed
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: o.xSplit ?? 0 }] });
    header.forEach((_, k) => (ws.getColumn(k + 1).width = widths[k] ?? 12));
    if (o.autoFilter) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.alignment = { vertical: 'middle', wrapText: true };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF2F5' } };
    if (o.headerHeight) h.height = o.headerHeight;
    h.commit();
    for (const r of rows) ws.addRow(r.map(str)).commit();
    if (o.footer) {
      ws.addRow([]).commit();
      for (const r of o.footer) ws.addRow(r.map(str)).commit();
    }
    ws.commit();
  };

  // One 评分表 per rubric: every column of a sheet means the same thing for every row, so a clerk
  // can sort, filter and sum it; ranking is within unit type anyway (see README).
  const groups = input.rubrics && input.rubrics.length > 1 ? input.rubrics : [undefined];
  const used = new Set<string>();
  for (const g of groups) {
    const { header, rows, cols } = scoreRows(input, g);
    const base = en ? 'Scores' : '评分表';
    let name = g ? sheetName(`${base} ${g.loaded.rubric.id}`) : base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = sheetName(`${base} ${g!.loaded.rubric.id}`, `-${k}`);
    used.add(name.toLowerCase());
    // the rubric's stamp under the table, so a printed sheet says what it was scored against
    const footer = g ? [[`${en ? 'Rubric' : '细则'}：${g.loaded.rubric.title}（${g.loaded.rubric.id} v${g.loaded.rubric.version} · ${g.loaded.sha256.slice(0, 12)}）`]] : undefined;
    addSheet(name, header, rows, [6, 10, 14, 7, 26, ...cols.map(() => 10), 8, 7, 9, 7, 24, 20], { xSplit: 5, headerHeight: 48, autoFilter: true, footer });
  }

  function* flagRows(): Generator<Cell[]> {
    for (const c of input.cards)
      for (const f of c.flags)
        yield [c.file, c.place ?? '', f.code, L.flagCodes[f.code] ?? f.code, L.severities[f.severity] ?? f.severity, f.message, f.evidence.map((e) => `「${e.quote}」(${e.line})`).join(' ')];
  }
  addSheet(en ? 'Flags' : '质量提示', [L.file, L.place, 'code', en ? 'Flag' : '类别', en ? 'Severity' : '严重程度', en ? 'Message' : '说明', L.evidence], flagRows(), [26, 14, 18, 16, 8, 50, 60]);

  function* ovRows(): Generator<Cell[]> {
    for (const c of input.cards)
      for (const i of c.indicators)
        if (i.override) yield [c.file, c.place ?? '', i.id, i.title, i.override.originalPoints, i.points, i.override.reason, i.override.reviewer, i.override.date];
  }
  addSheet(
    en ? 'Overrides' : '人工复核',
    [L.file, L.place, 'id', L.indicator, en ? 'Tool points' : '原得分', en ? 'Reviewed points' : '复核后得分', en ? 'Reason' : '理由', L.reviewer, en ? 'Date' : '日期'],
    ovRows(),
    [26, 14, 24, 20, 9, 10, 40, 14, 12],
  );

  const cpRows = input.result.copies.map((p): Cell[] => [p.a, p.b, p.similarity, p.sharedChars, p.passages.map((x) => `「${x.a.quote}」`).join(' ')]);
  addSheet(en ? 'Shared text' : '疑似雷同', ['A', 'B', L.similarity, en ? 'Shared chars' : '相同字数', L.shared], cpRows, [26, 26, 8, 10, 80]);

  const failRows = (input.failures ?? []).map((f): Cell[] => [f.file, f.code, f.message]);
  addSheet(en ? 'Failed' : '未能评分', [L.file, 'code', en ? 'Message' : '说明'], failRows, [30, 22, 80]);

  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
