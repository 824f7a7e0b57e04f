import { createHash } from 'node:crypto';
import type { FoldCount } from './chars.js';
import { lowerBound, type SourceDocument, type SourceFormat } from '@fazhi/core';
import { readerError } from './errors.js';
import { extractMeta } from './meta.js';
import { buildView, foldText, type ViewOptions } from './normalize.js';

export interface Extracted {
  format: SourceFormat;
  encoding: string;
  text: string;
  pages?: number[];
  paragraphs?: number[];
  /** Ranges of the ORIGINAL text that are page chrome (HTML nav/header/footer…), dropped from the view. */
  chrome?: Array<[number, number]>;
  joinLines?: boolean;
  /** A web page: after the last body paragraph keep only report-like lines (signature, dates, items). */
  trimTail?: boolean;
  warnings?: Array<{ code: string; message: string }>;
  /** `foldAndCount(text)` when the decoder already computed it. */
  folded?: FoldCount;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Original text → SourceDocument (view, offset runs, metadata). */
export async function assemble(file: string, bytes: Uint8Array, x: Extracted): Promise<SourceDocument> {
  if (!/\S/.test(x.text)) throw readerError('E_EMPTY_FILE', file);
  const folded = await foldText(x.text, x.folded);
  const opts: ViewOptions = { joinLines: x.joinLines, trimTail: x.trimTail };
  if (x.chrome?.length) {
    // Original ranges → folded ranges (map is monotonic).
    const map = folded.map;
    const toFolded = (o: number) => (map ? lowerBound(map, o) : o);
    opts.dropRanges = x.chrome.map(([a, b]) => [toFolded(a), toFolded(b)] as [number, number]).filter(([a, b]) => b > a);
  }
  const built = buildView(folded, opts);
  const warnings = [...(x.warnings ?? [])];
  if (built.droppedLines) warnings.push({ code: 'W_CHROME_REMOVED', message: `视图中去除了 ${built.droppedLines} 行网页栏目、元数据或页脚 / ${built.droppedLines} chrome or metadata lines left out of the view` });
  if (built.artefacts) warnings.push({ code: 'W_WORD_ARTEFACT', message: `视图中去除了 ${built.artefacts} 处 Word 书签等残留 / ${built.artefacts} Word artefacts left out of the view` });
  if (folded.converted) warnings.push({ code: 'W_SCRIPT_CONVERTED', message: '视图已由繁体转换为简体（原文不变）/ the view was converted to simplified script' });
  const { meta, warnings: mw } = extractMeta({ text: x.text, folded, layout: built.layout, view: built.view });
  warnings.push(...mw);
  const doc: SourceDocument = {
    schemaVersion: 1,
    file,
    sha256: sha256(bytes),
    format: x.format,
    encoding: x.encoding,
    bytes: bytes.length,
    text: x.text,
    view: built.view,
    offsets: built.offsets,
    ...(x.pages ? { pages: x.pages } : {}),
    ...(x.paragraphs ? { paragraphs: x.paragraphs } : {}),
    meta,
    warnings,
  };
  return doc;
}
