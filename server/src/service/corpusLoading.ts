// Who loads the corpus, and where. Reading, parsing and merging 100,000 papers takes seconds, so
// the server does it on a worker thread (background/corpusInWorker.ts) and the service only
// receives the result; tests and the CLI load in-process through the same interface. The loader
// owns everything that lives from one load to the next: each file's last good load, the
// previous corpus (so cited keys keep resolving) and the warm-start cache.
import type { Corpus } from '../core/corpus/corpus';
import { decodeCache, encodeCache, type CorpusCacheData, type FileKey } from './corpusCache';
import { CorpusMemory, fileKey, loadCorpus } from './corpusLoader';
import { PaperSearch } from '../core/search/search';
import type { SearchSnapshot } from '../core/search/snapshot';
import { packAbstracts, packCorpusLoad, unpackPapers, type PackedAbstracts, type PackedCorpusLoad } from './corpusTransfer';
import type { LitHost } from './host';
import { keyFilesStamp, readKeyFiles, RememberedKeys } from './keyMemory';
import type { KeyMemory } from '../core/corpus/keys';
import { decodePackedAbstractIndex, decodePackedAbstracts, encodePackedAbstractIndex, encodePackedAbstracts, encodePackedCorpus, packedCorpusFits, readPackedCorpus, type PackedCorpusCache, type ReadPackedCorpus } from './packedCorpusCache';

/** Name of the packed corpus cache beside the per-file one (host.readCache/writeCache). */
export const PACKED_CACHE = 'corpus-packed';
/** Its abstracts, read after the rest has been sent. */
export const PACKED_ABSTRACTS_CACHE = 'corpus-abstracts';
/** Its search index's abstract words, read after the rest has been sent (before the abstracts). */
export const PACKED_ABSTRACT_INDEX_CACHE = 'corpus-abstract-index';

export interface CorpusLoadRequest {
  paths: string[];
  /** Workspace folders: their `.litnotes/keys.json` key memory is read at every load. */
  folders: string[];
  /** A watched change: a file that shrank by more than half keeps its last load for now. */
  holdShrunk: boolean;
  /** Do not take the packed corpus cache (it could not be unpacked). */
  skipPackedCache?: boolean;
}

export interface CorpusLoadResult {
  corpus: Corpus;
  /** Length of each line a problem points at, by file then 0-based line (diagnostic ranges end there). */
  problemLineLengths: Map<string, Map<number, number>>;
  /** Some file shrank by more than half and kept its last load: load again after a pause. */
  heldShrunk: boolean;
  /** Files taken from the warm-start cache without reading them. */
  fromCache: number;
  /** The whole load came from the packed cache (a start with nothing changed): no cache to write. */
  fromPackedCache?: boolean;
  /** What went wrong on the way that is no file's problem (an unreadable cache). */
  warnings: string[];
  /** The search index of these papers when the loader built it (keys, titles, authors, years; maybe abstracts). */
  search?: SearchSnapshot;
  /** The index with abstract words, when the loader indexes them too (after sending the rest). */
  abstracts?: Promise<SearchSnapshot | undefined>;
  /**
   * When the papers came without their abstract texts (a warm start): each paper's abstract
   * length now (-1: none), and the texts soon after (undefined if they could not be had).
   */
  abstractTexts?: { lengths: Int32Array; arriving: Promise<PackedAbstracts | undefined> };
}

export interface CorpusLoader {
  /** Loads the corpus files in this order. Calls are answered in the order they were made. */
  load(request: CorpusLoadRequest): Promise<CorpusLoadResult>;
  /** Saves the warm-start cache of the last load, if it changed. */
  writeCache(): Promise<void>;
  /** The keys each copy of a paper answered to, as the last load stands for ("Save Citation Key Memory"). */
  keyMemory(): Promise<KeyMemory | undefined>;
  dispose(): void;
}

export interface PackedLoad {
  packed: PackedCorpusLoad;
  /** With `searchIndex`: the search index of the papers, without abstract words. */
  search?: SearchSnapshot;
  /**
   * With `searchIndex`: the index with abstract words, read from the cache or indexed (seconds
   * at 100k papers); `transfer` the buffers nobody else holds.
   */
  indexAbstracts?: () => { search: SearchSnapshot; transfer?: ArrayBuffer[] };
  /**
   * When `packed` came without its abstracts: reads them (from the cache, or failing that from the
   * files); `transfer` the buffers of their chunks that nobody else holds.
   */
  abstractTexts?: () => { texts: PackedAbstracts; transfer: ArrayBuffer[] } | undefined;
  settle?: () => void;
  /** Buffers of `search` nothing else holds: transfer them to the thread that restores it, rather than copy. */
  transfer?: ArrayBuffer[];
}

