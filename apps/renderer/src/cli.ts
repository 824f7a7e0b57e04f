#!/usr/bin/env node
// The `fazhi` command. A plain `fazhi check FILE [--rubric R] [--rubric-map M] [--min-score N]
// [--watch]` — a township's self-check, where cold start is what users feel — goes straight to
// the check command without loading commander; everything else (help, other subcommands, any
// unusual form of check) goes through the full command line in cli-program.ts.
import { parseCheckArgv } from './check-argv.js';
import { runAction } from './commands/run-action.js';

const check = parseCheckArgv(process.argv.slice(2));
if (check) await runAction(() => import('./commands/check.js'), check.file, check.opts);
else await (await import('./cli-program.js')).main(process.argv);
