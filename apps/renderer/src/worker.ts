// Worker-thread entry for `fazhi batch --jobs N`: loads the rubric selector once (each rubric it
// picks is loaded and compiled once per thread), then scores files sent by the main thread and
// writes their HTML and JSON. PDFs stay in the main thread (one browser). What goes back is the
// card's summary and its compact fingerprint (typed arrays, moved rather than copied).
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, processFile, type ContextInit, type FileJob } from './batch.js';

const ctx = loadContext(workerData as ContextInit);
parentPort?.on('message', async (job: FileJob) => {
  const r = await processFile(job, ctx);
  const moved = r.ok && r.fingerprint ? [r.fingerprint.shingles.buffer, r.fingerprint.sentences.buffer] : [];
  parentPort!.postMessage(r, moved as ArrayBuffer[]);
});
