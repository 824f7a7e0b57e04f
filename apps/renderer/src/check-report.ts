// The compact terminal report of `fazhi check`: a pure function of a Scorecard, so it is tested
// from hand-built scorecards and costs nothing at start-up (type-only imports).
import type { Evidence, Flag, IndicatorResult, IndicatorStatus, Scorecard } from '@fazhi/core';

export interface CheckReportOptions {
  /** ANSI colours (only on a TTY, and never when NO_COLOR is set). */
  color?: boolean;
  /** Exit 1 when the total is below this. */
  minScore?: number;
  /** How many quotes to show per indicator (default 2). */
  maxQuotes?: number;
  /** Terminal width used to shorten long quotes (default 100). */
  width?: number;
}

const STATUS_ZH: Record<IndicatorStatus, string> = {
  full: '满分',
  partial: '部分得分',
  zero: '未得分',
  missing: '未找到',
  review: '待复核',
  na: '不适用',
};

const MODALITY_ZH: Record<Evidence['modality'], string> = {
  done: '',
  planned: '（仅为计划，不计分）',
  problem: '（写的是问题或否定，不计分）',
};

/** The built-in rubric preset for each unit type (suggested when the rubric does not fit). */
const RUBRIC_FOR_LEVEL: Partial<Record<Scorecard['adminLevel'], string>> = { township: 'township', county: 'county', department: 'department' };

const quoteArg = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);

const SEVERITY_MARK: Record<Flag['severity'], string> = { info: 'ℹ', warn: '⚠', error: '✖' };

type Paint = (s: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
  cyan: Paint;
}

const ansi = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Paint = (s) => s;

function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), cyan: ansi(36, 39) };
}

