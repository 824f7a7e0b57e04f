import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@fazhi/core';
import { buildApp } from './server.js';

// `--rubrics DIR`: a committee drops its own YAML next to the built-ins.
const loaderReady = typeof (core as Record<string, unknown>).loadRubric === 'function';
const fixture = readFileSync(new URL('../test/fixtures/qingshi-2025.txt', import.meta.url), 'utf8');

describe.skipIf(!loaderReady)('rubrics from --rubrics DIR', () => {
  let dir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-web-rubrics-'));
    copyFileSync(new URL('../../../rubrics/example-county.yaml', import.meta.url), join(dir, 'my-county.yaml'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: [unclosed\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a rubric');
    app = await buildApp({ workers: 0, rubricsDir: dir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists built-ins plus the directory, a broken file with its error and position', async () => {
    const j = (await app.inject({ url: '/api/rubrics' })).json();
    const keys = j.rubrics.map((r: any) => r.key);
    expect(keys).toContain('township');
    expect(keys).toContain('file:my-county.yaml');
    expect(keys).not.toContain('file:notes.txt');
    const mine = j.rubrics.find((r: any) => r.key === 'file:my-county.yaml');
    expect(mine).toMatchObject({ id: 'example-county', source: 'dir' });
    expect(mine.error).toBeUndefined();
    const broken = j.rubrics.find((r: any) => r.key === 'file:broken.yaml');
    expect(broken.error).toMatch(/broken\.yaml:\d+:\d+/);
  });

  it('scores with a directory rubric, and refuses the broken one with its error', async () => {
    const fd = (rubric: string) => {
      const f = new FormData();
      f.append('text', fixture);
      f.append('rubric', rubric);
      return new Response(f);
    };
    const send = async (rubric: string) => {
      const r = fd(rubric);
      return app.inject({ method: 'POST', url: '/api/score', payload: Buffer.from(await r.arrayBuffer()), headers: { 'content-type': r.headers.get('content-type')!, accept: 'application/json' } });
    };
    const ok = await send('file:my-county.yaml');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stamps.rubric.id).toBe('example-county');
    const bad = await send('file:broken.yaml');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('E_RUBRIC_INVALID');
  });
});
