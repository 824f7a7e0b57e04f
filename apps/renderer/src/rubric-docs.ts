// Published rubric docs (HTML + Markdown) from the resolved rubric alone: the YAML is the single
// source of both the scoring and the rules people read. Output is deterministic (no dates), so
// the committed docs/rubrics/* can be checked for staleness by regenerating them in memory.
// Rubric text is escaped everywhere: a county's rubric file is input like any other.
import type { FactSpec, Indicator, Rubric, ScoringRule } from '@fazhi/core';

/** The parts of a LoadedRubric the docs need (structurally a LoadedRubric). */
export interface RubricDocsInput {
  rubric: Rubric;
  sha256: string;
  chain?: string[];
}

export interface RubricDocs {
  html: string;
  markdown: string;
}

const PART_ZH: Record<string, string> = {
  measures: '主要举措和成效',
  shortcomings: '存在的不足和原因',
  leader_duties: '党政主要负责人履行推进法治建设第一责任人职责情况',
  next_year: '下一年度工作安排',
};

const LEVEL_ZH: Record<string, string> = {
  township: '乡镇（街道）',
  county: '县（区）政府',
  city: '市级政府',
  province: '省级政府',
  department: '政府部门',
  unknown: '未识别',
};

const KIND_ZH: Record<FactSpec['kind'], string> = {
  status: '状态（已开展 / 仅计划 / 未提及）',
  checklist: '清单（逐项是否写明）',
  count: '计数（件、次、场…）',
  rate: '比率（%）',
  ratio: '数量与比率（总数、成功数、比率，并核对是否一致）',
  coverage: '覆盖（覆盖单位数、覆盖率、“全覆盖”）',
  structure: '报告结构（一级标题）',
  publication: '公开时间',
  specificity: '内容具体性（量化表述密度、套话比例）',
};

/** Enum values as people read them. */
const VALUE_ZH: Record<string, string> = {
  done: '已开展（写明已完成）',
  planned: '仅作为计划提及',
  absent: '未提及',
  all: '各项均写明已落实',
  generic: '仅笼统提及（只写统称）',
  partial: '部分项写明',
  on_time: '按时公开',
  late: '逾期 30 日内公开',
  very_late: '逾期超过 30 日或未公开',
  unknown: '无法确定公开日期',
  true: '有',
  false: '无',
};

const OF_ZH: Record<string, string> = {
  rate_pct: '成功率（%）',
  coverage_pct: '覆盖率（%）',
  present: '是否具备',
  status: '公开情况',
  quantPer1000: '每千字量化表述数',
  disputes: '纠纷总数',
  resolved: '成功调解数',
};

const WHEN_MISSING_ZH: Record<Indicator['whenMissing'], string> = {
  zero: '报告中未找到时得 0 分。',
  review: '报告中未找到时列入“待复核”，由评审人员核实后给分。',
  na: '报告中未找到时视为不适用，不计入总分。',
};

/** A chain entry (a file path, relative to wherever the command ran) as a stable rubric name. */
const chainName = (c: string): string => c.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');

const num = (n: number): string => String(Math.round(n * 100) / 100);

function unitOf(fact: FactSpec | undefined, of: string | undefined): string {
  if (of && /pct|rate/.test(of)) return '%';
  if (!fact) return '';
  if (fact.kind === 'rate') return '%';
  if (fact.kind === 'count') return fact.units[0] ?? '';
  return '';
}

