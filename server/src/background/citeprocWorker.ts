// citeproc-js in a worker thread (dist/citeprocWorker.js): building a style's engine takes
// seconds on a busy machine and rendering a long note hundreds of milliseconds, so neither runs
// on the server's event loop. Jobs come one at a time (the server queues them) as plain data.
import { parentPort } from 'node:worker_threads';
import { runCiteprocJob } from './citeprocJobs';
import type { CiteprocReply, CiteprocRequest } from './citeprocProtocol';

const port = parentPort!;

port.on('message', ({ id, job }: CiteprocRequest) => {
  let reply: CiteprocReply;
  try {
    reply = { id, ok: true, value: runCiteprocJob(job) };
  } catch (error) {
    reply = { id, ok: false, message: (error as Error).message ?? String(error) };
  }
  port.postMessage(reply);
});
