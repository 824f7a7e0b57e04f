import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BatchResult, type FactSet, type Scorecard } from '@fazhi/core';
import { addCopyFlags, fingerprintText, normaliseForCopy, scoreBatch, scoreFacts, THRESHOLDS } from './index.js';
import { ev, fact, fullFacts, nationalRubric, withFacts } from './test-helpers.js';

const loaded = nationalRubric();
const AT = '2026-01-01T00:00:00.000Z';

function card(file: string, level: FactSet['meta']['adminLevel'], drop: Record<string, ReturnType<typeof fact>> = {}, place?: string): Scorecard {
  const fs = withFacts(fullFacts(file), drop);
  fs.meta = { ...fs.meta, adminLevel: level, place: place ?? file.replace(/^.*\/|\.txt$/g, '') };
  return scoreFacts(loaded, fs, { generatedAt: AT });
}
const noShufa = { shufa: fact('status', 'absent', []) };
const fewMeetings = { leader_meetings: fact('count', 1, [ev('研究法治建设1次')]) };

describe('scoreBatch — ranking within unit type', () => {
  const cards = [
    card('r/a镇.txt', 'township', noShufa), // 90
    card('r/b镇.txt', 'township'), // 100
    card('r/c街道.txt', 'township', noShufa), // 90 (tie with a)
    card('r/d镇.txt', 'township', { ...noShufa, ...fewMeetings }), // 88
    card('r/司法局.txt', 'department', noShufa), // 90 but ranked among departments
    card('r/县政府.txt', 'county'),
  ];
  const res = scoreBatch(cards);
  it('validates and ranks each group apart, ties share a rank', () => {
    expect(BatchResult.parse(res)).toEqual(res);
    const rows = res.reports.map((r) => [r.group, r.file, r.percent, r.rank, r.rankOf]);
    expect(rows).toEqual([
      ['township', 'r/b镇.txt', 100, 1, 4],
      ['township', 'r/a镇.txt', 90, 2, 4],
      ['township', 'r/c街道.txt', 90, 2, 4],
      ['township', 'r/d镇.txt', 88, 4, 4],
      ['department', 'r/司法局.txt', 90, 1, 1],
      ['county', 'r/县政府.txt', 100, 1, 1],
    ]);
    expect(res.groups).toEqual([
      { group: 'township', title: '乡镇/街道', size: 4 },
      { group: 'department', title: '部门', size: 1 },
      { group: 'county', title: '县（市、区）', size: 1 },
    ]);
  });
  it('gives per-indicator statistics', () => {
    const s = res.indicators.find((i) => i.id === 'leader-shufa')!;
    expect(s).toEqual({ id: 'leader-shufa', title: '党政主要负责人述法', maxPoints: 10, count: 6, mean: 3.33, median: 0, min: 0, max: 10, fullShare: 0.33 });
    const m = res.indicators.find((i) => i.id === 'leader-meetings')!;
    expect([m.mean, m.median, m.min, m.max, m.fullShare]).toEqual([3.67, 4, 2, 4, 0.83]);
  });
  it('does not depend on input order', () => {
    expect(JSON.stringify(scoreBatch([...cards].reverse()))).toBe(JSON.stringify(res));
  });
});

describe('scoreBatch — comparison with last year', () => {
  it('matches by place and unit type and gives deltas', () => {
    const now = [card('2024/a.txt', 'township', {}, '甲镇')];
    const prev = [card('2023/a.txt', 'township', noShufa, '甲镇'), card('2023/x.txt', 'township', {}, '乙镇')];
    const res = scoreBatch(now, [], { previous: prev });
    expect(res.comparison).toHaveLength(1);
    const c = res.comparison[0]!;
    expect([c.file, c.previousFile, c.total, c.previousTotal, c.delta]).toEqual(['2024/a.txt', '2023/a.txt', 100, 90, 10]);
    expect(c.indicators.find((i) => i.id === 'leader-shufa')).toEqual({ id: 'leader-shufa', points: 10, previous: 0, delta: 10 });
  });
});

