import { lowerBound, type Modality, type SectionKind } from '@fazhi/core';

// Sentences, clauses and how a clause states things: done / planned / problem.

export interface Span { start: number; end: number }

/** Sentence ends (。！？!?；; line break) and clause ends (those and ，,：:) of one view, ascending. */
interface Bounds { view: string; sent: Int32Array; clause: Int32Array }
// One view at a time is analysed (a DocContext asks hundreds of times about the same view): its
// boundaries are found once, then each question is a binary search instead of a walk with a
// regular expression per character.
let last: Bounds | null = null;

function boundsOf(view: string): Bounds {
  if (last && last.view === view) return last;
  const sent: number[] = [];
  const clause: number[] = [];
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || c === 0xff1b || c === 59 || c === 10) {
      sent.push(i);
      clause.push(i);
    } else if (c === 0xff0c || c === 0xff1a || c === 58 || c === 44) {
      // A comma grouping thousands (1,234) ends no clause.
      if (c === 44 && isDigit(view, i - 1) && isDigit(view, i + 1) && isDigit(view, i + 2) && isDigit(view, i + 3) && !isDigit(view, i + 4)) continue;
      clause.push(i);
    }
  }
  last = { view, sent: Int32Array.from(sent), clause: Int32Array.from(clause) };
  return last;
}

/** Sentence (or clause) boundaries around a view offset: [after the previous end, the next end). */
export function spanAround(view: string, pos: number, clause: boolean): Span {
  const ends = clause ? boundsOf(view).clause : boundsOf(view).sent;
  const lo = lowerBound(ends, pos); // first end at or after pos
  return { start: lo > 0 ? ends[lo - 1]! + 1 : 0, end: lo < ends.length ? ends[lo]! : Math.max(pos, view.length) };
}
const isDigit = (s: string, i: number) => { const c = s.charCodeAt(i); return c >= 48 && c <= 57; };

// Strong markers make the whole sentence a plan.
const PLAN_SENTENCE = /下一步|(?<![按照定原作度划])计划(?=开展|组织|完成|实现|推进|建立|举办|召开)|下一年度?|下年度|明年|今后|来年|接下来|将来|力争|争取|预计|拟于|计划于|计划在|计划到|目标是|着力推动.{0,6}实现/;
// 到2026年底 is a target unless the year is already over (到2024年底 in a 2024 report = 截至).
const BY_YEAR = /到(\d{4})年/;
// Weak markers make the clause they sit in a plan.
const PLAN_CLAUSE = /即将|将要|将于|将在|将会|准备|打算|要(?=把|将|坚持|进一步|加强|切实|全面|继续|持续|不断|严格|认真|做好|强化|深入|建立|健全|完善|推进|落实|提高|提升|注重|确保|抓好)|确保.{0,12}(?:达到|实现|不低于)|不低于|不少于(?=\d|[一二三四五六七八九十])|(?:^|[^定订])拟(?![定订])(?![^，,。；]{0,8}的)|计划(?=[于在到将年对开组完推实建])|(?<![即必])将(?=进一步|继续|持续|全面|深入|不断|大力|积极|着力|重点|逐步|力争|实现|开展|推进|推动|组织|围绕|聚焦|坚持|切实|努力|做好|完善|建立|健全|强化|提升|加强|加大|加快|以|重新|根据|按照|采取|于|探索|启动|召开|举办|出台|制定|全力|扎实|统筹|打造|构建|紧紧|坚定|进行|对|在)/;
const PLAN_CLAUSE_G = new RegExp(PLAN_CLAUSE.source, 'g');
const PROBLEM_INTRO = /(?<!(?:针对|对照|整改|解决|梳理)[^。；;\n]{0,8})(?:存在|仍有|还有|面临)[^。；;\n]{0,12}(?:问题|不足|短板|差距|困难)[^。；;\n]{0,8}[:：]/;
const DIRECTIVE_HEAD = /^\s*(?:并|同时|以|进一步)?(?:要求|责成|确保|务必|必须|应当)(?!了)/;
const DISPOSAL_JIANG = /将[^，,。；]{2,24}(?:纳入|作为|列入|写入|融入|融合|贯穿|落实到|转化为|延伸|分解|细化|汇编|印发|报送|提交|送达|公示|公开|推送|上传|录入|嵌入|打造为|纳为)/;

