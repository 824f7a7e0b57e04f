// Worker-thread entry for `fazhi batch --jobs N`: loads the rubric once, then scores files sent
// by the main thread and writes their HTML and JSON. PDFs stay in the main thread (one browser).
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, processFile, type FileJob } from './batch.js';

const init = workerData as { rubric: string; overrides?: string };
const ctx = loadContext(init.rubric, init.overrides);
parentPort?.on('message', async (job: FileJob) => {
  parentPort!.postMessage(await processFile(job, ctx));
});
