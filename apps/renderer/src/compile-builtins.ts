// Build step (tsup.config.ts runs it after bundling): writes dist/builtin-rubrics.json with the
// built-in rubrics loaded by this very build's loader. See builtin-rubrics.ts.
//   node dist/compile-builtins.js OUT.json
import { writeFileSync } from 'node:fs';
import { builtinRubricDir, builtinRubricIds, loadRubric } from '@fazhi/core';
import { compileBuiltinTable } from './builtin-rubrics.js';

const out = process.argv[2];
if (!out) throw new Error('usage: compile-builtins OUT.json');
const dir = builtinRubricDir();
const table = dir ? compileBuiltinTable(dir, builtinRubricIds(), (id) => loadRubric(id), out) : null;
writeFileSync(out, `${JSON.stringify(table ?? { v: 1, tool: '', dir: '.', rubrics: {} })}\n`);
