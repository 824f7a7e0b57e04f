import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { WebError, serializeError } from './errors.js';
import { runJob, type Job, type JobResult } from './pipeline.js';

/** Runs scoring jobs with a time limit. `threads` keeps them off the request path. */
export interface Executor {
  readonly mode: 'threads' | 'inline';
  readonly size: number;
  run(job: Job, timeoutMs: number): Promise<JobResult>;
  close(): Promise<void>;
}

type Serialized = ReturnType<typeof serializeError>;

/** Rebuilds an error sent by a worker: user errors keep their code; others become E_INTERNAL (stack stays in the log). */
export function reviveError(s: Serialized): Error {
  if (s.fazhi) return new WebError(s.code, s.message, { file: s.file });
  const e = new Error(s.message);
  e.stack = s.stack;
  return e;
}

const timeoutError = (ms: number) =>
  new WebError('E_TIMEOUT', `处理超过 ${Math.round(ms / 1000)} 秒仍未完成，已停止。报告过长或文件异常，请稍后重试，或改传纯文本。`);

/** Same process, same code path; used when no built worker file exists (tests run from source). */
export class InlineExecutor implements Executor {
  readonly mode = 'inline' as const;
  readonly size = 1;
  async run(job: Job, timeoutMs: number): Promise<JobResult> {
    let timer: NodeJS.Timeout | undefined;
    const t = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([runJob(job), t]);
    } catch (e) {
      // Errors from a job run inline are already real errors; mimic the thread boundary.
      const s = serializeError(e);
      throw s.fazhi || (e as WebError)?.code === 'E_TIMEOUT' ? e : reviveError(s);
    } finally {
      clearTimeout(timer);
    }
  }
  async close(): Promise<void> {}
}

interface Task {
  id: number;
  job: Job;
  resolve: (r: JobResult) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
  slot?: Slot;
}
interface Slot {
  worker: Worker;
  task?: Task;
}

export interface PoolOptions {
  size?: number;
  /** Most jobs waiting for a worker before new ones get E_BUSY. */
  maxQueue?: number;
  /** Heap cap per worker, so one hostile file cannot take the machine's memory. */
  maxHeapMb?: number;
  workerFile?: string | URL;
}

/** A fixed pool of worker threads; a worker that times out or dies is replaced. */
export class WorkerPool implements Executor {
  readonly mode = 'threads' as const;
  readonly size: number;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly maxQueue: number;
  private readonly maxHeapMb: number;
  private readonly file: string | URL;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.maxQueue = opts.maxQueue ?? 1000;
    this.maxHeapMb = opts.maxHeapMb ?? 1024;
    this.file = opts.workerFile ?? defaultWorkerFile()!;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    const slot: Slot = { worker };
    worker.on('message', (m: { id: number; ok: boolean; result?: JobResult; error?: Serialized }) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      this.finish(slot);
      clearTimeout(task.timer);
      if (m.ok) task.resolve(m.result!);
      else task.reject(reviveError(m.error!));
    });
    const die = (err: unknown) => {
      const task = slot.task;
      this.replace(slot);
      if (task) {
        clearTimeout(task.timer);
        const oom = (err as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        task.reject(
          oom
            ? new WebError('E_TOO_COMPLEX', '文件处理所需内存超出上限，已停止。请检查文件是否异常（如超大图片、嵌入对象），精简后重试。')
            : err instanceof Error
              ? err
              : new Error(String(err)),
        );
      }
    };
    worker.on('error', die);
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) die(new Error(`worker exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    slot.task = undefined;
    if (i < 0) return;
    this.slots.splice(i, 1);
    void slot.worker.terminate();
    if (!this.closed) {
      this.slots.push(this.spawn());
      this.pump();
    }
  }

  private finish(slot: Slot): void {
    slot.task = undefined;
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      task.slot = slot;
      slot.worker.postMessage({ id: task.id, job: task.job });
    }
  }

  run(job: Job, timeoutMs: number): Promise<JobResult> {
    if (this.closed) return Promise.reject(new WebError('E_BUSY', '服务正在关闭，请稍后重试。'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new WebError('E_BUSY'));
    return new Promise<JobResult>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        job,
        resolve,
        reject,
        timer: setTimeout(() => {
          if (task.slot) this.replace(task.slot); // a stuck parse is stopped, not waited for
          else this.queue.splice(this.queue.indexOf(task), 1);
          reject(timeoutError(timeoutMs));
        }, timeoutMs),
      };
      this.queue.push(task);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) {
      clearTimeout(t.timer);
      t.reject(new WebError('E_BUSY', '服务正在关闭，请稍后重试。'));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

/** The built worker next to this module (dist/worker.js), or undefined when running from source. */
export function defaultWorkerFile(): string | undefined {
  const url = new URL('./worker.js', import.meta.url);
  if (url.protocol !== 'file:') return undefined;
  const p = fileURLToPath(url);
  return import.meta.url.endsWith('.js') && existsSync(p) ? p : undefined;
}

/** Threads when the built worker exists, else inline (with a note in the log). */
export function createExecutor(opts: { workers?: number; maxQueue?: number; maxHeapMb?: number } = {}): Executor {
  const file = defaultWorkerFile();
  if (opts.workers === 0 || !file) return new InlineExecutor();
  return new WorkerPool({ size: opts.workers, maxQueue: opts.maxQueue, maxHeapMb: opts.maxHeapMb, workerFile: file });
}
