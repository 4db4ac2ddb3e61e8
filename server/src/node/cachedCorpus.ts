// The CLI's corpus load: the same per-file, guarded load as the server, with the warm-start
// cache in $XDG_CACHE_HOME/litnotes (LITNOTES_NO_CACHE=1 turns it off).
import type { Corpus } from '../core/corpus/corpus';
import { decodeCache, encodeCache } from '../service/corpusCache';
import { CorpusMemory, loadCorpus } from '../service/corpusLoader';
import { createNodeHost, defaultCacheDir } from './nodeHost';

export function loadCorpusCached(paths: string[]): Corpus {
  const cacheDir = process.env.LITNOTES_NO_CACHE ? undefined : defaultCacheDir();
  const host = createNodeHost({ cacheDir: () => cacheDir });
  const loaded = loadCorpus(host, paths, new CorpusMemory(), { cache: decodeCache(host.readCache?.()) });
  if (loaded.cacheUpdate) {
    try {
      host.writeCache?.(encodeCache(loaded.cacheUpdate));
    } catch {
      // A read-only cache folder only costs the next run its warm start.
    }
  }
  return loaded.corpus;
}
