import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRubricDir, builtinRubricIds, loadRubric } from '@fazhi/core';
import { builtinFromTable, compileBuiltinTable, readBuiltinRubric } from './builtin-rubrics.js';

const dir = builtinRubricDir();
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-builtin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!dir)('built-in rubrics compiled at build time', () => {
  // a private copy of rubrics/, so the test can edit a file
  const copy = join(tmp, 'rubrics');
  const cwd = join(tmp, 'work');
  mkdirSync(copy);
  mkdirSync(cwd);
  for (const f of readdirSync(dir!)) if (f.endsWith('.yaml')) copyFileSync(join(dir!, f), join(copy, f));
  const ids = builtinRubricIds();
  const table = compileBuiltinTable(dir!, ids, (id) => loadRubric(id), join(tmp, 'table.json'));

  it('holds every built-in rubric, each equal to what loadRubric gives', () => {
    expect(Object.keys(table.rubrics).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const hit = builtinFromTable(id, table, copy, cwd);
      const loaded = loadRubric(id);
      expect(hit?.sha256).toBe(loaded.sha256);
      expect(JSON.parse(JSON.stringify(hit?.rubric))).toEqual(JSON.parse(JSON.stringify(loaded.rubric)));
      expect(hit?.chain.length).toBe(loaded.chain.length);
    }
  });

  it('is not used once a file of the chain changed (here the parent national.yaml)', () => {
    const child = Object.entries(table.rubrics).find(([, e]) => e.chain.length > 1);
    expect(child).toBeDefined();
    const [id, entry] = child!;
    expect(builtinFromTable(id, table, copy, cwd)).toBeDefined();
    writeFileSync(join(copy, entry.chain[1]!.name), '# edited\n', { flag: 'a' });
    expect(builtinFromTable(id, table, copy, cwd)).toBeUndefined();
  });

  it('is not used for an unknown id, another tool version, or when a file of that name exists', () => {
    expect(builtinFromTable('no-such-rubric', table, copy, cwd)).toBeUndefined();
    expect(builtinFromTable('township', { ...table, tool: '0.0.0-other' }, copy, cwd)).toBeUndefined();
    writeFileSync(join(cwd, 'township'), 'id: mine\n');
    expect(builtinFromTable('township', table, copy, cwd)).toBeUndefined();
  });

  it('is off when running from source (no table next to the module) and with FAZHI_NO_CACHE', () => {
    expect(readBuiltinRubric('township')).toBeUndefined();
    expect(readBuiltinRubric('township', { FAZHI_NO_CACHE: '1' })).toBeUndefined();
  });
});
