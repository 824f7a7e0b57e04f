import type { Rubric, ScoringRule } from '../schemas/rubric.js';
import { valueKeys } from './kinds.js';
import type { RubricCode, RubricProblem } from './problems.js';
import { locate, problemAt, type PathKey, type SourceFile } from './source.js';

/** Maps a path in the resolved rubric to the file and YAML path where it was written. */
export type Locator = (path: readonly PathKey[]) => { src: SourceFile; path: PathKey[] };

const EPS = 1e-9;
const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * The rules beyond the schema. Each returns located problems; none throws. Kept as one list so
 * the authoring guide and the tests can name every rule.
 */
export function lintRubric(r: Rubric, locator: Locator): RubricProblem[] {
  const out: RubricProblem[] = [];
  // `key`: point at that key of the mapping at `path` (a map entry whose key is wrong).
  const at = (path: PathKey[], code: RubricCode, message: string, key?: string) => {
    const t = locator(path);
    out.push(problemAt(t.src, locate(t.src, t.path, key === undefined ? undefined : [key]).offset, code, message));
  };

  // Ids: categories and indicators share one namespace (drop takes either).
  const seen = new Map<string, string>();
  r.categories.forEach((c, ci) => {
    if (seen.has(c.id)) at(['categories', ci, 'id'], 'E_RUBRIC_DUPLICATE_ID', `分类 id “${c.id}” 与 ${seen.get(c.id)} 重复 / duplicate id`);
    else seen.set(c.id, `分类 ${c.id}`);
    c.indicators.forEach((ind, ii) => {
      if (seen.has(ind.id)) at(['categories', ci, 'indicators', ii, 'id'], 'E_RUBRIC_DUPLICATE_ID', `指标 id “${ind.id}” 与 ${seen.get(ind.id)} 重复 / duplicate id`);
      else seen.set(ind.id, `${c.id} 中的指标`);
    });
  });

  // Grades: strictly descending, within the total, the last one open to 0.
  r.grades.forEach((g, gi) => {
    const prev = r.grades[gi - 1];
    if (prev && !(g.min < prev.min)) at(['grades', gi, 'min'], 'E_RUBRIC_GRADES_ORDER', `等级须按 min 从高到低排列：“${g.name}” 的 min ${g.min} 不低于上一级 “${prev.name}” 的 ${prev.min}`);
    if (g.min > r.total + EPS) at(['grades', gi, 'min'], 'E_RUBRIC_GRADES_ORDER', `等级 “${g.name}” 的 min ${g.min} 超过总分 ${r.total}`);
  });
  const last = r.grades[r.grades.length - 1];
  if (last && last.min !== 0) at(['grades', r.grades.length - 1, 'min'], 'E_RUBRIC_GRADES_ORDER', `最低一级 “${last.name}” 的 min 须为 0，否则低分报告没有等级`);

  let sum = 0;
  r.categories.forEach((c, ci) => {
    c.indicators.forEach((ind, ii) => {
      const p = (...rest: PathKey[]): PathKey[] => ['categories', ci, 'indicators', ii, ...rest];
      sum += ind.points;
      const spec = r.facts[ind.fact];
      if (!spec) {
        const known = Object.keys(r.facts).join(', ');
        at(p('fact'), 'E_RUBRIC_UNKNOWN_FACT', `指标 “${ind.id}” 读取的事实 “${ind.fact}” 未在 facts 中声明（已声明：${known}）/ unknown fact`);
      } else {
        checkScoring(ind.scoring, spec.kind, valueKeys(spec), ind.points, ind.id, p, at);
      }
      if (spec) {
        const kinds = valueKeys(spec);
        ind.examples.forEach((ex, ei) => {
          if (ex.value === undefined) return;
          const bad = exampleValueProblem(ex.value, kinds);
          if (bad) at(p('examples', ei, 'value'), 'E_RUBRIC_EXAMPLES', `指标 “${ind.id}” 的示例 value ${JSON.stringify(ex.value)} 不是 ${spec.kind} 类事实可能的取值：${bad}`);
        });
      }
      const earns = ind.examples.some((e) => e.earns);
      const fails = ind.examples.some((e) => !e.earns);
      if (!earns || !fails) {
        const need = [!earns ? '得分示例（earns: true）' : '', !fails ? '不得分示例（earns: false）' : ''].filter(Boolean).join('和');
        at(p('examples'), 'E_RUBRIC_EXAMPLES', `指标 “${ind.id}” 至少需要一个${need}，写一段报告中的原话 / needs an earning and a non-earning example`);
      }
    });
  });
  if (Math.abs(sum - r.total) > 1e-6) {
    at(['total'], 'E_RUBRIC_POINTS_SUM', `各指标分值之和为 ${fmt(sum)}，与 total ${r.total} 不一致；请调整 points 或 total / indicator points do not add up to total`);
  }
  return out;
}