export interface LocalCorpusLoader extends CorpusLoader {
  loadNow(request: CorpusLoadRequest): CorpusLoadResult;
  /**
   * The load packed for another thread. The first one may come straight from the packed cache;
   * `settle` then brings the loader's own state (last good loads, previous keys) up to date:
   * call it when idle, before the next load.
   */
  loadPacked(request: CorpusLoadRequest): PackedLoad;
  /**
   * Reads and checks the packed cache now, for the first loadPacked (which then only compares
   * file keys): the worker does it as soon as it knows the cache folder, while the server starts.
   */
  prefetchPacked(): void;
  writeCacheNow(): void;
  keyMemoryNow(): KeyMemory | undefined;
}

/**
 * Loads on the calling thread: for the CLI, the tests, and inside the server's corpus worker.
 * With `packedCache` (the worker) the merged corpus is also cached packed, for loadPacked.
 */
export function createLocalCorpusLoader(host: LitHost, options: { packedCache?: boolean; searchIndex?: boolean } = {}): LocalCorpusLoader {
  const memory = new CorpusMemory();
  /** The last load, whose keys the next one keeps (with the cache's and the key files' memory). */
  let previous: Corpus = { papers: [], byKey: new Map(), problems: [] };
  const rememberedKeys = new RememberedKeys();
  let cacheRead = false;
  let cacheToWrite: CorpusCacheData | undefined;
  let packedToWrite: { files: FileKey[]; keyFiles: string; cache: PackedCorpusCache } | undefined;
  /** Abstracts (and abstract words) of the packed corpus `id` worked out afresh, when their file was missing or damaged. */
  let abstractsToWrite: { id: number; abstracts?: Uint8Array[]; search?: SearchSnapshot } | undefined;
  /** The packed cache as prefetchPacked read it (undefined: absent or damaged), until the first loadPacked. */
  let prefetched: { read: ReadPackedCorpus | undefined } | undefined;

  function readPacked(): ReadPackedCorpus | undefined {
    return readPackedCorpus(host.readCache?.(PACKED_CACHE));
  }

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
    // Keys given before (this session, the cache, the workspace's key files) keep resolving.
    const keyFiles = readKeyFiles(host, request.folders);
    const before = rememberedKeys.previous(previous, keyFiles.memory, cache?.keyMemory);
    // The cached merged corpus does not know which key files it was merged with: with a key file, merge again.
    const usable = cache && keyFiles.memory ? { ...cache, corpus: undefined } : cache;
    const loaded = loadCorpus(host, request.paths, memory, { holdShrunk: request.holdShrunk, cache: usable, previous: before });
    const corpus = keyFiles.problems.length > 0 ? { ...loaded.corpus, problems: [...loaded.corpus.problems, ...keyFiles.problems] } : loaded.corpus;
    rememberedKeys.built(corpus, before);
    previous = corpus;
    cacheToWrite = loaded.cacheUpdate;
    if (cacheToWrite) cacheToWrite.keyMemory = () => rememberedKeys.memoryOf(corpus);
    return { corpus, problemLineLengths: loaded.problemLineLengths, heldShrunk: loaded.heldShrunk, fromCache: loaded.fromCache, warnings };
  }

  /** Every file's key, or undefined when one has none (then nothing is cached packed). */
  function fileKeys(paths: string[]): FileKey[] | undefined {
    const keys = paths.map((file) => fileKey(host, file));
    return keys.every((k): k is FileKey => k !== undefined) ? keys : undefined;
  }

  function prefetchPacked(): void {
    if (options.packedCache && !cacheRead && !prefetched) prefetched = { read: readPacked() };
  }

  function loadPacked(request: CorpusLoadRequest): PackedLoad {
    // Taken before the load reads the key files: if one changes meanwhile, the next start loads anew.
    const keyFiles = options.packedCache ? keyFilesStamp(host, request.folders) : '';
    const early = prefetched;
    prefetched = undefined;
    if (options.packedCache && !cacheRead && !request.skipPackedCache) {
      const keys = fileKeys(request.paths);
      const read = keys && (early ? early.read : readPacked());
      const hit = read && keys && packedCorpusFits(read, keys, keyFiles) ? read : undefined;
      if (hit && (!options.searchIndex || hit.search)) {
        // The loader's state comes from the per-file cache afterwards, exactly as a load would set it.
        let settled = false;
        const settle = () => {
          if (!settled) loadNow(request);
          settled = true;
        };
        const abstractTexts = () => {
          const lengths = hit.packed.abstractLengths;
          const file = host.readCache?.(PACKED_ABSTRACTS_CACHE);
          const cached = decodePackedAbstracts(file, hit.id, lengths);
          // The chunks are views on the file as read: its buffer is nobody else's when it is the file's alone.
          const owned = file !== undefined && file.byteOffset === 0 && file.byteLength === file.buffer.byteLength && file.buffer instanceof ArrayBuffer;
          if (cached !== undefined) return { texts: { abstracts: cached, lengths }, transfer: owned ? [file.buffer as ArrayBuffer] : [] };
          // Missing or damaged: the same papers' abstracts from a load of the files, and their file written again.
          settle();
          const fresh = papersAbstracts(hit.packed.papers);
          if (fresh) {
            abstractsToWrite = { ...abstractsToWrite, id: hit.id, abstracts: fresh.abstracts };
            // The server asks for no cache write after a start served from the packed cache.
            writeCacheNow();
          }
          // Written: the chunks (each packAbstracts' own buffer) are nobody else's now.
          return fresh && { texts: fresh, transfer: fresh.abstracts.map((chunk) => chunk.buffer as ArrayBuffer) };
        };
        const indexAbstracts = () => {
          const cached = decodePackedAbstractIndex(host.readCache?.(PACKED_ABSTRACT_INDEX_CACHE), hit.id);
          if (cached) return { search: cached.search, transfer: cached.transferable && [cached.transferable] };
          // Missing or damaged: indexed again from the same papers as the last load has them, and written again.
          settle();
          const search = new PaperSearch(previous.papers, { warmUp: false }).snapshot();
          abstractsToWrite = { ...abstractsToWrite, id: hit.id, search };
          writeCacheNow();
          return { search };
        };
        const abstractWords = options.searchIndex ? { indexAbstracts } : {};
        return { packed: hit.packed, search: hit.search, ...abstractWords, abstractTexts, settle, transfer: hit.transferable && [hit.transferable] };
      }
    }
    const loaded = loadNow(request);
    const packed = packCorpusLoad(loaded);
    const cache: PackedCorpusCache = { packed };
    if (options.packedCache) {
      // The files' keys as the load read them; a load served whole by the per-file cache has none to give.
      const files = cacheToWrite?.corpus?.files ?? fileKeys(request.paths);
      if (files) packedToWrite = { files, keyFiles, cache };
    }
    if (!options.searchIndex) return { packed };
    const search = new PaperSearch(loaded.corpus.papers, { deferAbstracts: true, warmUp: false });
    const indexAbstracts = () => {
      search.indexAbstracts();
      // The cache is written once abstracts are in, so a warm start has the whole index.
      return { search: (cache.search = search.snapshot()) };
    };
    return { packed, search: search.snapshot(), indexAbstracts };
  }

  /** The abstracts of the papers packed in `papersJson`, as the last load has them (by key), or undefined. */
  function papersAbstracts(papersJson: string): PackedAbstracts | undefined {
    try {
      return packAbstracts(unpackPapers(papersJson).map((p) => previous.byKey.get(p.key)?.abstract));
    } catch {
      return undefined;
    }
  }

  function writeCacheNow(): void {
    // The packed corpus first: it is what the next start reads; the per-file cache serves edits.
    const packed = packedToWrite;
    packedToWrite = undefined;
    if (packed && host.writeCache) {
      const encoded = encodePackedCorpus(packed.files, packed.cache, packed.keyFiles);
      // Abstracts before the corpus that names them: a corpus file is never newer than its abstracts.
      if (encoded.abstracts) host.writeCache(encoded.abstracts, PACKED_ABSTRACTS_CACHE);
      if (encoded.abstractIndex) host.writeCache(encoded.abstractIndex, PACKED_ABSTRACT_INDEX_CACHE);
      host.writeCache(encoded.corpus, PACKED_CACHE);
    }
    const abstracts = abstractsToWrite;
    abstractsToWrite = undefined;
    if (abstracts?.abstracts !== undefined && host.writeCache) host.writeCache(encodePackedAbstracts(abstracts.id, abstracts.abstracts), PACKED_ABSTRACTS_CACHE);
    if (abstracts?.search && host.writeCache) host.writeCache(encodePackedAbstractIndex(abstracts.id, abstracts.search), PACKED_ABSTRACT_INDEX_CACHE);
    const data = cacheToWrite;
    cacheToWrite = undefined;
    if (data && host.writeCache) host.writeCache(encodeCache(data));
  }

  const keyMemoryNow = () => rememberedKeys.memoryOf(previous);

  return {
    loadNow,
    loadPacked,
    prefetchPacked,
    writeCacheNow,
    keyMemoryNow,
    keyMemory: async () => keyMemoryNow(),
    load: async (request) => loadNow(request),
    writeCache: async () => writeCacheNow(),
    dispose() {},
  };
}
