// @fazhi/scorer: FactSet × rubric → Scorecard; batch aggregation. Never reads report text.
import type { Scorecard } from '@fazhi/core';
import { num } from './text.js';

export { scoreFacts, type LoadedRubricLike, type ScoreOptions } from './score.js';
export { scoreBatch, addCopyFlags, detectCopies, boilerplateLimit, unitGroup, GROUP_TITLES, type BatchOptions, type CopyFingerprint } from './batch.js';
export { qualityFlags } from './flags.js';
export {
  loadOverrides,
  validateOverrides,
  overrideMatches,
  OverrideEntry,
  OverrideError,
  type ReviewOverride,
  type OverrideProblem,
} from './overrides.js';
export { fingerprintText, normaliseForCopy, fnv1a, type TextFingerprint, type FingerprintSentence } from './fingerprint.js';
export { THRESHOLDS } from './thresholds.js';
export { valueText } from './text.js';

/** The self-check lines, highest stake first: "补充…可得 N 分". */
export function missingSummary(card: Scorecard): string[] {
  return card.missing.map((m) => `补充“${m.title}”可得 ${num(m.atStake)} 分：${m.remedy}`);
}