/** The scoring rule in words (zh-CN), one sentence per line. */
export function describeScoring(ind: Indicator, fact: FactSpec | undefined): string[] {
  const s: ScoringRule = ind.scoring;
  const subject = 'of' in s && s.of ? `${OF_ZH[s.of] ?? s.of}` : fact ? fact.title : ind.fact;
  const lines: string[] = [];
  switch (s.type) {
    case 'map': {
      lines.push(`按${subject}计分：`);
      const umbrella = fact?.kind === 'checklist' ? fact.umbrella?.[0] : undefined;
      const label = (k: string) => (k === 'generic' && umbrella ? `仅笼统提及（如只写“${umbrella}”）` : (VALUE_ZH[k] ?? k));
      for (const [k, v] of Object.entries(s.values)) lines.push(`${label(k)} → ${num(v)} 分`);
      break;
    }
    case 'bands': {
      const u = unitOf(fact, s.of);
      lines.push(`按${subject}分档计分（取达到的最高一档）：`);
      for (const b of s.bands) lines.push(`${b.label ? `${b.label}：` : ''}≥ ${num(b.min)}${u} → ${num(b.points)} 分`);
      const lowest = Math.min(...s.bands.map((b) => b.min));
      lines.push(lowest > 0 ? `低于 ${num(lowest)}${u} 或未写明数字 → 0 分` : '未写明数字 → 0 分');
      break;
    }
    case 'proportional': {
      lines.push(`按${subject}比例计分：达到 ${num(s.full)} 得满分 ${num(ind.points)} 分，不足时按 实际值 ÷ ${num(s.full)} × ${num(ind.points)} 折算。`);
      break;
    }
    case 'deduct': {
      const items =
        fact?.kind === 'structure'
          ? fact.parts.map((p) => PART_ZH[p] ?? p)
          : fact?.kind === 'checklist'
            ? fact.items.map((i) => i.title)
            : [];
      lines.push(`每缺一项扣 ${num(s.per)} 分，扣完为止（满分 ${num(ind.points)} 分）${items.length ? '，各项为：' : '。'}`);
      for (const it of items) lines.push(it);
      break;
    }
  }
  return lines;
}

/** Evidence terms from the fact's detector config: what words the tool looks for. */
export function describeTerms(fact: FactSpec | undefined): { label: string; terms: string[] }[] {
  if (!fact) return [];
  const rows: { label: string; terms: string[] }[] = [];
  const add = (label: string, terms: readonly string[] | undefined) => {
    if (terms && terms.length) rows.push({ label, terms: [...terms] });
  };
  switch (fact.kind) {
    case 'status':
      add('关键词', fact.terms);
      break;
    case 'checklist':
      for (const it of fact.items) add(it.title, it.terms);
      add('统称（只写统称算“笼统提及”）', fact.umbrella);
      break;
    case 'count':
      add('关键词', fact.terms);
      add(`数字单位（关键词后 ${fact.window ?? 30} 字以内）`, fact.units);
      add('泛称动词（在写到关键词的同一段内，其后的件数也计入）', fact.verbs);
      break;
    case 'rate':
      add('关键词', fact.terms);
      break;
    case 'ratio':
      add('主题词（数字须与之同句）', fact.subject);
      add('总数', [...fact.total.terms, ...fact.total.units.map((u) => `单位：${u}`)]);
      add('成功数', [...fact.part.terms, ...fact.part.units.map((u) => `单位：${u}`)]);
      add('比率', fact.rate.terms);
      break;
    case 'coverage':
      add('关键词', fact.terms);
      add('覆盖单位', fact.units);
      add('表示全覆盖的词', fact.allWords);
      break;
    case 'structure':
      add('一级标题（或同义标题；合并标题同时计入）', fact.parts.map((p) => PART_ZH[p] ?? p));
      break;
    case 'publication':
      {
        const [m, d] = (fact.deadline ?? '04-01').split('-').map(Number);
        add('公开期限', [`报告年度次年 ${m} 月 ${d} 日前`]);
      }
      add('日期来源', ['发布时间 / 发布日期', '成文日期', '文末落款日期']);
      break;
    case 'specificity':
      add('量化表述', ['数字 + 单位（件、次、场、人次、%…）']);
      add('套话（占比高则减分）', fact.stockPhrases);
      break;
  }
  add('排除词（附近出现则不计）', fact.exclude);
  add('正则表达式', fact.patterns);
  return rows;
}

