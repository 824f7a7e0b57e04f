import { FazhiError } from '../errors.js';

/** Stable codes of rubric problems. Tools and tests match on these, never on the message. */
export const RUBRIC_CODES = [
  'E_RUBRIC_NOT_FOUND',
  'E_RUBRIC_READ',
  'E_RUBRIC_TOO_LARGE',
  'E_RUBRIC_TOO_DEEP',
  'E_RUBRIC_ALIAS_BOMB',
  'E_RUBRIC_YAML',
  'E_RUBRIC_SCHEMA',
  'E_RUBRIC_DUPLICATE_ID',
  'E_RUBRIC_UNKNOWN_FACT',
  'E_RUBRIC_EXTENDS_NOT_FOUND',
  'E_RUBRIC_EXTENDS_CYCLE',
  'E_RUBRIC_DROP_UNKNOWN',
  'E_RUBRIC_BANDS_ORDER',
  'E_RUBRIC_POINTS_SUM',
  'E_RUBRIC_POINTS_EXCEED',
  'E_RUBRIC_GRADES_ORDER',
  'E_RUBRIC_INCOMPLETE_INDICATOR',
  'E_RUBRIC_EXAMPLES',
  'E_RUBRIC_SCORING_KIND',
] as const;
export type RubricCode = (typeof RUBRIC_CODES)[number];

/** One located problem in a rubric file. Lines and columns are 1-based (UTF-16 columns). */
export interface RubricProblem {
  code: RubricCode;
  message: string;
  file: string;
  line: number;
  col: number;
}

export const formatProblem = (p: RubricProblem): string => `${p.file}:${p.line}:${p.col} ${p.code} ${p.message}`;

/**
 * Thrown by `loadRubric` when anything is wrong; carries EVERY problem found, sorted by file
 * and position. `format()` prints one `file:line:col CODE message` line per problem.
 */
export class RubricError extends FazhiError {
  readonly problems: RubricProblem[];

  constructor(problems: RubricProblem[]) {
    const first = problems[0];
    super(
      first?.code ?? 'E_RUBRIC_SCHEMA',
      problems.length === 1 && first ? first.message : `评分细则有 ${problems.length} 处错误 / ${problems.length} problems in the rubric`,
      first ? { file: first.file, line: first.line, col: first.col } : {},
    );
    this.name = 'RubricError';
    this.problems = problems;
  }

  override format(): string {
    return this.problems.map(formatProblem).join('\n');
  }

  override toJSON(): { code: string; message: string; file?: string; line?: number; col?: number; problems: RubricProblem[] } {
    return { ...super.toJSON(), problems: this.problems };
  }
}

export const isRubricError = (e: unknown): e is RubricError => e instanceof RubricError;

export function sortProblems(ps: RubricProblem[]): RubricProblem[] {
  const seen = new Set<string>();
  return ps
    .filter((p) => {
      const k = formatProblem(p);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}
