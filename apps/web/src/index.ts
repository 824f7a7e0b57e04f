// @fazhi/web: the self-check web app (`fazhi serve`).
export { buildApp, startServer, DEFAULTS, PAGE_CSP, VIEW_CSP, type ServerOptions, type RunningServer } from './server.js';
export { sniff, zipEntries, readerFileName, type SniffedFormat, type SniffLimits } from './sniff.js';
export { WorkerPool, InlineExecutor, createExecutor, type Executor } from './pool.js';
export { RubricCatalog, type RubricInfo } from './rubrics.js';
export { SharedPdf, findChromium, type PdfService } from './pdf.js';
export { WebError, toApiError, type ApiError } from './errors.js';
export type { Job, JobResult, ScoreJob, ScoreResult, RubricRef } from './pipeline.js';
