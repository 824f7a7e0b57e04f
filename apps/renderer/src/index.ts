// Rendering API (Scorecard + Rubric → HTML/PDF/XLSX/CSV) and the batch pipeline. Rendering never
// scores: it reads Scorecards; scoring is delegated to @fazhi/scorer (pipeline.ts, batch.ts).
export { renderScorecardHtml, scorecardView, type RubricLike, type ScorecardHtmlOptions } from './html/scorecard.js';
export { jsonForScript } from './html/templates.js';
export { labels, parseLang, type Lang } from './i18n.js';
export { PdfPrinter, renderPdf, findChromium, fontFaceCss, noChromiumError, CHROMIUM_ARGS } from './pdf.js';
export { renderDashboardHtml, dashboardView, type DashboardInput } from './html/dashboard.js';
export { scoresCsv, scoresXlsx, scoreRows, safeCellText, type TableInput, type RubricGroup } from './tables.js';
export { scoreFile, scoreDocument, scoreFileAuto, extractorFor, fingerprintOf, type ScoredFile, type ScoreFileOptions } from './pipeline.js';
export { RubricSelector, parseRubricMap, presetFor, AUTO, MAP_KEYS, UNKNOWN_NOTE, type RubricChoice, type RubricMap } from './rubric-auto.js';
export { runBatch, collectInputs, rubricGroups, type BatchOptions, type BatchSummary, type ProgressEvent } from './batch.js';
export { writeFileAtomic } from './fs-atomic.js';
