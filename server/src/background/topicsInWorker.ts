// Runs the topic build (phrases, similarity, clusters) in a worker thread so no request waits
// on it. Plain data in and out: the papers' topic inputs go over in chunks (a single huge
// message would stop the event loop while it is copied), the result comes back in one.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { buildTopicData, type BuildStep, type TopicBuild, type TopicInputPaper } from '../core/topics/build';
import type { WorkerReply, WorkerRequest } from './topicsProtocol';

export interface TopicJob {
  result: Promise<TopicBuild>;
  /** Stops the build (the corpus changed); the result then rejects. */
  cancel(): void;
}

/** Papers per message to the worker: each copy stays a few milliseconds. */
const CHUNK = 2000;

/** Where the worker's bundle is: next to the server's (dist/). */
const workerFile = () => path.join(__dirname, 'topicsWorker.js');

/**
 * Starts the build of `count` papers; `inputOf(i)` is asked for each paper while they are
 * sent, a chunk at a time, so even preparing the input never holds the event loop long.
 */
export function buildTopicsInWorker(count: number, inputOf: (index: number) => TopicInputPaper, progress: (step: BuildStep) => void = () => {}): TopicJob {
  if (!fs.existsSync(workerFile())) {
    // Not bundled (running from sources): build here, after the current request.
    let cancelled = false;
    const result = new Promise<TopicBuild>((resolve, reject) =>
      setImmediate(() => (cancelled ? reject(new Error('cancelled')) : resolve(buildTopicData(Array.from({ length: count }, (_, i) => inputOf(i)), progress)))),
    );
    return { result, cancel: () => (cancelled = true) };
  }
  // A bound on the build's heap: a corpus far beyond what was measured (100k papers: about
  // 450 MB at its peak) stops the build with a message instead of the machine's memory.
  const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: 1536 } });
  let settled = false;
  let cancelled = false;
  const result = new Promise<TopicBuild>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') progress({ step: reply.step, done: reply.done });
      else if (reply.type === 'done') {
        settled = true;
        resolve(reply.build);
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(`topic build failed: ${reply.message}`));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', () => {
      if (!settled) reject(new Error(cancelled ? 'cancelled' : 'topic worker stopped'));
    });
  });
  void (async () => {
    for (let start = 0; start < count && !cancelled; start += CHUNK) {
      const papers = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => inputOf(start + k));
      worker.postMessage({ type: 'papers', papers } satisfies WorkerRequest);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!cancelled) worker.postMessage({ type: 'build' } satisfies WorkerRequest);
  })();
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
