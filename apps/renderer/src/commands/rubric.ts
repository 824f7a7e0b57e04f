// `fazhi rubric docs | schema | types | init`. (`validate` lives in ./rubric-validate.ts.)
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { FazhiError, factDataSchema, factDataTypes, loadRubric } from '@fazhi/core';
import { renderRubricDocs } from '../rubric-docs.js';
import { starterRubric } from '../rubric-init.js';

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** `fazhi rubric docs R --out DIR` → DIR/<id>.html and DIR/<id>.md */
export function docs(rubricArg: string, opts: { out: string }): number {
  const loaded = loadRubric(rubricArg);
  const { html, markdown } = renderRubricDocs(loaded);
  const base = join(opts.out, loaded.rubric.id);
  writeAtomic(`${base}.html`, html);
  writeAtomic(`${base}.md`, markdown);
  process.stdout.write(`已生成细则文档：\n  ${base}.html\n  ${base}.md\n`);
  return 0;
}

/** `fazhi rubric schema [R]`: the JSON Schema of the fact data this rubric reads. */
export function schema(rubricArg: string): number {
  const loaded = loadRubric(rubricArg);
  process.stdout.write(`${JSON.stringify(factDataSchema(loaded.rubric), null, 2)}\n`);
  return 0;
}

/** `fazhi rubric types [R]`: TypeScript declarations of the same fact data. */
export async function types(rubricArg: string): Promise<number> {
  const loaded = loadRubric(rubricArg);
  const ts = await factDataTypes(loaded.rubric);
  process.stdout.write(ts.endsWith('\n') ? ts : `${ts}\n`);
  return 0;
}

/** `fazhi rubric init [file]`: a starter county rubric that extends the township preset. */
export function init(fileArg: string | undefined): number {
  const file = resolve(fileArg ?? 'my-county.yaml');
  if (existsSync(file)) {
    throw new FazhiError('E_EXISTS', `文件已存在，未覆盖：${file}。请换一个文件名，或先删除/改名原文件。`, { file });
  }
  const stem = basename(file, extname(file));
  writeAtomic(file, starterRubric(stem));
  process.stdout.write(
    `已生成县级细则模板：${file}\n下一步：\n  1. 按注释修改分值、档次、删除或新增指标\n  2. 校验：fazhi rubric validate ${fileArg ?? 'my-county.yaml'}\n  3. 发布文档：fazhi rubric docs ${fileArg ?? 'my-county.yaml'} --out 细则文档\n编写说明见 docs/rubric-authoring.md\n`,
  );
  return 0;
}