describe('copy detection', () => {
  const fx = (n: string) => fileURLToPath(new URL(`./__fixtures__/${n}`, import.meta.url));
  const texts = Object.fromEntries(['copy-a.txt', 'copy-b.txt', 'copy-c.txt'].map((n) => [n, readFileSync(fx(n), 'utf8')]));
  // The fixtures are already in normalised form, so the view is the text and the map is identity.
  const fps = Object.fromEntries(Object.entries(texts).map(([n, t]) => [n, fingerprintText(t, (i) => i, t)]));
  const cards = Object.keys(texts).map((n) => card(n, 'township'));
  const res = scoreBatch(cards, [], { fingerprints: fps });

  it('finds the shared paragraph between a and b, with verbatim evidence from both', () => {
    expect(res.copies.map((c) => [c.a, c.b])).toEqual([['copy-a.txt', 'copy-b.txt']]);
    const pair = res.copies[0]!;
    expect(pair.sharedChars).toBeGreaterThanOrEqual(THRESHOLDS.copy.minSharedChars);
    expect(pair.passages).toHaveLength(2);
    const { a, b } = pair.passages[0]!;
    expect(a.quote).toMatch(/^坚持和发展新时代“枫桥经验”.*矛盾不上交。$/);
    expect(b.quote).toBe(a.quote);
    expect(pair.passages[1]!.a.quote).toMatch(/^依托综治中心.*化解时限。$/);
    expect(texts['copy-a.txt']!.slice(a.start, a.end)).toBe(a.quote);
    expect(texts['copy-b.txt']!.slice(b.start, b.end)).toBe(b.quote);
    expect(texts['copy-a.txt']!.split('\n')[a.line - 1]).toContain(a.quote);
    expect(texts['copy-b.txt']!.split('\n')[b.line - 1]).toContain(b.quote);
  });

  it('adds copied_text flags to both cards, with a penalty only when the rubric lists it', () => {
    const shown = addCopyFlags(cards, res.copies);
    expect(shown.map((c) => c.flags.map((f) => f.code))).toEqual([['copied_text'], ['copied_text'], []]);
    const fa = shown[0]!.flags[0]!;
    expect(fa.message).toMatch(/copy-b\.txt/);
    expect(fa.evidence.map((e) => e.quote)).toEqual(res.copies[0]!.passages.map((p) => p.a.quote));
    expect(shown[0]!.total).toBe(cards[0]!.total);
    expect(cards[0]!.flags).toEqual([]); // inputs untouched
    const l = nationalRubric((r) => {
      r.penalties = [{ flag: 'copied_text', points: 15, official: false }];
    });
    const charged = addCopyFlags(cards, res.copies, l.rubric);
    expect(charged[1]!.total).toBe(85);
    expect(charged[1]!.grade).toBe('良好');
    expect(charged[1]!.flags[0]!.penalty).toBe(15);
    expect(charged[2]!.total).toBe(100);
  });

  it('keeps quotes verbatim when the view differs from the text (offset map)', () => {
    // Original with full-width spaces the view drops: view[i] = text[2i].
    const text = [...'坚持和发展新时代枫桥经验健全三级矛盾纠纷排查调处网络。'].join('　');
    const view = [...text].filter((_, i) => i % 2 === 0).join('');
    const fp = fingerprintText(view, (i) => i * 2, text);
    expect(fp.sentences).toHaveLength(1);
    const e = fp.sentences[0]!.evidence;
    expect(text.slice(e.start, e.end)).toBe(e.quote);
    expect(normaliseForCopy(e.quote)).toBe(normaliseForCopy(view));
  });

  it('with hash-only fingerprints from the FactSet, reports similarity without passages', () => {
    const fs = Object.entries(fps).map(([n, f]) => ({ ...fullFacts(n), fingerprints: f.shingles }));
    const plain = scoreBatch(cards, fs);
    expect(plain.copies.map((c) => [c.a, c.b])).toEqual([['copy-a.txt', 'copy-b.txt']]);
    for (const p of plain.copies) expect(p.passages).toEqual([]);
    expect(plain.copies.every((p) => p.similarity >= THRESHOLDS.copy.minSimilarity)).toBe(true);
  });
});
