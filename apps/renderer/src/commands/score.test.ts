// `fazhi score` as a function: report files, saved FactSets (told apart by content), formats,
// overrides validated against the batch, and a broken file that does not stop the others.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchResult, FactSet, Scorecard } from '@fazhi/core';
import run from './score.js';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-score-'));
const REPORT = `青石镇2024年法治政府建设年度报告

2024年，青石镇深入学习贯彻习近平法治思想，现将有关情况报告如下。

一、主要举措和成效
（一）加强组织领导。镇党委召开会议专题研究法治建设工作4次，全年开展会前学法12次。镇党委书记、镇长在年终述职中同步述法。
（二）严格规范执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。全年开展合法性审查38件。
（三）化解矛盾纠纷。全年排查矛盾纠纷120件，成功调解118件，调解成功率98%。全镇18个村（社区）均聘请了法律顾问。
（四）加强普法宣传。开展普法宣传活动15场。

二、存在的不足和原因
部分村干部法治意识还不够强。

三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记认真履行第一责任人职责，亲自部署法治建设重要工作。

四、2025年工作安排
继续加强法治宣传教育。

青石镇人民政府
2025年3月10日
`;
const report = join(dir, '青石镇.txt');
writeFileSync(report, REPORT);

let out = '';
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.env.SOURCE_DATE_EPOCH = '1767225600';
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.SOURCE_DATE_EPOCH;
});

describe('fazhi score', () => {
  it('scores a report file into a stamped scorecard', async () => {
    expect(await run([report], { rubric: 'township' })).toBe(0);
    const card = Scorecard.parse(JSON.parse(out));
    expect(card.file).toBe(report);
    expect(card.stamps.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(card.stamps.rubric.id).toBe('township');
    expect(card.total).toBeGreaterThan(50);
    for (const i of card.indicators) if (i.points > 0) for (const e of i.evidence) expect(REPORT.slice(e.start, e.end)).toBe(e.quote);
  });

  it('re-scores saved facts (--format facts) to the same card, without the report', async () => {
    await run([report], { rubric: 'township' });
    const direct = out;
    out = '';
    await run([report], { rubric: 'township', format: 'facts' });
    const facts = FactSet.parse(JSON.parse(out));
    const saved = join(dir, 'facts.json');
    writeFileSync(saved, out);
    out = '';
    expect(await run([saved], { rubric: 'township' })).toBe(0);
    // identical except the near-duplicate check, which needs the text: none here either way
    expect(out).toBe(direct);
    expect(facts.file).toBe(report);
  });

  it('refuses an extract contract object with a clear error and goes on with the other files', async () => {
    const contract = join(dir, 'contract.json');
    writeFileSync(contract, JSON.stringify({ file: 'x.txt', meta: {}, sections: [], facts: {} }));
    expect(await run([contract, report, join(dir, 'missing.txt')], { rubric: 'township' })).toBe(1);
    const res = JSON.parse(out) as { scorecards: unknown[]; batch: unknown; errors: { file: string; error: { code: string; message: string } }[] };
    expect(res.scorecards).toHaveLength(1);
    BatchResult.parse(res.batch);
    expect(res.errors.map((e) => e.error.code)).toEqual(['E_FACTSET_SCHEMA', expect.stringMatching(/^E_/)]);
    expect(res.errors[0]!.error.message).toMatch(/fazhi extract/);
  });

  it('puts copied_text on reports of the batch that share a paragraph', async () => {
    const para = '（五）化解矛盾纠纷。坚持和发展新时代“枫桥经验”，健全镇、村、组三级矛盾纠纷排查调处网络，建立矛盾纠纷定期排查、分级调处、跟踪回访工作机制，做到小事不出村、大事不出镇、矛盾不上交。依托综治中心和村级人民调解委员会，对排查出的矛盾纠纷逐一建立台账，明确包案领导、责任人和化解时限。\n';
    const other = join(dir, '白石镇.txt');
    writeFileSync(other, `白石镇2024年法治政府建设年度报告\n\n一、主要举措和成效\n（一）开展普法宣传活动9场。\n${para}\n二、存在的不足和原因\n执法力量不足。\n`);
    const mine = join(dir, '青石镇-副本.txt');
    writeFileSync(mine, REPORT.replace('（四）加强普法宣传。', `${para}（四）加强普法宣传。`));
    await run([mine, other], { rubric: 'township' });
    const res = JSON.parse(out) as { scorecards: Scorecard[]; batch: { copies: { passages: unknown[] }[] } };
    expect(res.batch.copies).toHaveLength(1);
    expect(res.batch.copies[0]!.passages.length).toBeGreaterThanOrEqual(2);
    for (const c of res.scorecards) expect(c.flags.map((f) => f.code)).toContain('copied_text');
  });

  it('jsonl prints one card per line', async () => {
    await run([report, report], { rubric: 'township', format: 'jsonl' });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) Scorecard.parse(JSON.parse(l));
  });

  it('applies overrides and rejects one naming a report outside the batch, with file:line', async () => {
    const ok = join(dir, 'ok.yaml');
    writeFileSync(ok, '- {report: 青石镇.txt, indicator: leader-shufa, points: 5, reason: 复核, reviewer: 张三, date: 2025-05-01}\n');
    await run([report], { rubric: 'township', overrides: ok });
    const card = Scorecard.parse(JSON.parse(out));
    expect(card.indicators.find((i) => i.id === 'leader-shufa')!.override?.originalPoints).toBeGreaterThan(5);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '# 复核\n- {report: 白石镇.txt, indicator: leader-shufa, points: 5, reason: 复核, reviewer: 张三, date: 2025-05-01}\n');
    await expect(run([report], { rubric: 'township', overrides: bad })).rejects.toMatchObject({ code: 'E_OVERRIDE_UNKNOWN_REPORT', file: bad, line: 2 });
  });

  it('rejects an unknown format', async () => {
    await expect(run([report], { rubric: 'township', format: 'xml' })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
