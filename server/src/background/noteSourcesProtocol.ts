// Messages between the server and the note-sources worker (dist/noteSourcesWorker.js).
import type { PackedCorpusLoad } from '../service/corpusTransfer';
import type { NoteSourcesJob, FileOutcome } from '../service/noteBibliographies';

export type NoteSourcesRequest = { id: number; job: NoteSourcesJob };

export type NoteSourcesReply =
  | { id: number; ok: true; papers: PackedCorpusLoad; search: Uint8Array; files: FileOutcome[] }
  | { id: number; ok: false; message: string };
