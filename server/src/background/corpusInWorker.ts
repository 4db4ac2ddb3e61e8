// The server's corpus loader: the same loader as the CLI's and the tests', run in a worker thread
// so that no request waits while 100,000 papers are read and merged. If the worker cannot run
// (not bundled, or it died), loads happen in-process instead, with the same results.
import type { Worker } from 'node:worker_threads';
import { createNodeHost } from '../node/nodeHost';
import { createLocalCorpusLoader, type CorpusLoader, type CorpusLoadRequest, type CorpusLoadResult } from '../service/corpusLoading';
import { unpackCorpusLoad, type PackedAbstracts } from '../service/corpusTransfer';
import type { SearchSnapshot } from '../core/search/snapshot';
import type { KeyMemory } from '../core/corpus/keys';
import type { CorpusWorkerReply, CorpusWorkerRequest } from './corpusProtocol';
import { spawnCorpusWorker, takeCorpusWorker } from './corpusWorkerThread';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** For a load: the request to send again, without the packed cache, if its answer cannot be unpacked. */
  retry?: CorpusLoadRequest;
}

export interface WorkerCorpusLoader extends CorpusLoader {
  /** The cache folder is known (the client names it at initialize): the worker reads the packed cache now. */
  open(): void;
}

/**
 * Takes the worker server.ts started first thing (corpusWorkerThread.ts), else starts one.
 * cacheDir is asked at open(), or at the first request if open() was not called.
 */
export function createWorkerCorpusLoader(cacheDir: () => string | undefined): WorkerCorpusLoader {
  let worker: Worker | undefined;
  /** Whether this worker has been told the cache folder (its first message). */
  let opened = false;
  let local: ReturnType<typeof createLocalCorpusLoader> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Loads whose abstract index is still being built in the worker. */
  const abstractsPending = new Map<number, (search: SearchSnapshot | undefined) => void>();
  /** Loads whose abstract texts the worker sends after the rest (a warm start). */
  const textsPending = new Map<number, (texts: PackedAbstracts | undefined) => void>();

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    // The server indexes the abstracts itself then.
    for (const resolve of abstractsPending.values()) resolve(undefined);
    abstractsPending.clear();
    for (const resolve of textsPending.values()) resolve(undefined);
    textsPending.clear();
  }

  function start(): Worker | undefined {
    if (worker || local) return worker;
    const started = takeCorpusWorker() ?? spawnCorpusWorker();
    if (!started) {
      local = createLocalCorpusLoader(createNodeHost({ cacheDir }));
      return undefined;
    }
    opened = false;
    started.on('message', (reply: CorpusWorkerReply) => {
      if (reply.type === 'abstractTexts') {
        textsPending.get(reply.id)?.(reply.texts);
        textsPending.delete(reply.id);
        return;
      }
      if (reply.type === 'abstracts') {
        abstractsPending.get(reply.id)?.(reply.search);
        abstractsPending.delete(reply.id);
        return;
      }
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.type === 'failed') waiting.reject(new Error(`corpus load failed: ${reply.message}`));
      else if (reply.type === 'loaded') {
        try {
          const result = unpackCorpusLoad(reply.packed);
          // Until now the worker waited, leaving the cores to this thread. Told on the next turn:
          // the service's continuation (restoring the index, its warm-up, "ready" once the notes
          // are in) runs first, in this turn's microtasks. Told at once, the worker's reading of
          // the abstract words competed with it and restoring and warming up took 0.36 s instead of 0.22 s (100k, idle).
          setImmediate(() => started.postMessage({ type: 'received', id: reply.id } satisfies CorpusWorkerRequest));
          result.search = reply.search;
          if (reply.abstractsToFollow) result.abstracts = new Promise((resolve) => abstractsPending.set(reply.id, resolve));
          if (reply.abstractTextsToFollow) {
            result.abstractTexts = { lengths: reply.packed.abstractLengths, arriving: new Promise((resolve) => textsPending.set(reply.id, resolve)) };
          }
          waiting.resolve(result);
        } catch (error) {
          // A packed cache that does not unpack is never trusted: load again without it.
          if (waiting.retry) ask<CorpusLoadResult>({ type: 'load', request: waiting.retry }).then(waiting.resolve, waiting.reject);
          else waiting.reject(error as Error);
        }
      } else if (reply.type === 'keyMemory') waiting.resolve(reply.memory);
      else waiting.resolve(undefined);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', () => {
      // A worker that stopped (out of memory, killed) fails what it had; the next load starts a new one.
      if (worker === started) worker = undefined;
      failAll(new Error('the corpus worker stopped'));
    });
    return (worker = started);
  }

  function openWorker(target: Worker): void {
    if (opened) return;
    opened = true;
    target.postMessage({ type: 'open', cacheDir: cacheDir() } satisfies CorpusWorkerRequest);
  }

  function ask<T>(request: { type: 'load'; request: CorpusLoadRequest } | { type: 'writeCache' } | { type: 'keyMemory' }): Promise<T> {
    const target = start();
    if (!target) throw new Error('no worker');
    openWorker(target);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const retry = request.type === 'load' && !request.request.skipPackedCache ? { ...request.request, skipPackedCache: true } : undefined;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, retry });
      target.postMessage({ ...request, id } as CorpusWorkerRequest);
    });
  }

  // Listening from now on: a worker that fails to start fails no request, the first load starts another.
  start();

  return {
    open() {
      const target = start();
      if (target) openWorker(target);
    },
    async load(request) {
      if (!start() && local) return local.loadNow(request);
      return ask<CorpusLoadResult>({ type: 'load', request });
    },
    async writeCache() {
      if (!start() && local) return local.writeCacheNow();
      await ask<void>({ type: 'writeCache' });
    },
    async keyMemory() {
      if (!start() && local) return local.keyMemoryNow();
      return ask<KeyMemory | undefined>({ type: 'keyMemory' });
    },
    dispose() {
      failAll(new Error('the corpus loader was disposed'));
      void worker?.terminate();
      worker = undefined;
    },
  };
}