/** Whether to colour a stream: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Points as people write them: 7, 2.5, 86.75 (never 86.74999). */
export function fmtPoints(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

const oneLine = (s: string): string => s.replace(/\s*\r?\n\s*/g, ' ').trim();

/** One line, at most `max` columns, with … when cut. */
export function shorten(s: string, max: number): string {
  const one = s.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (width(one) <= max) return one;
  let out = '';
  let w = 0;
  for (const ch of one) {
    const cw = width(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * What is missing or weak, most points at stake first. Ties keep rubric order, so the list is
 * stable. Not-applicable indicators and full marks are left out.
 */
export function weakIndicators(card: Scorecard): IndicatorResult[] {
  return card.indicators
    .map((ind, i) => ({ ind, i }))
    .filter(({ ind }) => ind.status !== 'na' && ind.atStake > 0)
    .sort((a, b) => b.ind.atStake - a.ind.atStake || a.i - b.i)
    .map(({ ind }) => ind);
}

/** 1 when the total is below `minScore`, else 0. */
export function checkExitCode(card: Scorecard, minScore?: number): number {
  return minScore !== undefined && card.total < minScore ? 1 : 0;
}

function evidenceLine(ev: Evidence, room: number): string {
  const where = ev.page ? `第 ${ev.page} 页` : `第 ${ev.line} 行`;
  return `${where}「${shorten(ev.quote, room)}」${MODALITY_ZH[ev.modality]}`;
}

/** Quotes to show for an indicator: results first, then plans/problems (they explain a low score). */
function pickEvidence(evidence: Evidence[], max: number): Evidence[] {
  const order = { done: 0, planned: 1, problem: 2 } as const;
  return [...evidence].map((e, i) => ({ e, i })).sort((a, b) => order[a.e.modality] - order[b.e.modality] || a.i - b.i).slice(0, max).map((x) => x.e);
}

/** Renders the self-check report (zh-CN). Ends with a newline. */
export function renderCheckReport(card: Scorecard, opts: CheckReportOptions = {}): string {
  const p = palette(Boolean(opts.color));
  const maxQuotes = opts.maxQuotes ?? 2;
  const room = Math.max(30, (opts.width ?? 100) - 16);
  const out: string[] = [];

  const place = card.place ?? '（未识别出单位名称）';
  const year = card.reportYear !== null ? `${card.reportYear} 年度` : '（未识别出年度）';
  out.push(p.bold(`${place} · ${year} 法治政府建设年度报告自查`));
  out.push(p.dim(`文件 ${card.file} · 细则 ${card.stamps.rubric.id} ${card.stamps.rubric.version}（${card.stamps.rubric.sha256.slice(0, 8)}）`));

  const ratio = card.max > 0 ? card.total / card.max : 0;
  const tone = ratio >= 0.8 ? p.green : ratio >= 0.6 ? p.yellow : p.red;
  out.push(`${p.bold('总分')} ${tone(p.bold(`${fmtPoints(card.total)} / ${fmtPoints(card.max)}`))}  ${p.bold('等级')} ${tone(card.grade)}`);
  if (card.categories.length) {
    out.push(p.dim(card.categories.map((c) => `${c.title} ${fmtPoints(c.points)}/${fmtPoints(c.max)}`).join(' · ')));
  }

  const weak = weakIndicators(card);
  out.push('');
  if (weak.length === 0) {
    out.push(p.green('各项指标均已满分，无需补充。'));
  } else {
    const stake = weak.reduce((s, i) => s + i.atStake, 0);
    out.push(p.bold(`待补充 ${weak.length} 项，共可再得 ${fmtPoints(stake)} 分（按可得分数从高到低）：`));
    weak.forEach((ind, n) => {
      const st = STATUS_ZH[ind.status];
      const stColor = ind.status === 'partial' || ind.status === 'review' ? p.yellow : p.red;
      out.push('');
      out.push(`${p.bold(`${String(n + 1).padStart(2)}.`)} 补充「${p.bold(ind.title)}」可得 ${p.bold(fmtPoints(ind.atStake))} 分  ${stColor(`${st} ${fmtPoints(ind.points)}/${fmtPoints(ind.max)}`)}`);
      // Value and rule are short sentences written by the scorer: shown whole (quotes are cut).
      if (ind.valueText) out.push(`    现状：${oneLine(ind.valueText)}`);
      if (ind.rule) out.push(p.dim(`    规则：${oneLine(ind.rule)}`));
      const shown = pickEvidence(ind.evidence, maxQuotes);
      if (shown.length === 0) {
        out.push(`    已找到：${p.dim('报告中未找到相关表述')}`);
      } else {
        shown.forEach((ev, k) => out.push(`    ${k === 0 ? '已找到：' : '        '}${evidenceLine(ev, room)}`));
        if (ind.evidence.length > shown.length) out.push(p.dim(`            …另有 ${ind.evidence.length - shown.length} 处`));
      }
      if (ind.points === 0 && ind.status !== 'review' && ind.evidence.some((e) => e.modality === 'done')) {
        out.push(p.yellow('    提示：找到了相关表述，但未能据此计分（可能没有写数字，或几个数字说的不是一回事），请按下面的方法写清楚。'));
      }
      out.push(`    ${p.cyan('怎么补：')}${ind.remedy}`);
      if (ind.override) out.push(p.dim(`    人工复核：${ind.override.reviewer} ${ind.override.date} ${ind.override.reason}`));
    });
  }

  if (card.review.length) {
    const titles = card.review.map((id) => card.indicators.find((i) => i.id === id)?.title ?? id);
    out.push('');
    out.push(p.yellow(`需人工复核 ${titles.length} 项：${titles.join('、')}`));
  }

  if (card.flags.length) {
    out.push('');
    out.push(p.bold(`质量提示 ${card.flags.length} 条：`));
    for (const f of card.flags) {
      const mark = f.severity === 'error' ? p.red(SEVERITY_MARK[f.severity]) : f.severity === 'warn' ? p.yellow(SEVERITY_MARK[f.severity]) : SEVERITY_MARK[f.severity];
      const pen = f.penalty ? `（扣 ${fmtPoints(f.penalty)} 分）` : '';
      out.push(` ${mark} ${f.message}${pen}`);
      const ev = f.evidence[0];
      if (ev) out.push(p.dim(`    ${evidenceLine(ev, room)}`));
      const better = RUBRIC_FOR_LEVEL[card.adminLevel];
      if (f.code === 'unit_type_mismatch' && better && better !== card.stamps.rubric.id) {
        out.push(`    试试：fazhi check ${quoteArg(card.file)} --rubric ${better}`);
      }
    }
  }

  const full = card.indicators.filter((i) => i.status === 'full');
  if (full.length) {
    out.push('');
    out.push(p.green(`已满分 ${full.length} 项：${full.map((i) => i.title).join('、')}`));
  }

  if (opts.minScore !== undefined) {
    out.push('');
    if (card.total < opts.minScore) {
      out.push(p.red(p.bold(`未达到最低分 ${fmtPoints(opts.minScore)}（当前 ${fmtPoints(card.total)}），退出码 1。`)));
    } else {
      out.push(p.green(`已达到最低分 ${fmtPoints(opts.minScore)}。`));
    }
  }
  return `${out.join('\n')}\n`;
}
