// Who loads the corpus, and where. Reading, parsing and merging 100,000 papers takes seconds, so
// the server does it on a worker thread (background/corpusInWorker.ts) and the service only
// receives the result; tests and the CLI load in-process through the same interface. The loader
// owns everything that lives from one load to the next: each file's last good load, the
// previous corpus (so cited keys keep resolving) and the warm-start cache.
import type { Corpus } from '../core/corpus/corpus';
import { decodeCache, encodeCache, type CorpusCacheData } from './corpusCache';
import { CorpusMemory, loadCorpus } from './corpusLoader';
import type { LitHost } from './host';

export interface CorpusLoadRequest {
  paths: string[];
  /** A watched change: a file that shrank by more than half keeps its last load for now. */
  holdShrunk: boolean;
}

export interface CorpusLoadResult {
  corpus: Corpus;
  /** Length of each line a problem points at, by file then 0-based line (diagnostic ranges end there). */
  problemLineLengths: Map<string, Map<number, number>>;
  /** Some file shrank by more than half and kept its last load: load again after a pause. */
  heldShrunk: boolean;
  /** Files taken from the warm-start cache without reading them. */
  fromCache: number;
  /** What went wrong on the way that is no file's problem (an unreadable cache). */
  warnings: string[];
}

export interface CorpusLoader {
  /** Loads the corpus files in this order. Calls are answered in the order they were made. */
  load(request: CorpusLoadRequest): Promise<CorpusLoadResult>;
  /** Saves the warm-start cache of the last load, if it changed. */
  writeCache(): Promise<void>;
  dispose(): void;
}

/** Loads on the calling thread: for the CLI, the tests, and inside the server's corpus worker. */
export function createLocalCorpusLoader(host: LitHost): CorpusLoader & { loadNow(request: CorpusLoadRequest): CorpusLoadResult; writeCacheNow(): void } {
  const memory = new CorpusMemory();
  let previous: Corpus | undefined;
  let cacheRead = false;
  let cacheToWrite: CorpusCacheData | undefined;

  function loadNow(request: CorpusLoadRequest): CorpusLoadResult {
    const warnings: string[] = [];
    let cache: CorpusCacheData | undefined;
    if (!cacheRead) {
      // The cache serves the first load only; later loads know each file's last load already.
      cacheRead = true;
      try {
        cache = decodeCache(host.readCache?.());
      } catch (error) {
        warnings.push(`the corpus cache cannot be read, rebuilding it: ${(error as Error).message}`);
      }
    }
    const loaded = loadCorpus(host, request.paths, memory, { holdShrunk: request.holdShrunk, cache, previous });
    previous = loaded.corpus;
    cacheToWrite = loaded.cacheUpdate;
    return { corpus: loaded.corpus, problemLineLengths: loaded.problemLineLengths, heldShrunk: loaded.heldShrunk, fromCache: loaded.fromCache, warnings };
  }

  function writeCacheNow(): void {
    const data = cacheToWrite;
    cacheToWrite = undefined;
    if (data && host.writeCache) host.writeCache(encodeCache(data));
  }

  return {
    loadNow,
    writeCacheNow,
    load: async (request) => loadNow(request),
    writeCache: async () => writeCacheNow(),
    dispose() {},
  };
}
