// `fazhi demo [--out DIR] [--pdf]`: scores the bundled example reports with the batch code (in
// process, no child process) and says where to look. The first thing a new user runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FazhiError } from '@fazhi/core';

export interface DemoOptions {
  out?: string;
  pdf?: boolean;
  rubric?: string;
  rubricMap?: string;
}

/** Finds `examples/reports` by walking up from this module (works from src/ and from dist/). */
export function findExamples(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const cand = join(dir, 'examples', 'reports');
    if (existsSync(cand) && statSync(cand).isDirectory()) return cand;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new FazhiError('E_NO_EXAMPLES', '找不到示例报告目录 examples/reports：请在 Fazhi Scorecard 仓库内运行 fazhi demo。');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

/** The files a demo user should open, in the order to read them. */
export function whereToLook(outDir: string): { label: string; path: string }[] {
  const files = existsSync(outDir) ? walk(outDir) : [];
  const rel = (p: string) => relative(outDir, p);
  const found: { label: string; path: string }[] = [];
  const index = files.find((f) => rel(f) === 'index.html');
  if (index) found.push({ label: '汇总看板（排名、热力图、质量提示）', path: index });
  const xlsx = files.find((f) => rel(f) === 'scores.xlsx');
  if (xlsx) found.push({ label: '评分表（Excel）', path: xlsx });
  const csv = files.find((f) => rel(f) === 'scores.csv');
  if (csv) found.push({ label: '评分表（CSV）', path: csv });
  const cards = files.filter((f) => f.endsWith('.html') && rel(f) !== 'index.html');
  const card = cards.find((f) => f.includes('青石镇')) ?? cards[0];
  if (card) found.push({ label: `一份评分卡（共 ${cards.length} 份）`, path: card });
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  const pdf = pdfs.find((f) => f.includes('青石镇')) ?? pdfs[0];
  if (pdf) found.push({ label: 'PDF 评分卡', path: pdf });
  return found;
}

export default async function demo(_arg: unknown, opts: DemoOptions = {}): Promise<number> {
  const reports = findExamples();
  const out = resolve(opts.out ?? 'fazhi-demo');
  const n = readdirSync(reports).filter((f) => !f.startsWith('.')).length;
  process.stdout.write(`对 ${n} 份示例报告评分（${relative(process.cwd(), reports) || reports}）→ ${out}\n`);
  const { default: batch } = (await import('./batch.js')) as {
    default: (inputs: string[], opts: Record<string, unknown>) => Promise<number | void> | number | void;
  };
  const code = (await batch([reports], { rubric: opts.rubric ?? 'auto', rubricMap: opts.rubricMap, out, pdf: Boolean(opts.pdf), jobs: '1', lang: 'zh' })) ?? 0;
  const look = whereToLook(out);
  process.stdout.write('\n请打开：\n');
  for (const l of look) process.stdout.write(`  ${l.label}：${l.path}\n`);
  process.stdout.write(
    `\n下一步：\n  自查一份报告：   pnpm --silent fazhi check "${join(relative(process.cwd(), reports) || reports, '2024-云岭县柳溪镇-法治政府建设年度报告.txt')}"\n  对自己的报告批量评分：pnpm --silent fazhi batch 报告目录 --out 结果（按单位类型自动选细则）\n`,
  );
  return typeof code === 'number' ? code : 0;
}
