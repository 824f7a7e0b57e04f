import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Fact, FactSet } from '@fazhi/core';
import { scoreFacts } from './index.js';
import { ev, fact, fullFacts, nationalRubric, withFacts } from './test-helpers.js';

const loaded = nationalRubric();

describe('determinism', () => {
  it('scoring twice gives byte-identical JSON except generatedAt', () => {
    const fs = fullFacts();
    const a = scoreFacts(loaded, fs);
    const b = scoreFacts(loaded, structuredClone(fs));
    const strip = (c: typeof a) => JSON.stringify({ ...c, stamps: { ...c.stamps, generatedAt: '' } });
    expect(strip(a)).toBe(strip(b));
    expect(JSON.stringify(scoreFacts(loaded, fs, { generatedAt: 'x' }))).toBe(JSON.stringify(scoreFacts(loaded, fs, { generatedAt: 'x' })));
  });
  it('does not depend on the key order of the FactSet', () => {
    const fs = fullFacts();
    const shuffled = JSON.parse(JSON.stringify(fs), function (_k, v) {
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).reverse());
      return v;
    }) as FactSet;
    expect(JSON.stringify(scoreFacts(loaded, shuffled, { generatedAt: 'x' }))).toBe(JSON.stringify(scoreFacts(loaded, fs, { generatedAt: 'x' })));
  });
});

// Arbitrary fact values of every shape (and garbage): the score stays within [0, max].
const num = fc.oneof(fc.constant(null), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -5, max: 500 }));
const evs = fc.array(fc.constantFrom('done', 'planned', 'problem').map((m) => ev('某项工作', m as 'done')), { maxLength: 3 });
const anyFact: fc.Arbitrary<Fact> = fc.record({
  kind: fc.constant('x'),
  value: fc.oneof(
    num,
    fc.constantFrom('done', 'planned', 'absent', 'all', 'partial', 'generic', 'on_time', 'late', 'very_late', 'unknown', 'weird'),
    fc.record({ present: fc.boolean(), coverage_pct: num, units_covered: num, units_total: num }),
    fc.record({ disputes: num, resolved: num, rate_pct: num }),
    fc.record({ status: fc.constantFrom('on_time', 'late', 'very_late', 'unknown'), publishDate: fc.constant(null), deadline: fc.constant(null), daysLate: num }),
    fc.record({ quantPer1000: num, stockShare: num }),
    fc.record({ found: fc.subarray(['measures', 'shortcomings', 'leader_duties', 'next_year']), missing: fc.subarray(['measures', 'shortcomings', 'leader_duties', 'next_year']) }),
  ),
  evidence: evs,
});
const ids = Object.keys(loaded.rubric.facts);

describe('property: score within [0, max]', () => {
  it('holds for any fact values, with and without penalties', () => {
    const penalised = nationalRubric((r) => {
      r.penalties = [
        { flag: 'late_publication', points: 5, official: false },
        { flag: 'rate_mismatch', points: 50, official: false },
      ];
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ids), fc.option(anyFact, { nil: undefined })), fc.boolean(), (facts, pen) => {
        const card = scoreFacts(pen ? penalised : loaded, withFacts(fullFacts(), facts), { generatedAt: 'x' });
        expect(card.total).toBeGreaterThanOrEqual(0);
        expect(card.total).toBeLessThanOrEqual(card.max);
        for (const i of card.indicators) {
          expect(i.points).toBeGreaterThanOrEqual(0);
          expect(i.points).toBeLessThanOrEqual(i.max);
          if (i.points > 0) expect(i.evidence.some((e) => e.modality === 'done')).toBe(true);
        }
        for (const c of card.categories) expect(c.points).toBeLessThanOrEqual(c.max);
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });
});
