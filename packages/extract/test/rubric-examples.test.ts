import { loadRubric } from '@fazhi/core';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// Every rubric example that states an expected fact value is checked against the extractor.
const rubric = loadRubric('national').rubric;
const cases = rubric.categories.flatMap((c) =>
  c.indicators.flatMap((ind) => ind.examples.filter((ex) => ex.value !== undefined).map((ex) => ({ id: ind.id, fact: ind.fact, ex }))),
);

describe('rubric examples (national)', () => {
  it.each(cases.map((c) => [`${c.id}: ${c.ex.text.slice(0, 30)}`, c] as const))('%s', (_, c) => {
    const fs = run(c.ex.text, { reportYear: 2024 });
    expect(fs.facts[c.fact]?.value).toEqual(c.ex.value);
  });
});
