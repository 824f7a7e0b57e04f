/**
 * A user-facing error: a stable code, a message a clerk can act on (zh-CN), and where it happened.
 * The CLI prints these without a stack trace.
 */
export class FazhiError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;

  constructor(code: string, message: string, where: { file?: string; line?: number; col?: number } = {}) {
    super(message);
    this.name = 'FazhiError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.col = where.col;
  }

  /** `file:line:col CODE message`, the one format every command prints. */
  format(): string {
    const loc = this.file ? `${this.file}${this.line ? `:${this.line}:${this.col ?? 1}` : ''}: ` : '';
    return `${loc}${this.code} ${this.message}`;
  }

  toJSON(): { code: string; message: string; file?: string; line?: number; col?: number } {
    return { code: this.code, message: this.message, file: this.file, line: this.line, col: this.col };
  }
}

export const isFazhiError = (e: unknown): e is FazhiError => e instanceof FazhiError;
