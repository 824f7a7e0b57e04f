import { FazhiError } from '@fazhi/core';

/** Reader error codes with a zh-CN message (English second) that names the file and says what to do. */
const MESSAGES: Record<string, (file: string, detail?: string) => string> = {
  E_EMPTY_FILE: (f) => `文件为空或没有可读文字：${f}。请确认导出的报告正文不为空后重试。 / The file is empty: ${f}. Export the report with its text and try again.`,
  E_BINARY: (f) => `文件看起来是二进制数据而不是文本：${f}。请另存为 .txt（UTF-8）、.docx 或 .pdf 后重试。 / ${f} looks like binary data, not text; save it as .txt (UTF-8), .docx or .pdf.`,
  E_UNSUPPORTED_FORMAT: (f, d) => `不支持的文件格式${d ? `（${d}）` : ''}：${f}。支持 .txt、.html/.htm、.docx、.doc、.pdf。 / Unsupported format${d ? ` (${d})` : ''}: ${f}; use .txt, .html, .docx, .doc or .pdf.`,
  E_DOCX_CORRUPT: (f, d) => `Word 文件已损坏或不是有效的 .docx：${f}${d ? `（${d}）` : ''}。请用 Word/WPS 打开后另存为 .docx 再试。 / ${f} is not a valid .docx; re-save it from Word/WPS.`,
  E_DOC_CORRUPT: (f, d) => `旧版 Word (.doc) 文件无法读取：${f}${d ? `（${d}）` : ''}。请另存为 .docx 再试。 / ${f} could not be read as .doc; save it as .docx.`,
  E_DOCX_TOO_LARGE: (f, d) => `Word 文件解压后过大${d ? `（${d}）` : ''}，可能是压缩炸弹：${f}。请删除图片等附件后另存为 .docx 或 .txt 再试。 / ${f} inflates too much (possible zip bomb); remove embedded media or save as .txt.`,
  E_PDF_ENCRYPTED: (f) => `PDF 文件已加密，需要密码才能读取：${f}。请去除密码保护（或另存为无密码的 PDF）后重试。 / ${f} is encrypted; save an unprotected copy and try again.`,
  E_PDF_NO_TEXT: (f) => `PDF 没有文字层（可能是扫描件或图片）：${f}。请先进行文字识别（OCR）或提供 Word/文本版本。 / ${f} has no text layer (a scan?); run OCR or supply the Word/text version.`,
  E_PDF_CORRUPT: (f, d) => `PDF 文件已损坏，无法读取：${f}${d ? `（${d}）` : ''}。请重新导出 PDF 或提供 Word/文本版本。 / ${f} is a damaged PDF; export it again or supply the Word/text version.`,
  E_ENCODING: (f) => `无法识别文件的文字编码：${f}。请另存为 UTF-8 编码的 .txt 再试。 / Cannot determine the text encoding of ${f}; save it as UTF-8.`,
  E_FILE_TOO_LARGE: (f, d) => `文件过大${d ? `（${d}）` : ''}：${f}。请拆分报告或去掉附件，或用 maxBytes 选项调高上限。 / ${f} is too large${d ? ` (${d})` : ''}; split it or raise the maxBytes limit.`,
  E_READ_FAILED: (f, d) => `无法读取文件：${f}${d ? `（${d}）` : ''}。请检查路径和权限。 / Cannot read ${f}${d ? ` (${d})` : ''}; check the path and permissions.`,
};

export function readerError(code: keyof typeof MESSAGES | string, file: string, detail?: string): FazhiError {
  const make = MESSAGES[code];
  return new FazhiError(code, make ? make(file, detail) : `${file}: ${detail ?? code}`, { file });
}
