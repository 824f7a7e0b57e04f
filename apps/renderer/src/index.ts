// Rendering API (Scorecard + Rubric → HTML/PDF/XLSX/CSV) and the batch pipeline. The renderer
// never scores: it reads Scorecards (and FactSets only to pass them to the scorer's batch step).
export { renderScorecardHtml, scorecardView, type RubricLike, type ScorecardHtmlOptions } from './html/scorecard.js';
export { jsonForScript } from './html/templates.js';
export { labels, parseLang, type Lang } from './i18n.js';
export { PdfPrinter, renderPdf, findChromium, fontFaceCss, noChromiumError, CHROMIUM_ARGS } from './pdf.js';
