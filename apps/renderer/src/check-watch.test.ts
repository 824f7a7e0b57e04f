import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchFile } from './commands/check.js';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('check --watch', () => {
  it('re-runs on save, also when an editor replaces the file by rename, once per burst of events', async () => {
    const file = join(dir, '报告.txt');
    writeFileSync(file, '第一稿');
    const ac = new AbortController();
    let runs = 0;
    const done = watchFile(file, async () => void runs++, { debounceMs: 300, signal: ac.signal });
    await until(() => runs === 1); // the first check runs at once

    writeFileSync(file, '第二稿，多写一些');
    await until(() => runs === 2);

    // vim / VS Code style: write a temp file and rename it over the original (a new inode).
    const tmp = join(dir, '.报告.txt.swp');
    writeFileSync(tmp, '第三稿，换了一个文件节点');
    renameSync(tmp, file);
    await until(() => runs === 3);

    // A burst of writes within the debounce window gives a single re-run.
    for (const t of ['a', 'ab', 'abc', 'abcd']) writeFileSync(file, `第四稿${t}`);
    await until(() => runs === 4);
    await new Promise((r) => setTimeout(r, 600));
    expect(runs).toBe(4);

    // Events for other files in the folder are ignored.
    writeFileSync(join(dir, '别的文件.txt'), 'x');
    await new Promise((r) => setTimeout(r, 600));
    expect(runs).toBe(4);

    ac.abort();
    await expect(done).resolves.toBe(0);
  });
});
