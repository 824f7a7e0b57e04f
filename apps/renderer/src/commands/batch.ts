// `fazhi batch DIR|FILES… [--rubric auto|R] [--rubric-map township=F,…] --out OUT [--pdf] [--overrides O] [--previous PREV] [--jobs N] [--lang]`
import { resolve } from 'node:path';
import { FazhiError } from '@fazhi/core';
import { runBatch, type ProgressEvent } from '../batch.js';
import { parseLang } from '../i18n.js';

interface Opts {
  rubric?: string;
  rubricMap?: string;
  out: string;
  pdf?: boolean;
  overrides?: string;
  previous?: string;
  jobs?: string;
  lang?: string;
}

async function progressReporter(): Promise<{ on: (e: ProgressEvent) => void; stop: () => void }> {
  const tty = process.stderr.isTTY && !process.env.CI;
  if (!tty) {
    return {
      on: (e) => {
        if (e.kind === 'file') process.stderr.write(`[${e.done}/${e.total}] ${e.text}\n`);
        else if (e.kind === 'pdf') process.stderr.write(`[PDF ${e.done}/${e.total}] ${e.name}\n`);
        else if (e.kind === 'warn') process.stderr.write(`警告 ${e.text}\n`);
      },
      stop: () => undefined,
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: '评分 [{bar}] {value}/{total} {name}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const warnings: string[] = [];
  let started = false;
  return {
    on: (e) => {
      if (e.kind === 'start') {
        bar.start(e.total, 0, { name: '' });
        started = true;
      } else if (e.kind === 'file') {
        // failed files are listed once, after the bar, by run()
        bar.update(e.done, { name: e.name });
      } else if (e.kind === 'pdf') {
        if (e.done === 1) bar.start(e.total, 0, { name: 'PDF' });
        bar.update(e.done, { name: `PDF ${e.name}` });
      } else if (e.kind === 'warn') warnings.push(`警告 ${e.text}`);
    },
    stop: () => {
      if (started) bar.stop();
      for (const w of warnings) process.stderr.write(`${w}\n`);
    },
  };
}

// opts come from commander (strings) or from `fazhi demo`, hence the loose parameter type
export default async function run(inputs: string[], rawOpts: Record<string, unknown>): Promise<number> {
  const opts = rawOpts as unknown as Opts;
  const jobs = Number(opts.jobs ?? 1);
  if (!Number.isInteger(jobs) || jobs < 1) throw new FazhiError('E_BAD_OPTION', `--jobs 须为正整数，收到 “${opts.jobs}”`);
  const progress = await progressReporter();
  let summary;
  try {
    summary = await runBatch(inputs, {
      rubric: opts.rubric ?? 'auto',
      rubricMap: opts.rubricMap,
      out: opts.out,
      pdf: !!opts.pdf,
      overrides: opts.overrides,
      previous: opts.previous,
      jobs,
      lang: parseLang(opts.lang),
      onProgress: progress.on,
    });
  } finally {
    progress.stop();
  }
  const { entries, failures, pdf } = summary;
  const out = resolve(opts.out);
  const lines = [
    `已评分 ${entries.length} 份${entries.some((e) => e.skipped) ? `（其中 ${entries.filter((e) => e.skipped).length} 份未变，沿用上次结果）` : ''}，失败 ${failures.length} 份。`,
    `汇总看板：${out}/index.html`,
    `评分表：  ${out}/scores.xlsx，${out}/scores.csv`,
  ];
  if (summary.rubrics.length > 1) {
    lines.push(`按单位类型使用了 ${summary.rubrics.length} 套细则：${summary.rubrics.map((g) => `${g.loaded.rubric.id}（${g.cards.length} 份）`).join('、')}`);
  }
  const unknown = entries.filter((e) => e.card.notes?.length);
  for (const e of unknown) lines.push(`注意 ${e.item.display}：${e.card.notes!.join('；')}`);
  if (pdf.requested) lines.push(pdf.error ? `PDF 未生成：${pdf.error.code}` : `PDF：${pdf.written} 份`);
  process.stdout.write(lines.join('\n') + '\n');
  if (failures.length) {
    process.stderr.write(`以下文件未能评分（已在看板中列出，其余照常输出）：\n`);
    for (const f of failures) process.stderr.write(`  ${f.file}: ${f.code} ${f.message}\n`);
  }
  return summary.exitCode;
}
