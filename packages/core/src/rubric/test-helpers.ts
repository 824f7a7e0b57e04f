import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadRubric, RubricError, type RubricProblem } from '../index.js';

/** Writes rubric files into a fresh temp directory and returns it. */
export function writeRubrics(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-rubric-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Loads a rubric that must fail and returns its problems. */
export function problemsOf(path: string): RubricProblem[] {
  try {
    loadRubric(path);
  } catch (e) {
    expect(e).toBeInstanceOf(RubricError);
    return (e as RubricError).problems;
  }
  throw new Error(`expected ${path} to be rejected`);
}

/** 1-based line and column of the n-th occurrence of `needle` in `text`. */
export function posOf(text: string, needle: string, nth = 1): { line: number; col: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found: ${needle}`);
  }
  const before = text.slice(0, at);
  return { line: before.split('\n').length, col: at - before.lastIndexOf('\n') };
}

export const HEADER = '# yaml-language-server: $schema=../packages/core/schema/rubric.schema.json\n';
