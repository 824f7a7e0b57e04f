import { FazhiError, isFazhiError } from '@fazhi/core';

/** What the API answers for any failure: a stable code and a zh-CN message a clerk can act on. */
export interface ApiError {
  code: string;
  message: string;
  file?: string;
}

/** HTTP status per error code. Unknown FazhiError codes are input problems (422). */
const STATUS: Record<string, number> = {
  E_EMPTY_FILE: 400,
  E_NO_INPUT: 400,
  E_BAD_REQUEST: 400,
  E_UNKNOWN_RUBRIC: 400,
  E_FILE_TOO_LARGE: 413,
  E_TOO_MANY_FILES: 413,
  E_DOCX_TOO_LARGE: 413,
  E_TOO_COMPLEX: 413,
  E_UNSUPPORTED_FORMAT: 415,
  E_BINARY: 415,
  E_NOT_ACCEPTABLE: 406,
  E_BUSY: 503,
  E_TIMEOUT: 504,
  E_NOT_IMPLEMENTED: 501,
  E_PDF_UNAVAILABLE: 503,
  E_NO_CHROMIUM: 503,
  E_CHROMIUM_LAUNCH: 503,
  E_INTERNAL: 500,
  E_NOT_FOUND: 404,
};

/** Messages for codes the web layer raises itself (the reader's own messages are kept as they are). */
export const MESSAGES: Record<string, string> = {
  E_EMPTY_FILE: '文件为空（0 字节或只有空白）。请选择写好的报告文件，或粘贴报告全文。',
  E_NO_INPUT: '没有收到报告：请选择文件（字段 file），或粘贴报告全文（字段 text）。',
  E_UNSUPPORTED_FORMAT:
    '无法识别的文件类型（按文件内容判断，而非扩展名）。支持 .docx、.doc、.pdf、.txt、.html；如为图片或扫描件，请另存为 Word 或文字版 PDF。',
  E_BINARY: '文件内容不是文字（可能是图片、压缩包或程序文件）。请上传 Word、PDF、网页或纯文本格式的报告。',
  E_ENCODING: '无法识别文本编码。请用 UTF-8 或 GB18030（GBK）编码另存为 .txt 后重试。',
  E_PDF_CORRUPT: 'PDF 文件已损坏或不完整（缺少文件结尾）。请重新导出 PDF，或改传 Word 文件。',
  E_DOCX_CORRUPT: 'Word 文件已损坏（不是完整的 .docx 压缩包）。请在 Word/WPS 中重新另存为 .docx。',
  E_TIMEOUT: '处理超时。报告过长或文件异常，请稍后重试，或改传纯文本。',
  E_BUSY: '服务器繁忙，请稍后重试。',
  E_INTERNAL: '服务器内部错误，评估未完成。请稍后重试；如反复出现，请把错误编号告诉管理员。',
  E_NOT_ACCEPTABLE: '不支持请求的输出格式。可选：html、json、pdf。',
  E_PDF_UNAVAILABLE: '本机未找到 Chromium 浏览器，无法生成 PDF。请下载 HTML 版后用浏览器打印，或请管理员安装 chromium。',
  E_NOT_FOUND: '没有这个地址。',
};

export class WebError extends FazhiError {
  constructor(code: string, message = MESSAGES[code] ?? code, where: { file?: string } = {}) {
    super(code, message, where);
  }
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

/** Turns anything thrown into an ApiError. Never leaks a stack: non-FazhiErrors become E_INTERNAL. */
export function toApiError(e: unknown, fileName?: string): { status: number; body: ApiError; internal?: unknown } {
  const plain = e as { code?: unknown; message?: unknown; fazhi?: boolean; file?: unknown } | null;
  if (isFazhiError(e) || (plain && plain.fazhi === true && typeof plain.code === 'string')) {
    const code = String(plain!.code);
    const message = typeof plain!.message === 'string' && plain!.message ? plain!.message : MESSAGES[code] ?? code;
    const file = typeof plain!.file === 'string' ? plain!.file : fileName;
    return { status: statusOf(code), body: { code, message, ...(file ? { file } : {}) } };
  }
  return { status: 500, body: { code: 'E_INTERNAL', message: MESSAGES.E_INTERNAL!, ...(fileName ? { file: fileName } : {}) }, internal: e };
}

/** Errors cross the thread boundary as plain objects; `fazhi` marks user errors (no stack needed). */
export function serializeError(e: unknown): { fazhi: boolean; code: string; message: string; file?: string; stack?: string } {
  if (isFazhiError(e)) return { fazhi: true, code: e.code, message: e.message, file: e.file };
  const err = e as Error | undefined;
  return { fazhi: false, code: 'E_INTERNAL', message: String(err?.message ?? e), stack: err?.stack };
}