/** true when the indicator's threshold or its basis is a proposal of this rubric, not an official rule. */
export function isProposal(ind: Indicator): boolean {
  return ind.scoring.official === false || ind.basis.official === false;
}

const PROPOSAL_TAG = '<span class="tag proposal">建议</span>';
const OFFICIAL_TAG = '<span class="tag official">官方</span>';
const PROPOSAL_NOTE = '建议（proposal）：本细则提出的阈值或做法，不是官方规定';

// ---------------------------------------------------------------- Markdown

/** Escapes text for Markdown (and the HTML a Markdown viewer would render). */
export function mdEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
}

function mdCode(s: string): string {
  // Inline code cannot hold a backtick safely; terms never need one.
  return `\`${s.replace(/`/g, 'ˋ').replace(/\r?\n/g, '⏎').replace(/\|/g, '¦')}\``;
}

export function renderRubricMarkdown(input: RubricDocsInput): string {
  const r = input.rubric;
  const o: string[] = [];
  const total = r.categories.reduce((s, c) => s + c.indicators.reduce((t, i) => t + i.points, 0), 0);
  o.push(`<!-- 本文件由 \`fazhi rubric docs ${r.id}\` 生成，请勿手工修改 / generated, do not edit -->`);
  o.push('');
  o.push(`# ${mdEscape(r.title)}`);
  o.push('');
  o.push(`- 细则 id：\`${r.id}\` · 版本 ${r.version} · sha256 \`${input.sha256.slice(0, 12)}\``);
  if (input.chain && input.chain.length > 1) o.push(`- 继承关系：${input.chain.map((c) => mdEscape(chainName(c))).join(' ← ')}`);
  o.push(`- 适用：${r.applies_to.map((a) => LEVEL_ZH[a] ?? a).join('、')}`);
  o.push(`- 总分 ${num(r.total)} 分（各指标合计 ${num(total)} 分）；等级：${r.grades.map((g) => `${mdEscape(g.name)} ≥ ${num(g.min)}`).join('，')}`);
  o.push(`- 只有写明“已完成”的表述计分：计划（将、拟、计划、力争、下一步）和问题（未、尚未、没有、缺乏、不够）不计分；每一分都附原文逐字引文。`);
  o.push(`- 标注 **建议** 的阈值或依据是本细则提出的建议（proposal），不是官方规定。`);
  if (r.description) {
    o.push('');
    o.push(mdEscape(r.description));
  }
  o.push('');
  o.push('## 指标一览');
  o.push('');
  o.push('| 类别 | 指标 | 分值 | 未找到时 | 计分阈值 | 依据 |');
  o.push('|---|---|---:|---|---|---|');
  for (const c of r.categories) {
    for (const ind of c.indicators) {
      o.push(`| ${mdEscape(c.title)} | [${mdEscape(ind.title)}](#${ind.id}) | ${num(ind.points)} | ${{ zero: '0 分', review: '待复核', na: '不适用' }[ind.whenMissing]} | ${ind.scoring.official === false ? '建议' : '官方'} | ${ind.basis.official ? '官方' : '建议'} |`);
    }
  }
  for (const c of r.categories) {
    const pts = c.indicators.reduce((t, i) => t + i.points, 0);
    o.push('');
    o.push(`## ${mdEscape(c.title)}（${num(pts)} 分）`);
    for (const ind of c.indicators) {
      const fact = r.facts[ind.fact];
      o.push('');
      o.push(`<a id="${ind.id}"></a>`);
      o.push('');
      o.push(`### ${mdEscape(ind.title)} · ${num(ind.points)} 分`);
      o.push('');
      o.push(`指标 \`${ind.id}\` · 事实 \`${ind.fact}\`${fact ? ` · ${mdEscape(fact.title)} · 检测方式：${KIND_ZH[fact.kind]}` : ''}`);
      if (ind.description) o.push('', mdEscape(ind.description));
      o.push('');
      o.push(`**计分**${ind.scoring.official === false ? '（建议阈值，非官方规定）' : ind.scoring.official === true ? '（官方标准）' : ''}`);
      o.push('');
      const [lead, ...rest] = describeScoring(ind, fact);
      o.push(`- ${mdEscape(lead ?? '')}`);
      for (const line of rest) o.push(`  - ${mdEscape(line)}`);
      o.push(`- ${WHEN_MISSING_ZH[ind.whenMissing]}`);
      const terms = describeTerms(fact);
      if (terms.length) {
        o.push('');
        o.push('**证据用词**（在报告的规范化文本上逐字匹配，繁体报告同样适用）');
        o.push('');
        for (const t of terms) o.push(`- ${mdEscape(t.label)}：${t.terms.map(mdCode).join('、')}`);
      }
      o.push('');
      o.push(`**依据**${ind.basis.official ? '（官方）' : `（**${PROPOSAL_NOTE}**）`}：${mdEscape(ind.basis.text)}${ind.basis.source ? `（${mdEscape(ind.basis.source)}）` : ''}`);
      o.push('');
      o.push(`**怎么写**：${mdEscape(ind.remedy)}`);
      if (ind.examples.length) {
        o.push('');
        o.push('**示例**');
        o.push('');
        for (const ex of ind.examples) {
          o.push(`- ${ex.earns ? '✅ 得分' : '❌ 不得分'}：${mdEscape(ex.text)}${ex.note ? `（${mdEscape(ex.note)}）` : ''}`);
        }
      }
    }
  }
  if (r.penalties && r.penalties.length) {
    o.push('');
    o.push('## 扣分的质量问题');
    o.push('');
    for (const p of r.penalties) o.push(`- \`${p.flag}\`：扣 ${num(p.points)} 分${p.official ? '' : '（建议）'}`);
  }
  o.push('');
  return o.join('\n');
}

