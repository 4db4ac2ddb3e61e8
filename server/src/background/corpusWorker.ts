// The corpus load in a worker thread (dist/corpusWorker.js): reading, parsing and merging the
// corpus files and the warm-start cache happen here, off the server's event loop; the papers go
// back packed as a few strings. The loader keeps its state (each file's last good load, the
// previous corpus's keys) between loads, so the worker lives as long as the server.
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeHost } from '../node/nodeHost';
import { createLocalCorpusLoader } from '../service/corpusLoading';
import { packCorpusLoad } from '../service/corpusTransfer';
import type { CorpusWorkerData, CorpusWorkerReply, CorpusWorkerRequest } from './corpusProtocol';

const { cacheDir } = workerData as CorpusWorkerData;
const loader = createLocalCorpusLoader(createNodeHost({ cacheDir: () => cacheDir }));
const port = parentPort!;
const send = (reply: CorpusWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

port.on('message', (message: CorpusWorkerRequest) => {
  try {
    if (message.type === 'load') {
      const packed = packCorpusLoad(loader.loadNow(message.request));
      send({ type: 'loaded', id: message.id, packed }, [packed.abstractLengths.buffer as ArrayBuffer]);
    } else {
      loader.writeCacheNow();
      send({ type: 'cacheWritten', id: message.id });
    }
  } catch (error) {
    send({ type: 'failed', id: message.id, message: (error as Error).stack ?? String(error) });
  }
});
