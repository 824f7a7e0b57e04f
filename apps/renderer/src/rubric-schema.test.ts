import { describe, expect, it, vi } from 'vitest';
import { loadRubric } from '@fazhi/core';
import { schema, types } from './commands/rubric.js';

async function capture(fn: () => unknown): Promise<string> {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return text;
}

describe('fazhi rubric schema / types', () => {
  const factIds = Object.keys(loadRubric('township').rubric.facts);

  it('prints the fact-data JSON Schema naming every fact of the rubric', async () => {
    const out = await capture(() => schema('township'));
    const json = JSON.parse(out) as Record<string, unknown>;
    const text = JSON.stringify(json);
    for (const id of factIds) expect(text).toContain(`"${id}"`);
  });

  it('prints TypeScript declarations for the same facts', async () => {
    const out = await capture(() => types('township'));
    expect(out).toMatch(/export (interface|type) /);
    expect(out).toContain('three_systems');
    expect(out).toContain('mediation');
  });
});
