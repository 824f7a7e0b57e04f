// Worker-thread entry: scores one job at a time, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { serializeError } from './errors.js';
import { runJob, type Job } from './pipeline.js';

export interface WorkerRequest {
  id: number;
  job: Job;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async ({ id, job }: WorkerRequest) => {
    try {
      const result = await runJob(job);
      port.postMessage({ id, ok: true, result });
    } catch (e) {
      port.postMessage({ id, ok: false, error: serializeError(e) });
    }
  });
}
