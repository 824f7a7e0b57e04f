import type { Evidence, Signals } from '@fazhi/core';
import type { DocContext } from './context.js';

const COUNT_UNITS = new Set(['人次', '件次', '场次', '批次', '户次', '件', '次', '场', '个', '份', '项', '名', '人', '起', '宗', '家', '条', '期', '批', '户', '村', '篇', '本', '册', '所', '处', '支', '万元', '亿元', '元']);

/** A gram in more sentences than this does not nominate candidates (it still counts in the check). */
const COMMON_GRAM = 24;

/** Within-report quality signals: duplicated paragraphs, specificity, stock phrases, years. */
export function computeSignals(ctx: DocContext, stockPhrases: readonly string[]): Signals {
  const v = ctx.view;
  // Copy-pasted paragraphs: two paragraphs share a near-identical sentence (the shorter
  // sentence's character 4-grams ≥ 60% contained in the other; sentences of ≥ 20 characters).
  const duplicateParagraphs: Signals['duplicateParagraphs'] = [];
  const sents: { para: number; grams: Set<number> }[] = [];
  // gram → indices (into `sents`) of the sentences containing it: each new sentence counts its
  // overlap with earlier ones through this index instead of intersecting every pair of sets.
  const postings = new Map<number, number[]>();
  const paras: { start: number; end: number }[] = [];
  const pairs = new Set<string>();
  let pos = 0;
  for (const line of v.split('\n')) {
    const start = pos;
    const end = pos + line.length;
    pos = end + 1;
    const pi = paras.length;
    paras.push({ start, end });
    // Titles and metadata lines repeat by design; only real paragraphs are compared.
    if (line.replace(/[\s\p{P}]/gu, '').length < 60) continue;
    for (const sent of line.split(/[。！？!?；;]/)) {
      const key = sent.replace(/[\s\p{P}]/gu, '');
      if (key.length < 20) continue;
      // 4-grams as 32-bit hashes (no substring per gram); a rare collision only nudges a ratio.
      const grams = new Set<number>();
      for (let i = 0; i + 4 <= key.length; i++) {
        let h = key.charCodeAt(i);
        h = Math.imul(h, 0x01000193) ^ key.charCodeAt(i + 1);
        h = Math.imul(h, 0x01000193) ^ key.charCodeAt(i + 2);
        h = Math.imul(h, 0x01000193) ^ key.charCodeAt(i + 3);
        grams.add(h & 0x3fffffff); // small-integer range: fast Set/Map keys
      }
      // Candidates come from the rarer grams only (a common 4-gram such as 法治建设 would make this
      // quadratic); the containment of a candidate is then counted exactly over its set.
      const cand = new Map<number, number>();
      for (const g of grams) {
        const list = postings.get(g);
        if (list && list.length <= COMMON_GRAM) for (const j of list) cand.set(j, (cand.get(j) ?? 0) + 1);
      }
      for (const j of [...cand.keys()].sort((x, y) => x - y)) {
        const o = sents[j]!;
        // Too few shared rare grams to reach the threshold: not worth the exact count.
        if (cand.get(j)! < 0.3 * Math.min(o.grams.size, grams.size)) continue;
        if (o.para === pi || pairs.has(`${o.para}:${pi}`) || duplicateParagraphs.length >= 20) continue;
        const [small, large] = o.grams.size <= grams.size ? [o.grams, grams] : [grams, o.grams];
        let inter = 0;
        for (const g of small) if (large.has(g)) inter++;
        if (inter / Math.min(o.grams.size, grams.size) >= 0.6) {
          pairs.add(`${o.para}:${pi}`);
          const a = ctx.evidence(paras[o.para]!.start, paras[o.para]!.end, 'done');
          const b = ctx.evidence(start, end, 'done');
          if (a && b) duplicateParagraphs.push({ first: a, second: b });
        }
      }
      if (sents.length < 2000) {
        for (const g of grams) {
          const list = postings.get(g);
          if (list) list.push(sents.length);
          else postings.set(g, [sents.length]);
        }
        sents.push({ para: pi, grams });
      }
    }
  }
  // Quantified statements: numbers with a count unit or a percentage (years and dates excluded).
  const toks = ctx.allNumbers().filter((t) => t.percent || (t.unit !== null && COUNT_UNITS.has(t.unit)));
  const chars = v.replace(/\s/g, '').length;
  const quantifiedPer1000 = chars ? Math.round((toks.length / chars) * 1000 * 100) / 100 : 0;
  // Stock phrases: share of sentences whose main content is a 套话.
  const sentences = v.split(/[。！？!?；;\n]/).filter((s) => s.trim().length >= 6);
  const stockExamples: Evidence[] = [];
  let stockSentences = 0;
  let off = 0;
  const sentStarts: number[] = [];
  for (const s of v.split(/(?<=[。！？!?；;\n])/)) { sentStarts.push(off); off += s.length; }
  for (const s of sentences) {
    if (stockPhrases.some((p) => s.includes(p)) && !/\d/.test(s)) stockSentences++;
  }
  for (const p of stockPhrases) {
    const i = v.indexOf(p);
    if (i >= 0 && stockExamples.length < 5) {
      const e = ctx.evidence(i, i + p.length, 'done');
      if (e) stockExamples.push(e);
    }
  }
  const stockPhraseShare = sentences.length ? Math.round((stockSentences / sentences.length) * 1000) / 1000 : 0;
  // Years: title, body, plan sections, signing date.
  const yearRe = /(?<!\d)(20\d{2})\s*年/g;
  const body = new Set<number>();
  const plans = new Set<number>();
  const mismatches: Evidence[] = [];
  const reportYear = ctx.reportYear;
  let m: RegExpExecArray | null;
  while ((m = yearRe.exec(v))) {
    const y = Number(m[1]);
    // Ranges (2021—2025年) and cited titles name plan horizons, not the year reported on.
    if (/[—\-–~至到]\s*$/.test(v.slice(Math.max(0, m.index - 2), m.index)) || ctx.inTitle(m.index)) continue;
    const kinds = ctx.kindsAt(m.index);
    if (kinds.includes('next_year')) plans.add(y);
    else body.add(y);
    if (reportYear && !kinds.includes('next_year') && y > reportYear + 1 && mismatches.length < 5) {
      const e = ctx.evidence(m.index, m.index + m[0].length, 'done');
      if (e) mismatches.push(e);
    }
    if (reportYear && kinds.includes('next_year') && y === reportYear && mismatches.length < 5) {
      // A plan section naming the report year itself suggests a copied old report.
      const e = ctx.evidence(m.index, m.index + m[0].length, 'planned');
      if (e) mismatches.push(e);
    }
  }
  const titleM = /(20\d{2})\s*年/.exec(v.slice(0, 200));
  const signM = /(20\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.exec(v.trimEnd().slice(-40));
  return {
    chars,
    duplicateParagraphs,
    quantifiedPer1000,
    quantifiedCount: toks.length,
    stockPhraseShare,
    stockPhraseExamples: stockExamples,
    years: {
      title: titleM ? Number(titleM[1]) : null,
      body: [...body].sort(),
      plans: [...plans].sort(),
      signing: signM ? Number(signM[1]) : null,
      mismatches,
    },
    artefacts: [...readerWarnings(ctx), ...(ctx.ev.dropped ? [{ code: 'evidence_dropped', count: ctx.ev.dropped }] : [])],
  };
}

/** The reader's warnings (web chrome, Word artefacts, doubtful encoding…), counted by code. */
function readerWarnings(ctx: DocContext): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const w of ctx.doc.warnings ?? []) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count }));
}

// Copy-detection shingles for FactSet.fingerprints. They must equal the `shingles` of the scorer's
// fingerprintText (same normalisation, FNV-1a over 8-character shingles): scoreBatch compares a
// saved FactSet's hashes with fresh fingerprints. test/fingerprints.test.ts guards the equality.
const COPY_STRIP = /[\s\p{P}\p{S}]/gu;
const COPY_SHINGLE = 8;
/** Sorted distinct FNV-1a hashes of the 8-character shingles of the copy-normalised view. */
export function copyShingles(view: string): number[] {
  const norm = view.replace(COPY_STRIP, '').replace(/[0-9０-９]/g, '0');
  // Hashes go into a Uint32Array and are sorted natively, then deduplicated: a Set of numbers
  // above 2^31 (boxed doubles) plus a comparator sort cost ~20% of extraction (bench profile).
  const n = Math.max(0, norm.length - COPY_SHINGLE + 1);
  const hs = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + COPY_SHINGLE; k++) {
      h ^= norm.charCodeAt(k);
      h = Math.imul(h, 0x01000193);
    }
    hs[i] = h >>> 0;
  }
  hs.sort();
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || hs[i] !== hs[i - 1]) out.push(hs[i]!);
  return out;
}
