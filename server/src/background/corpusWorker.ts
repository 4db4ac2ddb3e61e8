// The corpus load in a worker thread (dist/corpusWorker.js): reading, parsing and merging the
// corpus files and the warm-start cache happen here, off the server's event loop; the papers go
// back packed as a few strings. The loader keeps its state (each file's last good load, the
// previous corpus's keys) between loads, so the worker lives as long as the server.
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeHost } from '../node/nodeHost';
import { createLocalCorpusLoader } from '../service/corpusLoading';
import type { CorpusWorkerData, CorpusWorkerReply, CorpusWorkerRequest } from './corpusProtocol';

const { cacheDir } = workerData as CorpusWorkerData;
const loader = createLocalCorpusLoader(createNodeHost({ cacheDir: () => cacheDir }), { packedCache: true, searchIndex: true });
/** Brings the loader's state up to date after a load served from the packed cache. */
let settle: (() => void) | undefined;
const settleNow = () => {
  const run = settle;
  settle = undefined;
  try {
    run?.();
  } catch {
    // The next load starts from nothing remembered, abstracts are indexed by the server: slower, not wrong.
  }
};
const port = parentPort!;
const send = (reply: CorpusWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

port.on('message', (message: CorpusWorkerRequest) => {
  settleNow();
  try {
    if (message.type === 'load') {
      const loaded = loader.loadPacked(message.request);
      // Copied, not transferred: the loader keeps the packed corpus to write the cache later.
      const { indexAbstracts, abstractTexts } = loaded;
      send({ type: 'loaded', id: message.id, packed: loaded.packed, search: loaded.search, abstractsToFollow: indexAbstracts !== undefined, abstractTextsToFollow: abstractTexts !== undefined });
      settle = () => {
        if (abstractTexts) {
          let texts;
          try {
            texts = abstractTexts();
          } finally {
            send({ type: 'abstractTexts', id: message.id, texts });
          }
        }
        loaded.settle?.();
        if (!indexAbstracts) return;
        let search;
        try {
          search = indexAbstracts();
        } finally {
          send({ type: 'abstracts', id: message.id, search });
        }
      };
      setImmediate(settleNow);
    } else if (message.type === 'keyMemory') {
      send({ type: 'keyMemory', id: message.id, memory: loader.keyMemoryNow() });
    } else {
      loader.writeCacheNow();
      send({ type: 'cacheWritten', id: message.id });
    }
  } catch (error) {
    send({ type: 'failed', id: message.id, message: (error as Error).stack ?? String(error) });
  }
});
