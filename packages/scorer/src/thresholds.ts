/**
 * Every threshold the scorer uses that the rubric does not set, in one place. All are proposals
 * of this tool (not official rules); README.md repeats them for readers of the scorecards.
 */
export const THRESHOLDS = {
  /**
   * template_text (套话多、数字少): flagged when BOTH hold — fewer quantified statements (a number
   * with a unit) per 1,000 characters than `maxQuantPer1000`, and at least `minStockShare` of the
   * sentences dominated by stock phrases (高度重视, 扎实推进 …); or, whatever the stock phrases,
   * fewer than `bareQuantPer1000` quantified statements per 1,000 characters (a report with almost
   * no figures says nothing checkable — the rubric's stock-phrase list is never complete).
   */
  template: {
    maxQuantPer1000: 2,
    minStockShare: 0.1,
    /** Below this density the text is template-like whatever its stock phrases. */
    bareQuantPer1000: 1,
    /** Texts shorter than this (characters of the view) are too short to judge (an excerpt, an opening). */
    minChars: 1500,
  },
  /**
   * rate_mismatch: the stated rate may differ from resolved / disputes × 100 by one unit of its
   * last written digit (98 → ±1, 98.2 → ±0.1) before it is flagged.
   */
  rate: { minStep: 0.1 },
  /** late_publication: more than this many days late is `error` severity (else `warn`). */
  publication: { veryLateDays: 30, defaultDeadline: '04-01' },
  /**
   * Copy detection across a batch. Sentences of at least `minSentenceChars` normalised characters
   * are compared exactly (stock phrases are short, copied paragraphs are not); character shingles
   * (@fazhi/core COPY_SHINGLES: 8 characters, one in four kept by hash) give the similarity. A pair is reported when the shared sentences add
   * up to `minSharedChars` or the shingle similarity reaches `minSimilarity`.
   */
  copy: { minSentenceChars: 16, minSharedChars: 80, minSimilarity: 0.3, maxPassages: 5, maxPairsPerReport: 10, boilerplateMinReports: 3, boilerplateShare: 0.05 },
  /** Points are rounded to this many decimals (proportional scores, deductions). */
  pointDecimals: 2,
} as const;

export const roundPoints = (n: number): number => {
  const f = 10 ** THRESHOLDS.pointDecimals;
  return Math.round(n * f + Number.EPSILON) / f;
};
