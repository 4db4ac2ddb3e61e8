// The CLI's corpus load: the server's loader, in-process, with the warm-start cache in
// $XDG_CACHE_HOME/litnotes (LITNOTES_NO_CACHE=1 turns it off). Through the same loader, the
// cache it writes keeps the key memory a server left there.
import type { Corpus } from '../core/corpus/corpus';
import { createLocalCorpusLoader } from '../service/corpusLoading';
import { createNodeHost, defaultCacheDir } from './nodeHost';

export function loadCorpusCached(paths: string[]): Corpus {
  const cacheDir = process.env.LITNOTES_NO_CACHE ? undefined : defaultCacheDir();
  const loader = createLocalCorpusLoader(createNodeHost({ cacheDir: () => cacheDir }));
  const { corpus } = loader.loadNow({ paths, folders: [], holdShrunk: false });
  try {
    loader.writeCacheNow();
  } catch {
    // A read-only cache folder only costs the next run its warm start.
  }
  return corpus;
}
