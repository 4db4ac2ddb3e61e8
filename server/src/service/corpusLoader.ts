// Reads and parses the corpus file by file, each guarded: a file that cannot be read or whose
// parser throws becomes a problem on that file, and the other files still load.
import { corpusFromRecords, parseCorpusFile, type Corpus } from '../core/corpus/corpus';
import type { ParseResult, PaperRecord, Problem } from '../core/corpus/model';
import type { LitHost } from './host';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Length of each line a problem points at, by file then 0-based line (diagnostic ranges end there). */
  problemLineLengths: Map<string, Map<number, number>>;
  /** Some file shrank by more than half and kept its last load: read again after a pause. */
  heldShrunk: boolean;
}

interface GoodLoad {
  result: ParseResult;
  size: number;
  lineLengths?: Map<number, number>;
}

/** Each corpus file's last good load: the last one wins while the file is empty, cut or broken. */
export class CorpusMemory {
  private readonly loads = new Map<string, GoodLoad>();
  get(file: string): GoodLoad | undefined {
    return this.loads.get(file);
  }
  set(file: string, load: GoodLoad): void {
    this.loads.set(file, load);
  }
  delete(file: string): void {
    this.loads.delete(file);
  }
}

export function loadCorpus(host: LitHost, paths: string[], memory = new CorpusMemory(), options: { holdShrunk?: boolean } = {}): LoadedCorpus {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  const problemLineLengths = new Map<string, Map<number, number>>();
  let heldShrunk = false;
  for (const file of paths) {
    const loaded = loadCorpusFile(host, file);
    const lengths = loaded.text !== undefined && loaded.result.problems.length > 0 ? lineLengths(loaded.text, new Set(loaded.result.problems.map((p) => p.line - 1))) : undefined;
    const previous = memory.get(file);
    const size = loaded.text?.length ?? 0;
    const worse = previous && loaded.text !== undefined ? whyWorse(loaded.text, loaded.result, previous.result) : undefined;
    let use: GoodLoad = { result: loaded.result, size, lineLengths: lengths };
    if (previous && worse) {
      const kept = previous.result.records.length;
      const note: Problem = { file, line: 1, severity: 'warning', message: `${worse}; keeping the ${kept} paper${kept === 1 ? '' : 's'} of its last good load until it parses again` };
      use = { result: { records: previous.result.records, problems: [note, ...loaded.result.problems] }, size: previous.size, lineLengths: lengths };
    } else if (previous && options.holdShrunk && loaded.text !== undefined && size < previous.size / 2) {
      // Probably still being written: the previous load stands until the file is read again.
      heldShrunk = true;
      use = previous;
    } else if (loaded.text !== undefined) {
      memory.set(file, use);
    } else {
      memory.delete(file);
    }
    records.push(...use.result.records);
    problems.push(...use.result.problems);
    if (use.lineLengths) problemLineLengths.set(file, use.lineLengths);
  }
  let corpus: Corpus;
  try {
    corpus = corpusFromRecords(records, problems);
  } catch (error) {
    // Merging is past any one file: keep the server alive with an empty corpus and say why.
    corpus = { papers: [], byKey: new Map(), problems: [...problems, { file: paths[0] ?? '', line: 1, severity: 'error', message: `corpus could not be built: ${(error as Error).message}` }] };
  }
  return { corpus, problemLineLengths, heldShrunk };
}

/** Why a new load of a file is worse than its last good one (empty, unparsable, cut short), if it is. */
function whyWorse(text: string, now: ParseResult, before: ParseResult): string | undefined {
  if (before.records.length === 0) return undefined;
  if (text.trim() === '') return 'the file is empty now';
  const errors = now.problems.some((p) => p.severity === 'error');
  if (now.records.length === 0) return 'no paper can be read from the file now';
  if (errors && now.records.length < before.records.length) return `the file looks cut short or broken now (${now.records.length} of ${before.records.length} papers readable)`;
  return undefined;
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
