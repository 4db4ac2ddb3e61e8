// Messages between the server and the corpus worker (corpusWorker.ts).
import type { CorpusLoadRequest } from '../service/corpusLoading';
import type { KeyMemory } from '../core/corpus/keys';
import type { SearchSnapshot } from '../core/search/snapshot';
import type { PackedAbstracts, PackedCorpusLoad } from '../service/corpusTransfer';

export type CorpusWorkerRequest =
  /** First of all (the worker starts before the client names the folder): the warm-start cache's folder, or none; the worker reads the packed cache at once. */
  | { type: 'open'; cacheDir: string | undefined }
  | { type: 'load'; id: number; request: CorpusLoadRequest }
  /** The server has unpacked the load: what follows it (abstract words, texts) may come now without competing. */
  | { type: 'received'; id: number } | { type: 'writeCache'; id: number } | { type: 'keyMemory'; id: number };

export type CorpusWorkerReply =
  | { type: 'loaded'; id: number; packed: PackedCorpusLoad; search?: SearchSnapshot; abstractsToFollow: boolean; abstractTextsToFollow: boolean }
  /** The abstract texts `packed` came without, for the load with this id (none: they could not be read). */
  | { type: 'abstractTexts'; id: number; texts?: PackedAbstracts }
  /** The search index with abstract words, for the load with this id (none: the server indexes them). */
  | { type: 'abstracts'; id: number; search?: SearchSnapshot }
  | { type: 'cacheWritten'; id: number }
  | { type: 'keyMemory'; id: number; memory: KeyMemory | undefined }
  | { type: 'failed'; id: number; message: string };
