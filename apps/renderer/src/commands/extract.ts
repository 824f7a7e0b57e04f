// `fazhi extract FILE… --format json|jsonl [--rubric R]`: the extraction contract object per file
// (../shared/docs/extraction-contract.md). A file that fails gets its own line with `error` and
// the command goes on; the exit code is 1 when any file failed.
import { FazhiError, isFazhiError, loadRubric } from '@fazhi/core';
import { readDocument } from '@fazhi/reader';
import { compileExtractor, extractFacts, toContract } from '@fazhi/extract';

interface Opts { format?: string; rubric?: string }

export default async function run(files: string[], opts: Opts): Promise<number> {
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'jsonl') {
    throw new FazhiError('E_USAGE', `不支持的输出格式 ${format}：请用 --format json 或 --format jsonl`);
  }
  // The rubric is loaded and compiled once for all files.
  const extractor = compileExtractor(loadRubric(opts.rubric ?? 'national'));
  let failed = 0;
  const out: string[] = [];
  const emit = (obj: unknown) => {
    if (format === 'jsonl') process.stdout.write(`${JSON.stringify(obj)}\n`);
    else out.push(JSON.stringify(obj, null, 2));
  };
  for (const file of files) {
    try {
      const doc = await readDocument(file);
      emit(toContract(extractFacts(doc, extractor), file));
    } catch (e) {
      failed++;
      const error = isFazhiError(e)
        ? { code: e.code, message: e.message }
        : { code: 'E_INTERNAL', message: `内部错误（请报告此问题）: ${String((e as Error)?.message ?? e)}` };
      emit({ file, error });
      process.stderr.write(`错误 ${file}: ${error.code} ${error.message}\n`);
    }
  }
  if (format === 'json') process.stdout.write(files.length === 1 ? `${out[0]}\n` : `[\n${out.join(',\n')}\n]\n`);
  return failed ? 1 : 0;
}
