// A note's own bibliography read, parsed and indexed in a worker thread (dist/noteSourcesWorker.js):
// a 10,000-entry .bib costs about half a second of CPU to parse and as much to index, which on
// the server's event loop would hold every request meanwhile. The papers go back packed as a
// few strings and the search index as bytes, as the corpus worker sends the workspace corpus.
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ParseResult } from '../core/corpus/model';
import { buildNoteSources, parseSourceFile } from '../core/pandoc/noteSources';
import { encodeSearchSnapshot } from '../core/search/snapshot';
import { readCorpusFile } from '../node/corpusFiles';
import { packCorpusLoad } from '../service/corpusTransfer';
import type { FileOutcome, NoteSourcesJob } from '../service/noteBibliographies';
import type { NoteSourcesReply, NoteSourcesRequest } from './noteSourcesProtocol';

const port = parentPort!;

/** One file as NoteBibliographies reads it in-process (the same messages). */
function readOne(file: string): { outcome: FileOutcome; result?: ParseResult } {
  if (!fs.existsSync(file)) return { outcome: { error: 'file not found', problems: 0 } };
  const read = readCorpusFile(file);
  if (!('text' in read)) return { outcome: { error: read.message, problems: 0 } };
  try {
    const result = parseSourceFile(read);
    const first = result.problems[0];
    return { result, outcome: { problems: result.problems.length, ...(first && { first: { line: first.line, message: first.message } }) } };
  } catch (error) {
    return { outcome: { error: `cannot be parsed: ${(error as Error).message}`, problems: 0 } };
  }
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
