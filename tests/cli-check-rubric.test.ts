// End-to-end on the BUILT CLI: `fazhi rubric init` writes a county rubric that `fazhi rubric
// validate` accepts and `fazhi rubric docs` documents; init never overwrites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/renderer/dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-rubric-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fazhi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('fazhi rubric init → validate → docs (built CLI)', () => {
  it('round-trips a starter county rubric', () => {
    expect(existsSync(CLI), `${CLI} is missing: run \`pnpm exec turbo run build\` before the e2e tests`).toBe(true);
    const init = fazhi('rubric', 'init', 'yunling.yaml');
    expect(init.code, init.err).toBe(0);
    const validate = fazhi('rubric', 'validate', 'yunling.yaml');
    expect(validate.code, validate.err + validate.out).toBe(0);
    const again = fazhi('rubric', 'init', 'yunling.yaml');
    expect(again.code).toBe(2);
    expect(again.err).toContain('E_EXISTS');
    const docs = fazhi('rubric', 'docs', 'yunling.yaml', '--out', 'docs');
    expect(docs.code, docs.err).toBe(0);
    const md = readFileSync(join(tmp, 'docs', 'yunling.md'), 'utf8');
    expect(md).toContain('重大行政决策目录管理'); // the added indicator
    expect(md).not.toContain('[合法性审查](#legality-review)'); // the dropped one
    expect(md).toContain('继承关系：yunling ← township ← national');
    expect(readFileSync(join(tmp, 'docs', 'yunling.html'), 'utf8')).toContain('Content-Security-Policy');
  });

  it('prints the fact-data JSON Schema and TypeScript declarations', () => {
    const schema = fazhi('rubric', 'schema', 'township');
    expect(schema.code, schema.err).toBe(0);
    expect(JSON.parse(schema.out)).toHaveProperty('properties.mediation');
    const types = fazhi('rubric', 'types', 'township');
    expect(types.code, types.err).toBe(0);
    expect(types.out).toMatch(/export interface FactData/);
  });
});
