// zh-CN wording of values and rules. Kept apart from the arithmetic so a translation touches one file.
import type { Evidence, FactSpec, SectionKind } from '@fazhi/core';

export const PART_NAMES: Record<Exclude<SectionKind, 'other'>, string> = {
  measures: '主要举措和成效',
  shortcomings: '存在的不足和原因',
  leader_duties: '党政主要负责人履行推进法治建设第一责任人职责情况',
  next_year: '下一年度工作安排',
};

export const partName = (k: string): string => (PART_NAMES as Record<string, string>)[k] ?? k;

/** 98 → "98", 98.18181 → "98.18" (never scientific notation, never trailing zeros). */
export function num(n: number, decimals = 2): string {
  const f = 10 ** decimals;
  const r = Math.round(n * f) / f;
  return String(r);
}

export const pts = (n: number): string => `${num(n)} 分`;

/** A value as a map key / in words, without throwing on odd input (null-prototype objects …). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '?';
  }
}

/** Deep copy with object keys sorted, so output does not depend on the input's key order. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

export const officialNote = (official: boolean | undefined): string =>
  official === true ? '（官方标准）' : official === false ? '（本细则建议阈值）' : '';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const STATUS_TEXT: Record<string, string> = { done: '已开展', planned: '仅有计划', absent: '未找到' };
const CHECK_TEXT: Record<string, string> = { all: '全部写明', partial: '部分写明', generic: '仅笼统提及', absent: '未找到' };
const PUB_TEXT: Record<string, string> = { on_time: '按时公开', late: '逾期公开', very_late: '严重逾期', unknown: '公开日期不明' };

/** The fact value as people read it. */
export function valueText(spec: FactSpec | undefined, value: unknown, approximate: string[] = []): string {
  if (value === undefined) return '未找到';
  const approx = (key: string) => (approximate.includes(key) ? '余' : '');
  switch (spec?.kind) {
    case 'status':
      return STATUS_TEXT[str(value)] ?? str(value);
    case 'checklist': {
      const t = CHECK_TEXT[str(value)] ?? str(value);
      return value === 'all' ? `${t}：${spec.items.map((i) => i.title).join('、')}` : t;
    }
    case 'count': {
      const v = n(value);
      return v === null ? '未找到' : `${num(v)}${approx('value')} ${spec.units[0]}`;
    }
    case 'rate': {
      const v = n(value);
      return v === null ? '未找到' : `${num(v)}%`;
    }
    case 'ratio': {
      if (!isObj(value)) return '未找到';
      const k = spec.keys ?? { total: 'total', part: 'part', rate: 'rate_pct' };
      const parts: string[] = [];
      const t = n(value[k.total]);
      const p = n(value[k.part]);
      const r = n(value[k.rate]);
      if (t !== null) parts.push(`共 ${num(t)}${approx(k.total)} ${spec.total.units[0]}`);
      if (p !== null) parts.push(`成功 ${num(p)}${approx(k.part)} ${spec.part.units[0]}`);
      if (r !== null) parts.push(`比率 ${num(r)}%`);
      return parts.length ? parts.join('，') : '未找到';
    }
    case 'coverage': {
      if (!isObj(value)) return '未找到';
      if (value.present !== true) return '未找到';
      const parts = ['已配备'];
      const cov = n(value.units_covered);
      const tot = n(value.units_total);
      const pct = n(value.coverage_pct);
      if (cov !== null && tot !== null) parts.push(`覆盖 ${num(cov)}/${num(tot)} 个${spec.units[0]}`);
      else if (cov !== null) parts.push(`覆盖 ${num(cov)} 个${spec.units[0]}`);
      parts.push(pct !== null ? `覆盖率 ${num(pct)}%` : '覆盖率未写明');
      return parts.join('，');
    }
    case 'structure': {
      if (!isObj(value)) return '未找到';
      const found = Array.isArray(value.found) ? (value.found as string[]) : [];
      const missing = Array.isArray(value.missing) ? (value.missing as string[]) : [];
      const f = found.filter((k) => k !== 'other').map(partName);
      const out = [`已有 ${f.length} 部分${f.length ? `：${f.join('、')}` : ''}`];
      if (missing.length) out.push(`缺少：${missing.map(partName).join('、')}`);
      return out.join('；');
    }
    case 'publication': {
      if (!isObj(value)) return '未找到';
      const parts: string[] = [];
      parts.push(typeof value.publishDate === 'string' ? `发布日期 ${value.publishDate}` : '未找到发布日期');
      if (typeof value.deadline === 'string') parts.push(`截止 ${value.deadline}`);
      const late = n(value.daysLate);
      const status = str(value.status ?? 'unknown');
      parts.push(late !== null && late > 0 ? `${PUB_TEXT[status] ?? status} ${num(late, 0)} 天` : (PUB_TEXT[status] ?? status));
      return parts.join('，');
    }
    case 'specificity': {
      if (!isObj(value)) return '未找到';
      const q = n(value.quantPer1000);
      const s = n(value.stockShare);
      const parts: string[] = [];
      if (q !== null) parts.push(`每千字量化表述 ${num(q, 1)} 处`);
      if (s !== null) parts.push(`套话句占 ${num(s * 100, 0)}%`);
      return parts.length ? parts.join('，') : '未找到';
    }
    default:
      return str(value);
  }
}

/** Evidence keys in one fixed order, so scorecards are byte-identical whatever the input's key order. */
export function canonicalEvidence(e: Evidence): Evidence {
  const out: Evidence = { quote: e.quote, start: e.start, end: e.end, line: e.line, section: e.section, modality: e.modality };
  if (e.page !== undefined) out.page = e.page;
  if (e.paragraph !== undefined) out.paragraph = e.paragraph;
  return out;
}
