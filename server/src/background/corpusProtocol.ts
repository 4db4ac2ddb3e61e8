// Messages between the server and the corpus worker (corpusWorker.ts).
import type { CorpusLoadRequest } from '../service/corpusLoading';
import type { PackedCorpusLoad } from '../service/corpusTransfer';

/** Given to the worker when it starts. */
export interface CorpusWorkerData {
  /** Folder of the warm-start cache, or none (no cache). */
  cacheDir: string | undefined;
}

export type CorpusWorkerRequest = { type: 'load'; id: number; request: CorpusLoadRequest } | { type: 'writeCache'; id: number };

export type CorpusWorkerReply =
  | { type: 'loaded'; id: number; packed: PackedCorpusLoad }
  | { type: 'cacheWritten'; id: number }
  | { type: 'failed'; id: number; message: string };
