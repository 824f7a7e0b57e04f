import { isFazhiError } from '@fazhi/core';

type Action = (arg: any, opts: any) => Promise<number | void> | number | void;

/**
 * A FazhiError, also one from another copy of @fazhi/core: the CLI bundles core, while apps/web
 * (loaded by `serve`) imports its own, so `instanceof` alone would turn a web user error into an
 * internal error.
 */
function isUserError(e: unknown): e is { format(): string } {
  if (isFazhiError(e)) return true;
  const x = e as { code?: unknown; format?: unknown } | null;
  return e instanceof Error && typeof x?.code === 'string' && x.code.startsWith('E_') && typeof x.format === 'function';
}

/**
 * Runs a lazily imported command. User errors (FazhiError) print `file:line:col CODE message`
 * and exit 2; anything else is a bug and prints its stack.
 */
export async function runAction(load: () => Promise<{ default: Action }>, arg: unknown, opts: unknown): Promise<void> {
  try {
    const mod = await load();
    const code = await mod.default(arg, opts);
    if (typeof code === 'number') process.exitCode = code;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`错误 ${e.format()}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`内部错误（请报告此问题）: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}
