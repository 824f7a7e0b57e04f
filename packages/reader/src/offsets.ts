import type { SourceDocument } from '@fazhi/core';

type Runs = SourceDocument['offsets'];
type WithRuns = { offsets: Runs; text?: string; view?: string };

/**
 * Original offset of view position `viewOffset`. A position at the end of the view maps to the end
 * of the last run (so `[viewToOriginal(a), viewToOriginal(b - 1) + 1)` is the span of a view range).
 */
export function viewToOriginal(doc: WithRuns, viewOffset: number): number {
  const runs = doc.offsets;
  if (runs.length === 0) return 0;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]![0] <= viewOffset) lo = mid;
    else hi = mid - 1;
  }
  const [vs, os, len] = runs[lo]!;
  if (viewOffset < vs) return os;
  if (viewOffset < vs + len) return os + (viewOffset - vs);
  // Past the end of this run: the end of the run (only happens at the end of the view).
  return os + len;
}

/** Original half-open span `[start, end)` covering view range `[viewStart, viewEnd)`. */
export function viewRangeToOriginal(doc: WithRuns, viewStart: number, viewEnd: number): { start: number; end: number } {
  const start = viewToOriginal(doc, viewStart);
  const end = viewEnd > viewStart ? viewToOriginal(doc, viewEnd - 1) + 1 : start;
  return { start, end };
}

/**
 * View offset of original position `origOffset`. A position the view dropped (chrome, zero-width
 * characters…) maps to the view position of the next kept character (the view length at the end).
 */
export function originalToView(doc: WithRuns, origOffset: number): number {
  const runs = doc.offsets;
  if (runs.length === 0) return 0;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]![1] <= origOffset) lo = mid;
    else hi = mid - 1;
  }
  const [vs, os, len] = runs[lo]!;
  if (origOffset < os) return vs;
  if (origOffset < os + len) return vs + (origOffset - os);
  const next = runs[lo + 1];
  return next ? next[0] : vs + len;
}

/** 1-based line number of `offset` in `text` (lines end at '\n'). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based index of the block (page/paragraph) whose start offset is the last one ≤ offset. */
export function blockAt(starts: readonly number[] | undefined, offset: number): number | undefined {
  if (!starts || starts.length === 0) return undefined;
  let lo = 0;
  let hi = starts.length - 1;
  if (offset < starts[0]!) return 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