/** Why an example's expected value cannot be a value of the fact, or null when it can. */
function exampleValueProblem(v: unknown, keys: ReturnType<typeof valueKeys>): string | null {
  const self = keys[''];
  if (self) {
    if (self.type === 'enum') return typeof v === 'string' && self.values!.includes(v) ? null : `应为 ${self.values!.join(' / ')}`;
    return v === null || typeof v === 'number' ? null : '应为数字或 null';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `应为对象，键为 ${Object.keys(keys).join(', ')}`;
  const unknown = Object.keys(v).filter((k) => !(k in keys));
  return unknown.length ? `未知的键 ${unknown.join(', ')}（可用：${Object.keys(keys).join(', ')}）` : null;
}

type At = (path: PathKey[], code: RubricCode, message: string, key?: string) => void;

function checkScoring(
  s: ScoringRule,
  kind: string,
  keys: ReturnType<typeof valueKeys>,
  points: number,
  id: string,
  p: (...rest: PathKey[]) => PathKey[],
  at: At,
): void {
  const of = 'of' in s ? (s.of ?? '') : '';
  const target = keys[of];
  if (s.type !== 'deduct' && !target) {
    const choices = Object.keys(keys).filter(Boolean);
    const hint = choices.length ? `可选：${choices.join(', ')}` : `${kind} 类事实的值本身即可读取，不要写 of`;
    at(p('scoring', of ? 'of' : 'type'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}” 的 scoring.of “${of}” 不是 ${kind} 类事实值中的键（${hint}）`);
    return;
  }
  switch (s.type) {
    case 'map': {
      const allowed = target!.type === 'boolean' ? ['true', 'false'] : target!.type === 'enum' ? [...(target!.values ?? [])] : null;
      if (!allowed) {
        at(p('scoring', 'type'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}”：${kind} 类事实的 “${of || '值'}” 是数值，请用 bands 或 proportional，不要用 map`);
        return;
      }
      for (const [k, v] of Object.entries(s.values)) {
        if (!allowed.includes(k)) at(p('scoring', 'values'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}”：map 的键 “${k}” 不是可能的取值（${allowed.join(', ')}）`, k);
        if (v > points + EPS) at(p('scoring', 'values', k), 'E_RUBRIC_POINTS_EXCEED', `指标 “${id}”：“${k}” 得 ${v} 分，超过该指标分值 ${points}`);
      }
      return;
    }
    case 'bands': {
      if (target!.type !== 'number') {
        at(p('scoring', 'type'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}”：${kind} 类事实的 “${of || '值'}” 不是数值，请用 map（或 deduct），不要用 bands`);
        return;
      }
      s.bands.forEach((b, bi) => {
        const prev = s.bands[bi - 1];
        if (prev && !(b.min < prev.min)) {
          at(p('scoring', 'bands', bi, 'min'), 'E_RUBRIC_BANDS_ORDER', `指标 “${id}”：分档须按 min 从高到低严格排列，第 ${bi + 1} 档 min ${b.min} 不低于上一档 ${prev.min}`);
        }
        if (b.points > points + EPS) at(p('scoring', 'bands', bi, 'points'), 'E_RUBRIC_POINTS_EXCEED', `指标 “${id}”：第 ${bi + 1} 档得 ${b.points} 分，超过该指标分值 ${points}`);
      });
      return;
    }
    case 'proportional':
      if (target!.type !== 'number') at(p('scoring', 'type'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}”：proportional 只能用于数值（当前读取 “${of || '值'}”）`);
      return;
    case 'deduct':
      if (kind !== 'checklist' && kind !== 'structure') at(p('scoring', 'type'), 'E_RUBRIC_SCORING_KIND', `指标 “${id}”：deduct（每缺一项扣分）只适用于 checklist 和 structure 类事实，当前为 ${kind}`);
      if (s.per > points + EPS) at(p('scoring', 'per'), 'E_RUBRIC_POINTS_EXCEED', `指标 “${id}”：每项扣 ${s.per} 分，超过该指标分值 ${points}`);
      return;
  }
}
