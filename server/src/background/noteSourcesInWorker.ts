// The server's side of the note-sources worker: a note's bibliography files are read, parsed and
// indexed there (noteSourcesWorker.ts); here the packed papers and index are unpacked, which
// costs a fraction of building them. The worker starts on the first note with a `bibliography:`
// and does not keep the process alive. A worker that cannot start or fails rejects the job:
// NoteBibliographies then builds the note's sources on the server thread in slices, as before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PaperSearch, decodeSearchSnapshot } from '../core/search/search';
import { unpackCorpusLoad } from '../service/corpusTransfer';
import type { BuiltNoteSources, NoteSourcesBuilder, NoteSourcesJob } from '../service/noteBibliographies';
import type { NoteSourcesReply, NoteSourcesRequest } from './noteSourcesProtocol';

/** A worker that runs out of memory stops alone, not the server. */
const WORKER_HEAP_MB = 1024;

export function createNoteSourcesWorker(file = path.join(__dirname, 'noteSourcesWorker.js')): NoteSourcesBuilder {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(built: BuiltNoteSources): void; reject(error: Error): void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function start(): Worker {
    if (worker) return worker;
    if (!fs.existsSync(file)) throw new Error(`${path.basename(file)} is missing`);
    const started = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    started.unref();
    started.on('message', (reply: NoteSourcesReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if (!reply.ok) return waiting.reject(new Error(reply.message));
      // Two turns of the event loop (the papers, then their index), so a request waits for one at most.
      try {
        const { corpus } = unpackCorpusLoad(reply.papers);
        setImmediate(() => {
          try {
            const snapshot = decodeSearchSnapshot(reply.search);
            const search = (snapshot && PaperSearch.fromSnapshot(corpus.papers, snapshot)) || new PaperSearch(corpus.papers);
            waiting.resolve({ sources: { corpus, search }, files: reply.files });
          } catch (error) {
            waiting.reject(error as Error);
          }
        });
      } catch (error) {
        waiting.reject(error as Error);
      }
    });
    const stopped = (error: Error) => {
      if (worker !== started) return;
      worker = undefined;
      failAll(error);
    };
    started.on('error', stopped);
    started.on('exit', () => stopped(new Error('the note-sources worker stopped')));
    return (worker = started);
  }

  return {
    build(job: NoteSourcesJob): Promise<BuiltNoteSources> {
      return new Promise((resolve, reject) => {
        try {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          start().postMessage({ id, job } satisfies NoteSourcesRequest);
        } catch (error) {
          failAll(error as Error);
        }
      });
    },
    dispose(): void {
      const running = worker;
      worker = undefined;
      failAll(new Error('disposed'));
      void running?.terminate();
    },
  };
}
