// End-to-end: the BUILT `fazhi check` on the bundled example reports. Tests run after
// `turbo run build` (CI and `pnpm test` both build first), so a missing dist is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/renderer/dist/cli.js');
const REPORTS = join(ROOT, 'examples/reports');
const GOOD = join(REPORTS, '2024-云岭县青石镇-法治政府建设年度报告.txt');
const TEMPLATE = join(REPORTS, '2024-云岭县柳溪镇-法治政府建设年度报告.txt');
const GB = join(REPORTS, '2024-云岭县白沙镇-法治政府建设年度报告-GB18030.txt');
const TRAD = join(REPORTS, '2024-云岭县龙门街道-法治政府建设年度报告-繁体.txt');
const CACHE = join(tmpdir(), `fazhi-e2e-cache-${process.pid}`);

function fazhi(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FAZHI_CACHE_DIR: CACHE }, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fazhi check (built CLI)', () => {
  it('has a build to run (run `pnpm build` first)', () => {
    expect(existsSync(CLI), `${CLI} is missing: run \`pnpm exec turbo run build\` before the e2e tests`).toBe(true);
  });

  it('reports place, year, total and grade of a complete report and exits 0', () => {
    const r = fazhi('check', GOOD);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const head = r.out.split('\n').slice(0, 4).join('\n');
    expect(head).toContain('青石镇');
    expect(head).toContain('2024');
    expect(head).toMatch(/总分 [\d.]+ \/ 100 {2}等级 \S+/);
    expect(r.out).not.toMatch(/\u001b\[/); // NO_COLOR and not a TTY
  });

  it('lists what a template-like report misses, most points first, with remedies; plans do not count', () => {
    const r = fazhi('check', TEMPLATE);
    expect(r.code).toBe(0);
    const stakes = [...r.out.matchAll(/补充「[^」]+」可得 ([\d.]+) 分/g)].map((m) => Number(m[1]));
    expect(stakes.length).toBeGreaterThan(3);
    expect([...stakes].sort((a, b) => b - a)).toEqual(stakes);
    expect(r.out).toContain('怎么补：');
    expect(r.out).toMatch(/「[^」]*(将|拟|计划|力争)[^」]*」（仅为计划，不计分）/);
  });

  it('exits 1 below --min-score and 0 at or above it', () => {
    const good = fazhi('check', GOOD);
    const total = Number(/总分 ([\d.]+) \//.exec(good.out)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect(fazhi('check', TEMPLATE, '--min-score', String(total)).code).toBe(1);
    expect(fazhi('check', GOOD, '--min-score', String(total)).code).toBe(0);
    expect(fazhi('check', GOOD, '--min-score', String(total + 0.5)).code).toBe(1);
  });

  it('reads a GB18030 report', () => {
    const r = fazhi('check', GB);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toContain('白沙镇');
  });

  it('quotes a traditional-script report in its own script', () => {
    const r = fazhi('check', TRAD);
    expect(r.code).toBe(0);
    const quotes = [...r.out.matchAll(/第 \d+ 行「([^」]+)」/g)].map((m) => m[1]!);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.some((q) => /[調糾紛開場講]/.test(q))).toBe(true);
    expect(quotes.some((q) => /[调纠纷开场讲]/.test(q))).toBe(false);
  });

  it('names the file and gives a code for a missing file, without a stack trace', () => {
    const r = fazhi('check', join(REPORTS, '不存在.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_[A-Z_]+/);
    expect(r.err).toContain('不存在.txt');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('rejects a --min-score that is not a number', () => {
    const r = fazhi('check', GOOD, '--min-score', '八十');
    expect(r.code).toBe(2);
    expect(r.err).toContain('E_BAD_OPTION');
  });
});
