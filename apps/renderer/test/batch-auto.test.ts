// runBatch in process (no worker threads from sources) with `--rubric auto`: a township report, a
// department report and one whose unit type cannot be told — that one gets the township rubric
// and says so on its card.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch.js';
import { UNKNOWN_NOTE } from '../src/rubric-auto.js';

const BODY =
  '全年召开专题会议研究法治建设工作3次。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，' +
  '对2件重大执法决定进行法制审核。聘请常年法律顾问1名，全年开展合法性审查12件。全年排查矛盾纠纷40件，成功调解39件。\n';

describe('runBatch --rubric auto', () => {
  it('one rubric per unit type, a note for an unknown unit, per-rubric statistics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-auto-unit-'));
    writeFileSync(join(dir, 'a.txt'), `青岚县石门乡2024年法治政府建设工作情况报告\n\n2024年，石门乡${BODY}\n青岚县石门乡人民政府\n2025年2月10日\n`);
    writeFileSync(join(dir, 'b.txt'), `青岚县市场监督管理局2024年法治政府建设工作情况报告\n\n2024年，县市场监管局${BODY}\n青岚县市场监督管理局\n2025年2月12日\n`);
    writeFileSync(join(dir, 'c.txt'), `2024年法治政府建设工作情况报告\n\n2024年，我单位${BODY}`);
    const out = join(dir, 'out');
    const s = await runBatch([dir], { out, generatedAt: '2025-01-01T00:00:00.000Z' });
    const byFile = Object.fromEntries(s.entries.map((e) => [e.card.file, e.card]));
    expect(byFile['a.txt']!.adminLevel).toBe('township');
    expect(byFile['a.txt']!.stamps.rubric.id).toBe('township');
    expect(byFile['b.txt']!.adminLevel).toBe('department');
    expect(byFile['b.txt']!.stamps.rubric.id).toBe('department');
    expect(byFile['c.txt']!.adminLevel).toBe('unknown');
    expect(byFile['c.txt']!.stamps.rubric.id).toBe('township');
    expect(byFile['c.txt']!.notes).toEqual([UNKNOWN_NOTE]);
    expect(byFile['a.txt']!.notes).toBeUndefined();
    expect(readFileSync(join(out, 'c.html'), 'utf8')).toContain(UNKNOWN_NOTE);
    expect(s.rubrics.map((g) => [g.loaded.rubric.id, g.cards.map((c) => c.file)])).toEqual([
      ['township', ['a.txt', 'c.txt']],
      ['department', ['b.txt']],
    ]);
    // the department's statistics count only the department's report
    expect(Math.max(...s.rubrics[1]!.indicators.map((i) => i.count))).toBeLessThanOrEqual(1);
    const batch = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8'));
    expect(batch.rubrics.map((r: { id: string; sha256: string }) => r.id)).toEqual(['township', 'department']);
    // the dashboard lists the note with the card's other remarks
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(UNKNOWN_NOTE);

    // resume is per report: a re-run reuses all three …
    const again = await runBatch([dir], { out, generatedAt: '2025-01-01T00:00:00.000Z' });
    expect(again.entries.map((e) => [e.card.file, e.skipped])).toEqual([
      ['a.txt', true],
      ['b.txt', true],
      ['c.txt', true],
    ]);
    // … and a county rubric for townships re-scores the township and the unknown one only
    const mine = join(dir, 'my-county.yaml');
    writeFileSync(mine, readFileSync(new URL('../../../rubrics/example-county.yaml', import.meta.url), 'utf8'));
    const mapped = await runBatch([dir], { out, rubricMap: `township=${mine}`, generatedAt: '2025-01-01T00:00:00.000Z' });
    const m = Object.fromEntries(mapped.entries.map((e) => [e.card.file, e]));
    expect(m['a.txt']!.skipped).toBe(false);
    expect(m['c.txt']!.skipped).toBe(false);
    expect(m['b.txt']!.skipped).toBe(true);
    expect(m['a.txt']!.card.stamps.rubric.id).toBe('example-county');
    expect(m['b.txt']!.card.stamps.rubric.id).toBe('department');
  }, 60000);
});
