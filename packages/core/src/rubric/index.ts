export { loadRubric, loadRubricText, pathString, rubricFacts, type LoadedRubric, type LoadOptions } from './load.js';
export { builtinRubricDir, builtinRubricIds, builtinRubricPath } from './paths.js';
export { RubricError, isRubricError, formatProblem, RUBRIC_CODES, type RubricCode, type RubricProblem } from './problems.js';
export { RUBRIC_LIMITS, parseRubricSource } from './source.js';
export { canonicalJson, sha256Hex } from './canonical.js';
export { STATUS_VALUES, CHECKLIST_VALUES, PUBLICATION_STATUS, valueKeys, valueJsonSchema } from './kinds.js';
export { factDataSchema, factDataTypes, factTypeName } from './fact-data.js';
