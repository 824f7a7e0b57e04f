// Loads the BUILT packages (dist) by path, so the benchmark measures what users run.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => `${ROOT}${p}`;

export const PATHS = {
  core: dist('packages/core/dist/index.js'),
  reader: dist('packages/reader/dist/index.js'),
  extract: dist('packages/extract/dist/index.js'),
  scorer: dist('packages/scorer/dist/index.js'),
  renderer: dist('apps/renderer/dist/index.js'),
  cli: dist('apps/renderer/dist/cli.js'),
};

async function imp(name) {
  const p = PATHS[name];
  // Another build may be rewriting dist/ right now (tsup cleans it first): wait up to 60 s.
  for (let i = 0; i < 120 && !existsSync(p); i++) await new Promise((r) => setTimeout(r, 500));
  if (!existsSync(p)) return { mod: null, why: `${p} missing (run the build)` };
  try {
    return { mod: await import(pathToFileURL(p).href), why: null };
  } catch (e) {
    return { mod: null, why: `${name}: ${e.message}` };
  }
}

/**
 * Returns the pipeline functions or `why` saying what is missing.
 * `run(bytes, name)` = readBuffer → extractFacts → fingerprintText → scoreFacts, returning
 * { doc, facts, card }: the per-report work of a `fazhi batch` (apps/renderer's scoreDocument with
 * the text fingerprint that cross-report copy detection needs).
 */
export async function loadPipeline(rubricId = 'national') {
  const [core, reader, extract, scorer] = await Promise.all(['core', 'reader', 'extract', 'scorer'].map(imp));
  const missing = [];
  if (typeof core.mod?.loadRubric !== 'function') missing.push(core.why ?? '@fazhi/core loadRubric not exported yet');
  if (typeof reader.mod?.readBuffer !== 'function') missing.push(reader.why ?? '@fazhi/reader readBuffer not exported yet');
  if (typeof extract.mod?.compileExtractor !== 'function' || typeof extract.mod?.extractFacts !== 'function')
    missing.push(extract.why ?? '@fazhi/extract compileExtractor/extractFacts not exported yet');
  if (typeof scorer.mod?.scoreFacts !== 'function') missing.push(scorer.why ?? '@fazhi/scorer scoreFacts not exported yet');
  if (missing.length) return { why: missing.join('; ') };
  const loaded = core.mod.loadRubric(rubricId);
  const extractor = extract.mod.compileExtractor(loaded);
  const { readBuffer, viewToOriginal } = reader.mod;
  const { extractFacts } = extract.mod;
  const { scoreFacts, fingerprintText } = scorer.mod;
  const generatedAt = '2026-01-01T00:00:00.000Z';
  /** Milliseconds spent in each stage since the last reset (wall, this thread). */
  const stages = { read: 0, extract: 0, score: 0 };
  return {
    why: null,
    loaded,
    stages,
    async run(bytes, name) {
      const t0 = performance.now();
      const doc = await readBuffer(bytes, name);
      const t1 = performance.now();
      const facts = extractFacts(doc, extractor);
      const fingerprint = fingerprintText(doc.view, (o) => viewToOriginal(doc, o), doc.text, facts.fingerprints);
      const t2 = performance.now();
      const card = scoreFacts(loaded, facts, { generatedAt });
      stages.read += t1 - t0;
      stages.extract += t2 - t1;
      stages.score += performance.now() - t2;
      return { doc, facts, card, fingerprint };
    },
  };
}

export async function loadRenderer() {
  const r = await imp('renderer');
  return { mod: r.mod, why: r.why };
}

/** Every literal string a rubric's fact specs contain (terms, units, items, umbrella, …). */
export function rubricLiterals(rubric) {
  const out = new Set();
  const walk = (x, key) => {
    if (typeof x === 'string') {
      if (key !== 'title' && key !== 'description' && key !== 'kind' && key !== 'patterns' && key !== 'deadline' && key !== 'id') out.add(x);
    } else if (Array.isArray(x)) x.forEach((y) => walk(y, key));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  walk(rubric.facts, '');
  return [...out];
}

/** The floor: ONE combined regular expression (all rubric literals + a number pattern). */
export function floorRegex(rubric) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lits = rubricLiterals(rubric).sort((a, b) => b.length - a.length).map(esc);
  return new RegExp(`${lits.join('|')}|[0-9０-９]+(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千万]+`, 'g');
}
