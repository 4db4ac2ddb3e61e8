// A note's own bibliography read, parsed and indexed in a worker thread (dist/noteSourcesWorker.js):
// a 10,000-entry .bib costs about half a second of CPU to parse and as much to index, which on
// the server's event loop would hold every request meanwhile. The papers go back packed as a
// few strings and the search index as bytes, as the corpus worker sends the workspace corpus.
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ParseResult } from '../core/corpus/model';
import { buildNoteSources, parseReadSource, sourceOutcome, type FileOutcome } from '../core/pandoc/noteSources';
import { encodeSearchSnapshot } from '../core/search/snapshot';
import { readCorpusFile } from '../node/corpusFiles';
import { packCorpusLoad } from '../service/corpusTransfer';
import type { NoteSourcesJob } from '../service/noteBibliographies';
import type { NoteSourcesReply, NoteSourcesRequest } from './noteSourcesProtocol';

const port = parentPort!;

/** One file, read and parsed as NoteBibliographies does in-process (the same outcomes). */
function readOne(file: string): { outcome: FileOutcome; result?: ParseResult } {
  if (!fs.existsSync(file)) return { outcome: { error: 'file not found', problems: 0 } };
  const parsed = parseReadSource(readCorpusFile(file));
  return { result: parsed.result, outcome: sourceOutcome(parsed) };
}

function run(job: NoteSourcesJob): Omit<Extract<NoteSourcesReply, { ok: true }>, 'id' | 'ok'> {
  const read = job.files.map(readOne);
  const results = read.flatMap((r) => (r.result ? [r.result] : []));
  const sources = buildNoteSources(results, job.references, job.noteFile, job.referencesLine);
  const papers = packCorpusLoad({ corpus: sources.corpus, problemLineLengths: new Map(), heldShrunk: false, fromCache: 0, warnings: [] });
  return { papers, search: encodeSearchSnapshot(sources.search.snapshot()), files: read.map((r) => r.outcome) };
}

port.on('message', ({ id, job }: NoteSourcesRequest) => {
  let reply: NoteSourcesReply;
  try {
    reply = { id, ok: true, ...run(job) };
  } catch (error) {
    reply = { id, ok: false, message: (error as Error).message ?? String(error) };
  }
  port.postMessage(reply, reply.ok ? [reply.search.buffer as ArrayBuffer] : []);
});
