import { loadRubric } from '@fazhi/core';
import { compileExtractor, documentFromText, extractFacts, type Extractor } from '../src/index.js';

let cached: Extractor | null = null;
export function extractor(): Extractor {
  cached ??= compileExtractor(loadRubric('national'));
  return cached;
}

/** Extracts facts from an inline report; reportYear/adminLevel can be set as the reader would. */
export function run(text: string, meta: { reportYear?: number; adminLevel?: 'township' | 'county' | 'department' } = {}) {
  const doc = documentFromText(text, 'fixture.txt');
  if (meta.reportYear) doc.meta.reportYear = { value: meta.reportYear, evidence: [] };
  if (meta.adminLevel) doc.meta.adminLevel = { value: meta.adminLevel, evidence: [] };
  const fs = extractFacts(doc, extractor());
  for (const f of Object.values(fs.facts)) for (const e of f.evidence) {
    if (text.slice(e.start, e.end) !== e.quote) throw new Error(`non-verbatim evidence ${JSON.stringify(e)}`);
  }
  return fs;
}
export const val = (fs: ReturnType<typeof run>, id: string) => fs.facts[id]?.value;
