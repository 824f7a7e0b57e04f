// A national-scale batch: the dashboard lists at most DASHBOARD_LIMITS entries per long section and
// says where the rest is; the ranking is never cut.
import { describe, expect, it } from 'vitest';
import { scoreBatch } from '@fazhi/scorer';
import type { CopyPair } from '@fazhi/core';
import { DASHBOARD_LIMITS } from '../src/html/dashboard.js';
import { dashboardView } from '../src/index.js';
import { fixtureCard, fixtureRubric } from './helpers.js';

describe('dashboard of a very large batch', () => {
  it('caps the heat map, flags and copy pairs with a note, keeps every ranking row', () => {
    const loaded = fixtureRubric();
    const n = DASHBOARD_LIMITS.heatRows + 5;
    const cards = Array.from({ length: n }, (_, i) => {
      const c = fixtureCard();
      c.file = `r${String(i).padStart(5, '0')}.txt`;
      c.place = `第${i}镇`;
      c.flags = [{ code: 'template_text', severity: 'warn', message: '内容空泛', evidence: [] }];
      return c;
    });
    const result = scoreBatch(cards);
    const ev = { quote: '同一句话', start: 0, end: 4, line: 1, section: '', modality: 'done' as const };
    result.copies = Array.from({ length: DASHBOARD_LIMITS.copyPairs + 7 }, (_, i): CopyPair => ({
      a: cards[i]!.file, b: cards[i + 1]!.file, similarity: 0.5, sharedChars: 100, passages: [{ a: ev, b: ev }],
    }));
    const v = dashboardView({ result, cards, failures: [], loaded, links: {} });
    expect(v.all).toHaveLength(n);
    expect(v.heatmaps[0]!.heatRows).toHaveLength(DASHBOARD_LIMITS.heatRows);
    expect(v.heatmaps[0]!.heatRowsMore).toContain('另有 5 项');
    expect(v.flags).toHaveLength(DASHBOARD_LIMITS.flagReports);
    expect(v.flagsMore).toContain('scores.xlsx');
    expect(v.copies).toHaveLength(DASHBOARD_LIMITS.copyPairs);
    expect(v.copiesMore).toContain('另有 7 项');
  });

  it('a county-size batch is listed whole, without notes', () => {
    const loaded = fixtureRubric();
    const cards = [fixtureCard()];
    const v = dashboardView({ result: scoreBatch(cards), cards, failures: [], loaded, links: {} });
    expect(v.heatmaps[0]!.heatRowsMore).toBe('');
    expect(v.flagsMore).toBe('');
    expect(v.copiesMore).toBe('');
  });
});
