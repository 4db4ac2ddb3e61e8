// Reads and parses the corpus file by file, each guarded: a file that cannot be read or whose
// parser throws becomes a problem on that file, and the other files still load.
import { corpusFromRecords, parseCorpusFile, type Corpus } from '../core/corpus/corpus';
import type { ParseResult, PaperRecord, Problem } from '../core/corpus/model';
import type { LitHost } from './host';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Length of each line a problem points at, by file then 0-based line (diagnostic ranges end there). */
  problemLineLengths: Map<string, Map<number, number>>;
}

export function loadCorpus(host: LitHost, paths: string[]): LoadedCorpus {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  const problemLineLengths = new Map<string, Map<number, number>>();
  for (const file of paths) {
    const loaded = loadCorpusFile(host, file);
    records.push(...loaded.result.records);
    problems.push(...loaded.result.problems);
    if (loaded.text !== undefined && loaded.result.problems.length > 0) {
      problemLineLengths.set(file, lineLengths(loaded.text, new Set(loaded.result.problems.map((p) => p.line - 1))));
    }
  }
  let corpus: Corpus;
  try {
    corpus = corpusFromRecords(records, problems);
  } catch (error) {
    // Merging is past any one file: keep the server alive with an empty corpus and say why.
    corpus = { papers: [], byKey: new Map(), problems: [...problems, { file: paths[0] ?? '', line: 1, severity: 'error', message: `corpus could not be built: ${(error as Error).message}` }] };
  }
  return { corpus, problemLineLengths };
}

export function loadCorpusFile(host: LitHost, file: string): { result: ParseResult; text?: string } {
  let read;
  try {
    read = host.readCorpusFile(file);
  } catch (error) {
    return { result: failed(file, `cannot read: ${(error as Error).message}`) };
  }
  if (!('text' in read)) return { result: { records: [], problems: [read] } };
  try {
    const result = parseCorpusFile(read);
    if (result.records.length === 0 && result.problems.length === 0) {
      result.problems.push({ file, line: 1, severity: 'warning', message: 'no papers found in this file' });
    }
    return { result, text: read.text };
  } catch (error) {
    return { result: failed(file, `could not be parsed: ${(error as Error).message}`), text: read.text };
  }
}

function failed(file: string, message: string): ParseResult {
  return { records: [], problems: [{ file, line: 1, severity: 'error', message }] };
}

/** The lengths of the wanted lines (0-based), in one pass without splitting the whole text. */
export function lineLengths(text: string, wanted: Set<number>): Map<number, number> {
  const lengths = new Map<number, number>();
  let line = 0;
  let start = 0;
  while (start <= text.length && lengths.size < wanted.size) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (wanted.has(line)) lengths.set(line, end - start - (text[end - 1] === '\r' ? 1 : 0));
    line++;
    start = end + 1;
  }
  return lengths;
}
