// The corpus load in a worker thread (dist/corpusWorker.js): reading, parsing and merging the
// corpus files and the warm-start cache happen here, off the server's event loop; the papers go
// back packed as a few strings. The loader keeps its state (each file's last good load, the
// previous corpus's keys) between loads, so the worker lives as long as the server.
import { platform, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createNodeHost } from '../node/nodeHost';
import { createLocalCorpusLoader } from '../service/corpusLoading';
import type { PostingSnapshot, SearchSnapshot } from '../core/search/snapshot';
import type { CorpusWorkerReply, CorpusWorkerRequest } from './corpusProtocol';

/** Set by the server's first message ('open'). */
let cacheDir: string | undefined;
const loader = createLocalCorpusLoader(createNodeHost({ cacheDir: () => cacheDir }), { packedCache: true, searchIndex: true });
/** What a load still owes the server (the abstract words, the abstract texts): sent once the server says it has unpacked the load. */
let followUp: (() => void) | undefined;
/**
 * Brings the loader's state up to date after a load served from the packed cache. Only before
 * the next request: decoding the per-file cache costs seconds and a corpus-sized heap at 100k
 * papers, which a start that nothing changes after never needs.
 */
let settle: (() => void) | undefined;
/** Runs a pending task; a failure costs speed, not correctness. */
function runTask(task: (() => void) | undefined): void {
  try {
    task?.();
  } catch {
    // The next load starts from nothing remembered, abstracts are indexed by the server: slower, not wrong.
  }
}
/**
 * Once the server has a corpus, what this thread does (abstract words, the cache, later reloads
 * answered from the previous corpus meanwhile) is background work: at a lower priority (nice
 * 10) it gives way to the server's thread and the editor on a machine with few cores. Linux
 * only: there a thread has its own priority; elsewhere it is the whole process's, the server's
 * thread included. Not raised again (that needs privileges); a failure changes nothing.
 */
function runInBackground(): void {
  if (platform() !== 'linux') return;
  try {
    setPriority(0, 10);
  } catch {
    // A platform without thread priorities: the work runs as before.
  }
}
const followUpNow = () => {
  const run = followUp;
  followUp = undefined;
  runTask(run);
};
const settleNow = () => {
  followUpNow();
  const run = settle;
  settle = undefined;
  runTask(run);
};
/**
 * The index's abstract words copied here and handed over (transferred), not cloned on arrival: a
 * clone of the 70 MB of abstract postings at 100k papers held the server's thread for about
 * 36 ms of CPU in one block, in the middle of the first keystrokes after "ready". The loader
 * keeps the originals for the cache. Only the abstract words: the server has the rest already
 * (PaperSearch.adoptAbstracts reads nothing else), and a copy of it was 10 MB more at 100k papers.
 */
function abstractWordsCopy(snapshot: SearchSnapshot): { search: SearchSnapshot; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const copy = <T extends Int32Array | Uint8Array>(array: T): T => {
    const copied = array.slice() as T;
    buffers.push(copied.buffer as ArrayBuffer);
    return copied;
  };
  const postings = (p: PostingSnapshot): PostingSnapshot => ({ vocabulary: { text: p.vocabulary.text, ends: copy(p.vocabulary.ends) }, offsets: copy(p.offsets), papers: copy(p.papers), fields: copy(p.fields) });
  const none = { text: '', ends: new Int32Array(0) };
  const search: SearchSnapshot = {
    ...snapshot,
    named: { vocabulary: none, offsets: Int32Array.of(0), papers: new Int32Array(0), fields: new Uint8Array(0) },
    abstracts: snapshot.abstracts && postings(snapshot.abstracts),
    keys: none,
    keyPapers: new Int32Array(0),
  };
  return { search, buffers };
}
const port = parentPort!;
const send = (reply: CorpusWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

port.on('message', (message: CorpusWorkerRequest) => {
  if (message.type === 'open') {
    cacheDir = message.cacheDir;
    // While the server finishes starting (settings, notes): the first load then only compares file keys.
    runTask(() => loader.prefetchPacked());
    return;
  }
  if (message.type === 'received') {
    setImmediate(followUpNow);
    return;
  }
  settleNow();
  try {
    if (message.type === 'load') {
      const loaded = loader.loadPacked(message.request);
      // The strings and abstract lengths are copied (the loader keeps the packed corpus to write the
      // cache later); a search index read from the cache is transferred, being nobody else's.
      const { indexAbstracts, abstractTexts } = loaded;
      const reply: CorpusWorkerReply = { type: 'loaded', id: message.id, packed: loaded.packed, search: loaded.search, abstractsToFollow: indexAbstracts !== undefined, abstractTextsToFollow: abstractTexts !== undefined };
      send(reply, loaded.transfer);
      settle = loaded.settle;
      followUp = () => {
        runInBackground();
        // The abstract words first: searching them matters more than showing the texts.
        if (indexAbstracts) {
          let search: SearchSnapshot | undefined;
          let buffers: ArrayBuffer[] = [];
          try {
            const indexed = indexAbstracts();
            // Read from the cache: nobody else's, transferred as it is. Built here: the loader
            // keeps it for the cache, so a copy is transferred instead.
            ({ search, buffers } = indexed.transfer ? { search: indexed.search, buffers: indexed.transfer } : abstractWordsCopy(indexed.search));
          } finally {
            send({ type: 'abstracts', id: message.id, search }, buffers);
          }
        }
        if (abstractTexts) {
          let read;
          try {
            read = abstractTexts();
          } finally {
            send({ type: 'abstractTexts', id: message.id, texts: read?.texts }, read?.transfer);
          }
        }
      };
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