// ---------------------------------------------------------------- HTML

export function htmlEscape(s: string): string {
  return s.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
:root{--ink:#1d2330;--mute:#5b6472;--line:#d9dee7;--accent:#b3261e;--ok:#1b7f3b;--warn:#9a6700;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:24px;margin:0 0 8px;color:var(--accent)}
h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:4px}
h3{font-size:16px;margin:0}
.meta{color:var(--mute);margin:0 0 12px;padding-left:18px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f9}
td.n{text-align:right;white-space:nowrap}
.ind{border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:12px 0;break-inside:avoid}
.ind header{display:flex;justify-content:space-between;gap:12px;align-items:baseline}
.pts{font-weight:700;white-space:nowrap}
.id{color:var(--mute);font-size:13px}
.tag{display:inline-block;font-size:12px;border-radius:3px;padding:0 6px;margin-left:6px;border:1px solid}
.tag.proposal{color:var(--warn);border-color:var(--warn);background:#fff8e1}
.tag.official{color:var(--ok);border-color:var(--ok)}
dl{margin:8px 0 0;display:grid;grid-template-columns:6em 1fr;gap:4px 12px}
dt{color:var(--mute)}
dd{margin:0}
ul{margin:0;padding-left:18px}
code{background:#f3f5f9;border-radius:3px;padding:0 4px;font-family:inherit}
.ex-yes::before{content:"✅ 得分：";}
.ex-no::before{content:"❌ 不得分：";}
.note{color:var(--mute);font-size:13px}
@media print{
  @page{size:A4;margin:15mm 14mm}
  body{font-size:11pt}
  main{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid}
  .ind{border-color:#999}
}
`;

export function renderRubricHtml(input: RubricDocsInput): string {
  const r = input.rubric;
  const e = htmlEscape;
  const total = r.categories.reduce((s, c) => s + c.indicators.reduce((t, i) => t + i.points, 0), 0);
  const o: string[] = [];
  o.push('<!DOCTYPE html>');
  o.push(`<!-- 本文件由 fazhi rubric docs ${e(r.id)} 生成，请勿手工修改 / generated, do not edit -->`);
  o.push('<html lang="zh-CN"><head><meta charset="utf-8">');
  o.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  o.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  o.push(`<title>${e(r.title)} · ${e(r.version)}</title>`);
  o.push(`<style>${CSS}</style></head><body><main>`);
  o.push(`<h1>${e(r.title)}</h1>`);
  o.push('<ul class="meta">');
  o.push(`<li>细则 id <code>${e(r.id)}</code> · 版本 ${e(r.version)} · sha256 <code>${e(input.sha256.slice(0, 12))}</code></li>`);
  if (input.chain && input.chain.length > 1) o.push(`<li>继承关系：${input.chain.map((c) => e(chainName(c))).join(' ← ')}</li>`);
  o.push(`<li>适用：${r.applies_to.map((a) => e(LEVEL_ZH[a] ?? a)).join('、')}</li>`);
  o.push(`<li>总分 ${num(r.total)} 分（各指标合计 ${num(total)} 分）；等级：${r.grades.map((g) => `${e(g.name)} ≥ ${num(g.min)}`).join('，')}</li>`);
  o.push('<li>只有写明“已完成”的表述计分：计划（将、拟、计划、力争、下一步）和问题（未、尚未、没有、缺乏、不够）不计分；每一分都附原文逐字引文。</li>');
  o.push('<li>标注 <span class="tag proposal">建议</span> 的阈值或依据是本细则提出的建议（proposal），不是官方规定。</li>');
  o.push('</ul>');
  if (r.description) o.push(`<p>${e(r.description)}</p>`);

  o.push('<h2>指标一览</h2><table><thead><tr><th>类别</th><th>指标</th><th>分值</th><th>未找到时</th><th>计分阈值</th><th>依据</th></tr></thead><tbody>');
  for (const c of r.categories) {
    for (const ind of c.indicators) {
      o.push(
        `<tr><td>${e(c.title)}</td><td><a href="#${e(ind.id)}">${e(ind.title)}</a></td><td class="n">${num(ind.points)}</td><td>${{ zero: '0 分', review: '待复核', na: '不适用' }[ind.whenMissing]}</td><td>${ind.scoring.official === false ? PROPOSAL_TAG : OFFICIAL_TAG}</td><td>${ind.basis.official ? OFFICIAL_TAG : PROPOSAL_TAG}</td></tr>`,
      );
    }
  }
  o.push('</tbody></table>');

  for (const c of r.categories) {
    const pts = c.indicators.reduce((t, i) => t + i.points, 0);
    o.push(`<h2 id="cat-${e(c.id)}">${e(c.title)}（${num(pts)} 分）</h2>`);
    for (const ind of c.indicators) {
      const fact = r.facts[ind.fact];
      o.push(`<section class="ind" id="${e(ind.id)}"><header><h3>${e(ind.title)}</h3><span class="pts">${num(ind.points)} 分</span></header>`);
      o.push(`<div class="id">指标 <code>${e(ind.id)}</code> · 事实 <code>${e(ind.fact)}</code>${fact ? ` · ${e(fact.title)} · 检测方式：${e(KIND_ZH[fact.kind])}` : ''}</div>`);
      if (ind.description) o.push(`<p>${e(ind.description)}</p>`);
      o.push('<dl>');
      const tag = ind.scoring.official === false ? '<span class="tag proposal">建议阈值，非官方规定</span>' : ind.scoring.official === true ? '<span class="tag official">官方标准</span>' : '';
      o.push(`<dt>计分</dt><dd>${tag}<ul>${((lines) => `<li>${e(lines[0] ?? '')}${lines.length > 1 ? `<ul>${lines.slice(1).map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : ''}</li>`)(describeScoring(ind, fact))}<li>${e(WHEN_MISSING_ZH[ind.whenMissing])}</li></ul></dd>`);
      const terms = describeTerms(fact);
      if (terms.length) {
        o.push(`<dt>证据用词</dt><dd><ul>${terms.map((t) => `<li>${e(t.label)}：${t.terms.map((x) => `<code>${e(x)}</code>`).join('、')}</li>`).join('')}</ul><div class="note">在报告的规范化文本上逐字匹配，繁体报告同样适用。</div></dd>`);
      }
      o.push(
        `<dt>依据</dt><dd>${ind.basis.official ? '<span class="tag official">官方</span>' : `<span class="tag proposal">${e(PROPOSAL_NOTE)}</span>`} ${e(ind.basis.text)}${ind.basis.source ? `<div class="note">来源：${e(ind.basis.source)}</div>` : ''}</dd>`,
      );
      o.push(`<dt>怎么写</dt><dd>${e(ind.remedy)}</dd>`);
      if (ind.examples.length) {
        o.push(`<dt>示例</dt><dd><ul>${ind.examples.map((x) => `<li class="${x.earns ? 'ex-yes' : 'ex-no'}">${e(x.text).replace(/\r?\n/g, '<br>')}${x.note ? ` <span class="note">${e(x.note)}</span>` : ''}</li>`).join('')}</ul></dd>`);
      }
      o.push('</dl></section>');
    }
  }
  if (r.penalties && r.penalties.length) {
    o.push('<h2>扣分的质量问题</h2><ul>');
    for (const p of r.penalties) o.push(`<li><code>${e(p.flag)}</code>：扣 ${num(p.points)} 分${p.official ? '' : ' <span class="tag proposal">建议</span>'}</li>`);
    o.push('</ul>');
  }
  o.push(`<p class="note">由 Fazhi Scorecard 依据细则文件生成。</p>`);
  o.push('</main></body></html>');
  return `${o.join('\n')}\n`;
}

export function renderRubricDocs(input: RubricDocsInput): RubricDocs {
  return { html: renderRubricHtml(input), markdown: renderRubricMarkdown(input) };
}

/** docs/rubrics/README.md: the built-in rubrics with links to their docs (generated too). */
export function renderRubricIndex(inputs: RubricDocsInput[]): string {
  const o: string[] = [];
  o.push('<!-- 本文件由 fazhi 生成，请勿手工修改 / generated, do not edit -->');
  o.push('');
  o.push('# 内置评分细则 / Built-in rubrics');
  o.push('');
  o.push('每份细则都有 HTML（可打印）和 Markdown 两种文档，由 `rubrics/*.yaml` 生成：`fazhi rubric docs <id> --out docs/rubrics`。');
  o.push('编写本县细则见 [../rubric-authoring.md](../rubric-authoring.md)，`fazhi rubric init` 生成模板。');
  o.push('');
  o.push('| id | 细则 | 版本 | 适用 | 指标数 | 继承 | 文档 |');
  o.push('|---|---|---|---|---:|---|---|');
  for (const { rubric: r, chain } of [...inputs].sort((a, b) => a.rubric.id.localeCompare(b.rubric.id))) {
    const n = r.categories.reduce((s, c) => s + c.indicators.length, 0);
    const parents = (chain ?? []).slice(1).map(chainName).join(' ← ') || '—';
    o.push(`| \`${r.id}\` | ${mdEscape(r.title)} | ${r.version} | ${r.applies_to.map((a) => LEVEL_ZH[a] ?? a).join('、')} | ${n} | ${mdEscape(parents)} | [HTML](${r.id}.html) · [Markdown](${r.id}.md) |`);
  }
  o.push('');
  o.push('Docs for every built-in rubric (HTML for print, Markdown for reading on the web), generated from `rubrics/*.yaml`; a test fails when they are stale.');
  o.push('');
  return o.join('\n');
}
