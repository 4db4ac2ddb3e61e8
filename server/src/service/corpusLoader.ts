// Reads and parses the corpus file by file, each guarded: a file that cannot be read or whose
// parser throws becomes a problem on that file, and the other files still load.
import { corpusFromRecords, formatOf, parseCorpusFile, type Corpus, type CorpusFile } from '../core/corpus/corpus';
import { parseBibDatabase } from '../core/readers/bibtex';
import type { Paper, ParseResult, PaperRecord, Problem } from '../core/corpus/model';
import { corpusFromPapers, sameKey, type CachedFile, type CorpusCacheData, type FileKey } from './corpusCache';
import type { LitHost } from './host';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Length of each line a problem points at, by file then 0-based line (diagnostic ranges end there). */
  problemLineLengths: Map<string, Map<number, number>>;
  /** Some file shrank by more than half and kept its last load: read again after a pause. */
  heldShrunk: boolean;
  /** Files taken from the warm-start cache without reading them. */
  fromCache: number;
  /** What the cache should hold now, when it differs from what was given. */
  cacheUpdate?: CorpusCacheData;
}

interface GoodLoad {
  result: ParseResult;
  size: number;
  lineLengths?: Map<number, number>;
}

/** Each corpus file's last good load: the last one wins while the file is empty, cut or broken. */
export class CorpusMemory {
  private readonly loads = new Map<string, GoodLoad | (() => GoodLoad)>();
  get(file: string): GoodLoad | undefined {
    const load = this.loads.get(file);
    if (typeof load !== 'function') return load;
    const computed = load();
    this.loads.set(file, computed);
    return computed;
  }
  set(file: string, load: GoodLoad): void {
    this.loads.set(file, load);
  }
  /** A load worked out only if it is ever needed (after a warm start, from the merged papers). */
  setLazy(file: string, size: number, records: () => PaperRecord[]): void {
    this.loads.set(file, () => ({ result: { records: records(), problems: [] }, size }));
  }
  delete(file: string): void {
    this.loads.delete(file);
  }
}

/** The papers a file contributed, as records of that file (enough to keep them while it is broken). */
function papersFrom(papers: Paper[], file: string): PaperRecord[] {
  const records: PaperRecord[] = [];
  for (const paper of papers) {
    const source = paper.sources.find((s) => s.file === file);
    if (!source) continue;
    const { key, aliases, sources, ...rest } = paper;
    void aliases;
    void sources;
    records.push({ ...rest, source, ownKey: key });
  }
  return records;
}

