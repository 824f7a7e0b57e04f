// Copy normalisation and hashing shared by the extractor (FactSet.fingerprints, duplicate
// paragraphs) and the scorer (text fingerprints for copy detection): one implementation, so a
// saved FactSet's shingles and a fresh fingerprint can never disagree. Hot path of every report:
// a per-code-unit class table replaces Unicode-property regexes, hashes read char codes in place.

/** Spaces, punctuation and symbols carry no authorship; they are dropped before hashing. */
const STRIP = /^[\s\p{P}\p{S}]$/u;
const DIGIT = /^[0-9０-９]$/;

const UNKNOWN = 0;
const KEEP = 1;
const DROP = 2;
const FOLD = 3; // a digit: folded to '0' so a template copied with new figures still matches

// Class of each UTF-16 code unit, filled lazily (most reports use a few thousand distinct ones).
const classes = new Uint8Array(0x10000);

function classOf(c: number): number {
  let k = classes[c]!;
  if (k === UNKNOWN) {
    const ch = String.fromCharCode(c);
    k = DIGIT.test(ch) ? FOLD : STRIP.test(ch) ? DROP : KEEP;
    classes[c] = k;
  }
  return k;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * `s` without spaces, punctuation and symbols (Unicode \s \p{P} \p{S}, astral symbols such as
 * emoji included), ASCII and full-width digits folded to '0' (kept as written with `foldDigits`
 * false).
 */
export function normaliseForCopy(s: string, foldDigits = true): string {
  let out = '';
  let run = 0; // start of the current run of kept code units
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let k: number;
    let width = 1;
    if (isHigh(c) && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      // An astral character is classified as a whole (its halves are not symbols on their own).
      k = STRIP.test(s.slice(i, i + 2)) ? DROP : KEEP;
      width = 2;
    } else k = classOf(c);
    if (k === KEEP || (k === FOLD && !foldDigits)) {
      i += width - 1;
      continue;
    }
    if (i > run) out += s.slice(run, i);
    if (k === FOLD) out += '0';
    i += width - 1;
    run = i + 1;
  }
  return run === 0 ? s : run < n ? out + s.slice(run) : out;
}

/**
 * normaliseForCopy of a whole text, with `before[i]` = the length of the normalised text made from
 * s[0, i) (length s.length + 1): the normalisation of any span [a, b) of `s` is then
 * `norm.slice(before[a], before[b])` (for spans that do not cut a surrogate pair), so a text is
 * normalised once for all its sentences and its copy shingles.
 */
export function copyNormalisation(s: string): { norm: string; before: Int32Array } {
  const n = s.length;
  const before = new Int32Array(n + 1);
  let out = '';
  let run = 0;
  let len = 0;
  for (let i = 0; i < n; i++) {
    before[i] = len;
    const c = s.charCodeAt(i);
    let k: number;
    if (isHigh(c) && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      k = STRIP.test(s.slice(i, i + 2)) ? DROP : KEEP;
      if (k === KEEP) {
        before[i + 1] = len + 1;
        len += 2;
        i++;
        continue;
      }
      if (i > run) out += s.slice(run, i);
      before[i + 1] = len;
      i++;
      run = i + 1;
      continue;
    }
    k = classOf(c);
    if (k === KEEP) {
      len++;
      continue;
    }
    if (i > run) out += s.slice(run, i);
    if (k === FOLD) {
      out += '0';
      len++;
    }
    run = i + 1;
  }
  before[n] = len;
  const norm = run === 0 ? s : run < n ? out + s.slice(run) : out;
  return { norm, before };
}

/** JavaScript's \s for one code unit (trimming must not cost a regex per character). */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** 。！？；!?; and the line break end a sentence (copy detection and duplicate paragraphs). */
export function endsSentenceCode(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 33 || c === 63 || c === 59 || c === 10;
}

/** FNV-1a, 32 bit, of `s` (or of s[from, to)): stable across runs and platforms. */
export function fnv1a(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Copy shingles: `size` normalised characters; only shingles whose hash has its top `sampleBits`
 * bits at zero are kept (one in 2^sampleBits, chosen by content, so two texts keep the same
 * shingles of a shared passage). Similarities computed on the sample estimate those on all
 * shingles; the sample makes FactSet.fingerprints and a batch's index 4× smaller.
 */
export const COPY_SHINGLES = { size: 8, sampleBits: 2 } as const;

/**
 * Sorted distinct hashes of the `k`-character shingles of an already normalised text, sampled as
 * COPY_SHINGLES says (`sampleBits` 0 keeps all). A polynomial rolling hash (one multiply per
 * character instead of k), finalised with murmur3's mixer so the top bits used for sampling are
 * well spread. Hashes go into a Uint32Array sorted natively, then deduplicated.
 */
export function shingleHashes(norm: string, k: number = COPY_SHINGLES.size, sampleBits: number = COPY_SHINGLES.sampleBits): number[] {
  const n = Math.max(0, norm.length - k + 1);
  const hs = new Uint32Array(n);
  const shift = 32 - sampleBits;
  const B = 0x01000193;
  let top = 1; // B^(k-1): weight of the character leaving the window
  for (let j = 1; j < k; j++) top = Math.imul(top, B);
  let h = 0;
  for (let j = 0; j < Math.min(k, norm.length); j++) h = (Math.imul(h, B) + norm.charCodeAt(j)) | 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let x = h ^ (h >>> 16);
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    if (sampleBits === 0 || x >>> shift === 0) hs[m++] = x >>> 0;
    if (i + k < norm.length) h = (Math.imul(h - Math.imul(top, norm.charCodeAt(i)), B) + norm.charCodeAt(i + k)) | 0;
  }
  const kept = hs.subarray(0, m).sort();
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (i === 0 || kept[i] !== kept[i - 1]) out.push(kept[i]!);
  return out;
}

/** The first index i of an ascending array with sorted[i] >= x (sorted.length when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