const PROBLEM = /尚未|未能|未(?!发生|出现|收到|接到|造成|引发|成年|来)[^，,。；]{0,2}|没有(?!发生|出现)|缺乏|缺少|欠缺|不够|有待|不足|不到位|不健全|不完善|不规范|不平衡|不充分|薄弱|亟需|亟待|仍需|仍然存在|仍有|存在.{0,6}(?:问题|短板|差距|现象)|流于形式|形式化|走过场|不明显|不深入|不及时|不精准|不严格|还需|尚需|不强|不高|滞后|较少|偏少|偏弱/;
const NEGATED_PROBLEM = /未发生|未出现|无.{0,6}(?:发生|事件|案件|纠纷)|零(?:发生|上访|事故)|杜绝/;

export interface ModalityInfo { modality: Modality; why: string }

/**
 * Modality of the statement covering view [start, end): section context first (next_year →
 * planned, shortcomings → problem), then markers in the sentence and clause.
 */
export function modalityAt(view: string, start: number, end: number, sectionKinds: readonly SectionKind[], year: number | null = null): ModalityInfo {
  const sent = spanAround(view, start, false);
  const clauseS = spanAround(view, start, true);
  const clauseE = spanAround(view, Math.max(start, end - 1), true);
  const clause = view.slice(clauseS.start, clauseE.end);
  const sentence = view.slice(sent.start, Math.max(sent.end, clauseE.end));
  const beforeInSentence = view.slice(sent.start, start);
  if (sectionKinds.includes('next_year')) return { modality: 'planned', why: 'next_year section' };
  if (sectionKinds.includes('shortcomings')) return { modality: 'problem', why: 'shortcomings section' };
  const strong = PLAN_SENTENCE.exec(beforeInSentence) ?? PLAN_SENTENCE.exec(clause);
  if (strong) return { modality: 'planned', why: strong[0] };
  const by = BY_YEAR.exec(beforeInSentence) ?? BY_YEAR.exec(clause);
  if (by && (year === null || Number(by[1]) > year)) return { modality: 'planned', why: by[0] };
  // Weak markers: in the clause itself, or a future 将 earlier in the sentence (将按照…，…建立…).
  const scopeStart = Math.min(sent.start, clauseS.start);
  const scope = view.slice(scopeStart, clauseE.end);
  const re = PLAN_CLAUSE_G;
  re.lastIndex = 0;
  let weak: RegExpExecArray | null;
  while ((weak = re.exec(scope))) {
    const at = scopeStart + weak.index;
    const inClause = at >= clauseS.start;
    const isJiang = /将/.test(weak[0]) && !/即将|将要|将于|将在|将会/.test(weak[0]);
    if (!inClause && !isJiang) continue;
    if (isJiang && !/^将(?:按照|根据|继续|持续|进一步|力争|努力|采取|于)/.test(view.slice(at, at + 4))) {
      const cl = spanAround(view, at, true);
      if (DISPOSAL_JIANG.test(view.slice(at, cl.end))) continue;
    }
    return { modality: 'planned', why: weak[0] };
  }
  // A directive to others (要求各村…) or an aim (确保…) at the head of the clause is not a result.
  const head = view.slice(clauseS.start, start);
  if (DIRECTIVE_HEAD.test(head) && !/了|已/.test(clause)) return { modality: 'planned', why: 'directive' };
  // An inline list of problems in the paragraph (存在以下问题：一是…；二是…) covers what follows.
  const paraStart = view.lastIndexOf('\n', start - 1) + 1;
  if (start - paraStart < 600 && PROBLEM_INTRO.test(view.slice(paraStart, start))) return { modality: 'problem', why: 'problem list' };
  const prob = PROBLEM.exec(clause);
  if (prob && !NEGATED_PROBLEM.test(clause)) return { modality: 'problem', why: prob[0] };
  void sentence;
  return { modality: 'done', why: '' };
}