export function loadCorpus(
  host: LitHost,
  paths: string[],
  memory = new CorpusMemory(),
  options: { holdShrunk?: boolean; cache?: CorpusCacheData; previous?: Corpus } = {},
): LoadedCorpus {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  const problemLineLengths = new Map<string, Map<number, number>>();
  let heldShrunk = false;
  const keys = paths.map((file) => fileKey(host, file));
  const allKeys = keys.every((k): k is FileKey => k !== undefined) ? keys : undefined;
  const cachedCorpus = options.cache?.corpus;
  if (allKeys && cachedCorpus && cachedCorpus.files.length === allKeys.length && cachedCorpus.files.every((k, i) => sameKey(k, allKeys[i]))) {
    // Nothing changed since the cache was written: the merged corpus as it was; nothing read,
    // parsed or merged. The last good load of each file is its papers, worked out if needed.
    const corpus = corpusFromPapers(cachedCorpus.papers, cachedCorpus.problems);
    for (const [file, lengths] of Object.entries(cachedCorpus.lineLengths)) problemLineLengths.set(file, new Map(lengths));
    allKeys.forEach((key) => memory.setLazy(key.path, key.size, () => papersFrom(corpus.papers, key.path)));
    return { corpus, problemLineLengths, heldShrunk, fromCache: paths.length };
  }
  const cached = new Map((options.cache?.files() ?? []).map((f) => [f.path, f]));
  const cacheFiles: CachedFile[] = [];
  let fromCache = 0;
  const hits = paths.map((file, index) => {
    const key = keys[index];
    const hit = key && cached.get(file);
    return key !== undefined && hit !== undefined && sameKey(hit, key) ? hit : undefined;
  });
  // BibTeX files are one database (macros and crossrefs cross files): all from the cache, or all parsed together.
  const bibIndexes = paths.flatMap((file, index) => (isBibtex(file) ? [index] : []));
  const bibParsed = bibIndexes.every((index) => hits[index]) ? undefined : loadBibDatabase(host, bibIndexes.map((index) => paths[index]));
  if (bibParsed) for (const index of bibIndexes) hits[index] = undefined;
  for (const [index, file] of paths.entries()) {
    const key = keys[index];
    const hit = hits[index];
    let loaded: { result: ParseResult; text?: string };
    let lengths: Map<number, number> | undefined;
    const isHit = hit !== undefined;
    if (hit) {
      fromCache++;
      loaded = { result: hit.result };
      lengths = new Map(hit.lineLengths);
      cacheFiles.push(hit);
    } else {
      loaded = bibParsed?.get(file) ?? loadCorpusFile(host, file);
      lengths = loaded.text !== undefined && loaded.result.problems.length > 0 ? lineLengths(loaded.text, new Set(loaded.result.problems.map((p) => p.line - 1))) : undefined;
      if (key && loaded.text !== undefined) cacheFiles.push({ ...key, result: loaded.result, lineLengths: [...(lengths ?? [])] });
    }
    const previous = memory.get(file);
    const size = key?.size ?? loaded.text?.length ?? 0;
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
    } else if (loaded.text !== undefined || isHit) {
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
    // The previous corpus keeps its keys resolving to the same papers.
    corpus = corpusFromRecords(records, problems, { previous: options.previous });
  } catch (error) {
    // Merging is past any one file: keep the server alive with an empty corpus and say why.
    corpus = { papers: [], byKey: new Map(), problems: [...problems, { file: paths[0] ?? '', line: 1, severity: 'error', message: `corpus could not be built: ${(error as Error).message}` }] };
  }
  const lineLengthsByFile = Object.fromEntries([...problemLineLengths].map(([file, lengths]) => [file, [...lengths]]));
  const cacheUpdate: CorpusCacheData = {
    files: () => cacheFiles,
    corpus: allKeys && { files: allKeys, papers: corpus.papers, problems: corpus.problems, lineLengths: lineLengthsByFile },
  };
  return { corpus, problemLineLengths, heldShrunk, fromCache, cacheUpdate };
}

/** Path, size, mtime and content fingerprint, when the host can tell them. */
export function fileKey(host: LitHost, file: string): FileKey | undefined {
  if (!host.fingerprint) return undefined;
  const stat = host.stat(file);
  if (!stat?.isFile) return undefined;
  const hash = host.fingerprint(file);
  return hash === undefined ? undefined : { path: file, size: stat.size, mtimeMs: stat.mtimeMs, hash };
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

function isBibtex(file: string): boolean {
  return formatOf({ path: file, text: '' }) === 'bibtex';
}

/** Reads every BibTeX file and parses them as one database, then tells each file its own part. */
function loadBibDatabase(host: LitHost, files: string[]): Map<string, { result: ParseResult; text?: string }> {
  const out = new Map<string, { result: ParseResult; text?: string }>();
  const sources: CorpusFile[] = [];
  for (const file of files) {
    let read: CorpusFile | Problem;
    try {
      read = host.readCorpusFile(file);
    } catch (error) {
      read = { file, line: 1, severity: 'error', message: `cannot read: ${(error as Error).message}` };
    }
    if ('text' in read) sources.push(read);
    else out.set(file, { result: { records: [], problems: [read] } });
  }
  if (sources.length === 0) return out;
  let database: ParseResult;
  try {
    database = parseBibDatabase(sources);
  } catch (error) {
    database = { records: [], problems: [{ file: sources[0].path, line: 1, severity: 'error', message: `could not be parsed: ${(error as Error).message}` }] };
  }
  const known = new Set(sources.map((s) => s.path));
  for (const source of sources) {
    const records = database.records.filter((r) => r.source.file === source.path);
    // Problems naming no single file (a database-wide failure) go to the first file.
    const problems = database.problems.filter((p) => p.file === source.path || (source === sources[0] && !known.has(p.file)));
    // A file of @string macros only (abbrev.bib) serves the others: no warning for it.
    if (records.length === 0 && problems.length === 0 && !/@\s*string\s*[{(]/i.test(source.text)) {
      problems.push({ file: source.path, line: 1, severity: 'warning', message: 'no papers found in this file' });
    }
    out.set(source.path, { result: { records, problems }, text: source.text });
  }
  return out;
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
