export * from './schemas/evidence.js';
export * from './schemas/source.js';
export * from './schemas/rubric.js';
export * from './schemas/factset.js';
export * from './schemas/scorecard.js';
export * from './errors.js';
export * from './version.js';
export * from './schemas/batch.js';
