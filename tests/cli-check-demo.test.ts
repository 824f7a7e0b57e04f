// End-to-end: `fazhi demo` (the README's first quick-start command) on the BUILT CLI scores every
// bundled example report into a folder and says where to look.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/renderer/dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fazhi demo (built CLI)', () => {
  it('scores the example reports and prints where to look', () => {
    expect(existsSync(CLI), `${CLI} is missing: run \`pnpm exec turbo run build\` before the e2e tests`).toBe(true);
    const out = join(tmp, 'out');
    const r = spawnSync(process.execPath, [CLI, 'demo', '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 120000 });
    expect(r.status, r.stderr).toBe(0);
    const reports = readdirSync(join(ROOT, 'examples/reports')).filter((f) => !f.startsWith('.'));
    const files = readdirSync(out);
    expect(files).toContain('index.html');
    expect(files).toContain('scores.xlsx');
    expect(files).toContain('scores.csv');
    expect(files.filter((f) => f.endsWith('.html') && f !== 'index.html')).toHaveLength(reports.length);
    expect(r.stdout).toContain(`汇总看板（排名、热力图、质量提示）：${join(out, 'index.html')}`);
    expect(r.stdout).toContain(`评分表（Excel）：${join(out, 'scores.xlsx')}`);
    expect(r.stdout).toMatch(/一份评分卡（共 5 份）：.*青石镇.*\.html/);
  });
});
