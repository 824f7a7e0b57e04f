// @fazhi/extract — SourceDocument × rubric.facts → FactSet, with verbatim evidence.
export { compileExtractor, extractFacts, toContract, type Extractor, type LoadedRubricLike } from './extractor.js';
export { parseNumber, parseChineseNumeral, scanNumbers, type NumberToken } from './numbers.js';
export { classifyHeading, readStructure, type Heading, type Structure } from './structure.js';
export { modalityAt, spanAround } from './modality.js';
export { documentFromText, foldWidth, OffsetMap, LineIndex, EvidenceFactory } from './doc.js';
