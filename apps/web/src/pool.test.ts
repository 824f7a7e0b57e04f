import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from './pool.js';
import type { Job } from './pipeline.js';

// A stand-in worker (plain JS) so the pool's own behaviour is tested without the pipeline.
const workerFile = fileURLToPath(new URL('../test/fixtures/test-worker.mjs', import.meta.url));
const job = (kind: string, extra: Record<string, unknown> = {}) => ({ kind, ...extra }) as unknown as Job;

describe('WorkerPool', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('runs jobs on several threads at once', async () => {
    pool = new WorkerPool({ size: 2, workerFile });
    const out = (await Promise.all([1, 2, 3, 4].map((n) => pool!.run(job('sleep', { ms: 150, n }), 10_000)))) as any[];
    expect(out.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(new Set(out.map((r) => r.threadId)).size).toBe(2);
  });

  it('a job that hangs times out with E_TIMEOUT and the pool keeps working', async () => {
    pool = new WorkerPool({ size: 1, workerFile });
    await expect(pool.run(job('hang'), 300)).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    await expect(pool.run(job('sleep', { n: 7 }), 10_000)).resolves.toMatchObject({ n: 7 });
  });

  it('a queued job also honours its time limit', async () => {
    pool = new WorkerPool({ size: 1, workerFile });
    const first = pool.run(job('sleep', { ms: 600, n: 1 }), 10_000);
    await expect(pool.run(job('sleep', { n: 2 }), 100)).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    await expect(first).resolves.toMatchObject({ n: 1 });
  });

  it('user errors keep their code across the thread boundary', async () => {
    pool = new WorkerPool({ size: 1, workerFile });
    await expect(pool.run(job('fail'), 10_000)).rejects.toMatchObject({ code: 'E_EMPTY_FILE' });
  });

  it('a crashed worker is replaced', async () => {
    pool = new WorkerPool({ size: 1, workerFile });
    await expect(pool.run(job('crash'), 10_000)).rejects.toThrow();
    await expect(pool.run(job('sleep', { n: 3 }), 10_000)).resolves.toMatchObject({ n: 3 });
  });

  it('refuses work beyond its queue bound with E_BUSY', async () => {
    pool = new WorkerPool({ size: 1, maxQueue: 1, workerFile });
    const a = pool.run(job('sleep', { ms: 200, n: 1 }), 10_000); // running
    const b = pool.run(job('sleep', { n: 2 }), 10_000); // queued
    await expect(pool.run(job('sleep', { n: 3 }), 10_000)).rejects.toMatchObject({ code: 'E_BUSY' });
    await Promise.all([a, b]);
  });
});
