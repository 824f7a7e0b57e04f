import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { parseCheckArgv } from './check-argv.js';
import { buildProgram } from './cli-program.js';

/** What the full command line hands the check action for `args` (null when it does not run it). */
async function viaCommander(args: string[]): Promise<{ file: unknown; opts: unknown } | null> {
  let got: { file: unknown; opts: unknown } | null = null;
  const program = buildProgram(async (load, file, opts) => {
    const mod = (await load()) as { default: unknown };
    if (typeof mod.default === 'function' && String(load).includes('check')) got = { file, opts: { ...(opts as object) } };
  });
  const quiet = (c: Command): void => {
    c.exitOverride();
    c.configureOutput({ writeOut: () => {}, writeErr: () => {} });
    c.commands.forEach(quiet);
  };
  quiet(program);
  try {
    await program.parseAsync(['node', 'fazhi', ...args]);
  } catch {
    return null; // commander rejected the arguments (or printed help)
  }
  return got;
}

const accepted: string[][] = [
  ['check', 'report.txt'],
  ['check', '报告 2024.docx'],
  ['check', 'r.txt', '--rubric', 'county'],
  ['check', '--rubric', 'my-county.yaml', 'r.txt'],
  ['check', 'r.txt', '--rubric=national'],
  ['check', 'r.txt', '--rubric='],
  ['check', 'r.txt', '--rubric-map', 'township=my.yaml,department=department'],
  ['check', 'r.txt', '--rubric-map=township=my.yaml'],
  ['check', 'r.txt', '--min-score', '80'],
  ['check', 'r.txt', '--min-score=72.5', '--watch'],
  ['check', '--watch', 'r.txt', '--rubric', 'township', '--min-score', '60'],
  ['check', ''],
];

const declined: string[][] = [
  [],
  ['score', 'r.txt'],
  ['check'],
  ['check', '--help'],
  ['check', '-h', 'r.txt'],
  ['check', 'a.txt', 'b.txt'],
  ['check', 'r.txt', '--rubric'],
  ['check', 'r.txt', '--rubric', '--watch'],
  ['check', 'r.txt', '--min-score', '-5'],
  ['check', 'r.txt', '--rubric', 'a', '--rubric', 'b'],
  ['check', 'r.txt', '--watch', '--watch'],
  ['check', 'r.txt', '--watch=yes'],
  ['check', 'r.txt', '--json'],
  ['check', 'r.txt', '--rubrics', 'x'],
  ['check', 'r.txt', '--'],
  ['check', '-', '--watch'],
  ['check', 'r.txt', '-V'],
  ['check', 'r.txt', '--constructor', 'x'],
  ['--version'],
  ['check.txt'],
];

describe('parseCheckArgv (the commander-free path of `fazhi check`)', () => {
  it.each(accepted.map((a) => [a.join(' ') || '(empty)', a]))('%s: gives what commander gives', async (_name, args) => {
    const fast = parseCheckArgv(args as string[]);
    expect(fast).not.toBeNull();
    expect(await viaCommander(args as string[])).toEqual(fast);
  });

  it.each(declined.map((a) => [a.join(' ') || '(empty)', a]))('%s: is left to commander', (_name, args) => {
    expect(parseCheckArgv(args as string[])).toBeNull();
  });

  it('defaults --rubric to auto and leaves other options out', () => {
    expect(parseCheckArgv(['check', 'r.txt'])).toEqual({ file: 'r.txt', opts: { rubric: 'auto' } });
  });
});
