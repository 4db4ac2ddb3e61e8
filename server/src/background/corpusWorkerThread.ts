// The corpus worker's thread, started by dist/server.js (serverEntry.ts) before the server's
// bundle is even compiled: the thread and its bundle take about 60 ms of CPU to start, which then
// overlaps the server's own start instead of following it. Nothing here imports more than
// Node's modules, so the entry stays small.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Where the worker's bundle is: next to the server's (dist/). */
const workerFile = () => path.join(__dirname, 'corpusWorker.js');

/**
 * Where the worker started early waits to be taken: on the process's global object, since the
 * entry (dist/server.js, serverEntry.ts) that starts it and the server bundle that takes it
 * (dist/serverMain.js) each have their own copy of this module.
 */
const EARLY = Symbol.for('litnotes.corpusWorker.early');
const holder = globalThis as { [EARLY]?: Worker };

/** A new corpus worker, or undefined when its bundle is not there (running from sources): load in-process then. */
export function spawnCorpusWorker(): Worker | undefined {
  if (!fs.existsSync(workerFile())) return undefined;
  const worker = new Worker(workerFile());
  // The server may exit while the worker is idle.
  worker.unref();
  return worker;
}

/** Starts the worker now, for takeCorpusWorker to hand over. */
export function startCorpusWorkerEarly(): void {
  try {
    if (holder[EARLY]) return;
    const early = spawnCorpusWorker();
    // Until the loader listens: a worker that fails to start is then seen as stopped.
    early?.on('error', () => {});
    holder[EARLY] = early;
  } catch {
    holder[EARLY] = undefined;
  }
}

/** The worker started early, once (a worker that stopped is replaced by spawnCorpusWorker). */
export function takeCorpusWorker(): Worker | undefined {
  const worker = holder[EARLY];
  holder[EARLY] = undefined;
  return worker;
}
