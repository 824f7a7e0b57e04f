// The full `fazhi` command line (commander): every subcommand, its options and help. Each
// subcommand lives in ./commands/<name>.ts and is imported only when it runs, so `fazhi check`
// does not pay for the PDF or XLSX code (cold start matters). cli.ts loads this module for
// everything except the plain `fazhi check FILE [options]` (see check-argv.ts).
import { Command } from 'commander';
import { TOOL_VERSION } from '@fazhi/core';
import { runAction } from './commands/run-action.js';

/** The program; `run` runs an action (tests pass their own to see what an action receives). */
export function buildProgram(run: typeof runAction = runAction): Command {
  const program = new Command();
  program
    .name('fazhi')
    .description('法治政府建设年度报告评估工具 Fazhi Scorecard')
    .version(TOOL_VERSION)
    .showHelpAfterError();

  const rubric = program.command('rubric').description('评分细则：校验、文档、数据结构 / rubric tools');
  // `fazhi rubric docs|schema|types|init`: one action each, all in ./commands/rubric.ts
  const rubricAction = (name: 'docs' | 'schema' | 'types' | 'init') => (arg: string, opts: unknown) =>
    run(() => import('./commands/rubric.js').then((m) => ({ default: m[name] })), arg, opts);
  rubric
    .command('validate')
    .description('校验评分细则 YAML（错误给出 文件:行:列）')
    .argument('<files...>')
    .action((files: string[]) => run(() => import('./commands/rubric-validate.js'), files, {}));
  rubric
    .command('docs')
    .description('生成评分细则文档（HTML 与 Markdown）')
    .argument('<rubric>')
    .requiredOption('--out <dir>', '输出目录')
    .action(rubricAction('docs'));
  rubric
    .command('schema')
    .description('输出该细则所需事实数据的 JSON Schema')
    .argument('[rubric]', '细则文件或内置 id', 'township')
    .action(rubricAction('schema'));
  rubric
    .command('types')
    .description('输出该细则所需事实数据的 TypeScript 声明')
    .argument('[rubric]', '细则文件或内置 id', 'township')
    .action(rubricAction('types'));
  rubric
    .command('init')
    .description('生成一个继承乡镇细则的县级细则模板')
    .argument('[file]', '输出文件', 'my-county.yaml')
    .action(rubricAction('init'));

  program
    .command('extract')
    .description('抽取报告中的事实（含逐字证据）')
    .argument('<files...>')
    .option('--format <fmt>', 'json | jsonl', 'json')
    .option('--rubric <rubric>', '细则文件或内置 id', 'national')
    .action((files: string[], opts) => run(() => import('./commands/extract.js'), files, opts));

  program
    .command('score')
    .description('按细则评分：报告文件，或已保存的 facts.json')
    .argument('<files...>')
    .option('--rubric <rubric>', '细则文件或内置 id；auto（默认）= 按报告的单位类型选内置细则', 'auto')
    .option('--rubric-map <map>', '与 auto 同用：按单位类型换用细则，如 township=my-county.yaml,department=department')
    .option('--overrides <file>', '人工复核覆盖文件 (YAML)')
    .option('--format <fmt>', 'json | jsonl', 'json')
    .action((files: string[], opts) => run(() => import('./commands/score.js'), files, opts));

  program
    .command('batch')
    .description('批量评分，输出评分卡、汇总看板、评分表')
    .argument('<inputs...>', '目录或文件')
    .option('--rubric <rubric>', '细则文件或内置 id；auto（默认）= 按报告的单位类型选内置细则', 'auto')
    .option('--rubric-map <map>', '与 auto 同用：按单位类型换用细则，如 township=my-county.yaml,department=department')
    .requiredOption('--out <dir>', '输出目录')
    .option('--pdf', '同时输出 PDF')
    .option('--overrides <file>', '人工复核覆盖文件 (YAML)')
    .option('--previous <dir>', '上一年度的输出目录，用于同比')
    .option('--jobs <n>', '并行数', '1')
    .option('--lang <lang>', 'zh | en', 'zh')
    .action((inputs: string[], opts) => run(() => import('./commands/batch.js'), inputs, opts));

  program
    .command('check')
    .description('自查：终端中显示得分与缺项')
    .argument('<file>')
    .option('--rubric <rubric>', '细则文件或内置 id；auto（默认）= 按报告的单位类型选内置细则', 'auto')
    .option('--rubric-map <map>', '与 auto 同用：按单位类型换用细则，如 township=my-county.yaml,department=department')
    .option('--min-score <n>', '低于此分数时退出码为 1')
    .option('--watch', '文件保存后自动重新检查')
    .action((file: string, opts) => run(() => import('./commands/check.js'), file, opts));

  program
    .command('demo')
    .description('对内置示例报告评分，输出到 ./fazhi-demo')
    .option('--out <dir>', '输出目录', 'fazhi-demo')
    .option('--rubric <rubric>', '细则文件或内置 id；auto（默认）= 按报告的单位类型选内置细则', 'auto')
    .option('--rubric-map <map>', '与 auto 同用：按单位类型换用细则，如 township=my-county.yaml,department=department')
    .option('--pdf', '同时输出 PDF')
    .action((opts) => run(() => import('./commands/demo.js'), undefined, opts));

  program
    .command('serve')
    .description('启动自查网页 / self-check web app')
    .option('--port <n>', '端口', '8080')
    .option('--host <host>', '监听地址', '127.0.0.1')
    .option('--rubrics <dir>', '额外的细则目录')
    .option('--max-file-mb <n>', '单个文件大小上限（MB）', '20')
    .option('--max-files <n>', '批量评估一次最多文件数', '100')
    .option('--timeout <s>', '每份报告的处理时限（秒）', '60')
    .option('--workers <n>', '评分线程数（默认 = CPU 核数）')
    .action((opts) => run(() => import('./commands/serve.js'), undefined, opts));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
