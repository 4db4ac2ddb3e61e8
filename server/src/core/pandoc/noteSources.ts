// A note's own sources (front matter `bibliography:` files and `references:` items) layered over
// the workspace corpus: the note's keys win, and the corpus is offered too unless turned off.
import { corpusFromRecords, parseCorpusFile, type Corpus, type CorpusFile } from '../corpus/corpus';
import type { Paper, PaperRecord, ParseResult, Problem } from '../corpus/model';
import { parseCslJson } from '../readers/csl';
import { PaperSearch, type SearchHit } from '../search/search';

export interface NoteSources {
  corpus: Corpus;
  search: PaperSearch;
}

/**
 * The note's papers from its parsed bibliography files and its inline CSL items. `parsed`
 * are the files' parse results (cached by the caller); inline items point at `referencesLine`
 * (1-based) of the note.
 */
export function buildNoteSources(parsed: ParseResult[], references: unknown[], noteFile: string, referencesLine: number): NoteSources {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  for (const result of parsed) {
    records.push(...result.records);
    problems.push(...result.problems);
  }
  if (references.length > 0) {
    const inline = parseCslJson(JSON.stringify(references), noteFile);
    for (const record of inline.records) records.push({ ...record, source: { file: noteFile, line: referencesLine } });
    for (const problem of inline.problems) problems.push({ ...problem, line: referencesLine });
  }
  const corpus = corpusFromRecords(records, problems);
  return { corpus, search: new PaperSearch(corpus.papers) };
}

export function parseSourceFile(file: CorpusFile): ParseResult {
  return parseCorpusFile(file);
}

/** How a note's bibliography file read: why it gives nothing, or how many problems it has (the first shown on the front matter line). */
export interface FileOutcome {
  error?: string;
  problems: number;
  first?: { line: number; message: string };
}

/** A bibliography file as read (or the reader's reason it could not be), parsed: its result, or why it gives none. */
export function parseReadSource(read: CorpusFile | Problem): { result?: ParseResult; error?: string } {
  if (!('text' in read)) return { error: read.message };
  try {
    return { result: parseSourceFile(read) };
  } catch (error) {
    return { error: `cannot be parsed: ${(error as Error).message}` };
  }
}

/** The outcome a parse gives the note's front matter line, the same in-process and from the worker. */
export function sourceOutcome(parsed: { result?: ParseResult; error?: string }): FileOutcome {
  if (!parsed.result) return { error: parsed.error, problems: 0 };
  const first = parsed.result.problems[0];
  return { problems: parsed.result.problems.length, ...(first && { first: { line: first.line, message: first.message } }) };
}

/** Answers "which paper is this key" and "which papers match" for one note. */
export class PaperLookup {
  constructor(
    private readonly corpus: Corpus,
    private readonly corpusSearch: PaperSearch,
    private readonly note?: NoteSources,
    /** Whether the workspace corpus is offered in a note that has its own sources. */
    private readonly includeCorpus = true,
  ) {}

  private get corpusOffered(): boolean {
    return this.note === undefined || this.includeCorpus;
  }

  /** The note's own papers (for `nocite: "@*"`). */
  notePapers(): Paper[] {
    return this.note?.corpus.papers ?? [];
  }

  paper(key: string): Paper | undefined {
    return this.note?.corpus.byKey.get(key) ?? (this.corpusOffered ? this.corpus.byKey.get(key) : undefined);
  }

  /** The note's matches first, then the corpus's, each paper once. */
  search(query: string, limit: number): SearchHit[] {
    const hits = this.note ? this.note.search.search(query, limit) : [];
    if (!this.corpusOffered || hits.length >= limit) return hits;
    const seen = new Set(hits.map((h) => h.paper.key));
    for (const hit of this.corpusSearch.search(query, limit)) {
      if (hits.length >= limit) break;
      if (!seen.has(hit.paper.key) && !this.note?.corpus.byKey.has(hit.paper.key)) hits.push(hit);
    }
    return hits;
  }
}
