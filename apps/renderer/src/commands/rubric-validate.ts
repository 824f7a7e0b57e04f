import { formatProblem, isRubricError, loadRubric, type RubricProblem } from '@fazhi/core';

/**
 * `fazhi rubric validate FILE…`: loads each rubric (extends resolved, every check run).
 * Prints one 中文 OK line per valid file on stdout and every located problem
 * (`file:line:col CODE message`) on stderr. Exit 0 when all are valid, 1 otherwise.
 */
export default function run(files: string[]): number {
  let bad = 0;
  for (const f of files) {
    try {
      const l = loadRubric(f);
      const n = l.rubric.categories.reduce((s, c) => s + c.indicators.length, 0);
      const via = l.chain.length > 1 ? `，继承 ${l.chain.slice(1).join(' → ')}` : '';
      process.stdout.write(
        `✓ ${f}：有效（${l.rubric.id} ${l.rubric.version}，${n} 项指标，总分 ${l.rubric.total}${via}；sha256 ${l.sha256.slice(0, 12)}）\n`,
      );
    } catch (e) {
      if (!isRubricError(e)) throw e;
      bad++;
      const ps: RubricProblem[] = e.problems;
      for (const p of ps) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`✗ ${f}：${ps.length} 处错误 / ${ps.length} problem(s)\n`);
    }
  }
  return bad ? 1 : 0;
}
