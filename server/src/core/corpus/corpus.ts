// From corpus files (path + text) to the papers a user cites: parse each file in its format,
// merge duplicates, assign keys. Plain data in, plain data out.
import { parseBibDatabase, parseBibtex } from '../readers/bibtex';
import { parseCslJson } from '../readers/csl';
import { parseDigest } from '../readers/digestParser';
import { isListingLine, parseListing } from '../readers/listingParser';
import { assignKeys, type KeyMemory } from './keys';
import { mergeRecords, type MergedPaper } from './merge';
import type { Paper, ParseResult, PaperRecord, Problem } from './model';
import { looksBinary } from '../text';

export interface CorpusFile {
  path: string;
  text: string;
}

export interface Corpus {
  papers: Paper[];
  /** Every key and alias, to its paper. */
  byKey: Map<string, Paper>;
  problems: Problem[];
  /**
   * The keys each copy of a paper answered to, by its fingerprint: pass this corpus as
   * `previous` to the next build and no key it gave stops resolving. Plain data (JSON-able as
   * entries) so a host can keep it between sessions.
   */
  keyMemory?: KeyMemory;
}

export interface BuildOptions {
  /** The corpus this build replaces: its keys keep resolving to the same papers. */
  previous?: Pick<Corpus, 'keyMemory'>;
}

export type CorpusFormat = 'listing' | 'digest' | 'bibtex' | 'csl-json';

/** The listing has one paper per line ending in "N authors · DATE"; anything else is a digest. */
export function detectFormat(text: string): 'listing' | 'digest' {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 50);
  const listing = lines.filter(isListingLine).length;
  return lines.length > 0 && listing * 2 >= lines.length ? 'listing' : 'digest';
}

export function parseCorpusFile(file: CorpusFile): ParseResult {
  if (looksBinary(file.text)) {
    return { records: [], problems: [{ file: file.path, line: 1, severity: 'error', message: 'binary file, not a corpus; skipped' }] };
  }
  switch (formatOf(file)) {
    case 'bibtex':
      return parseBibtex(file.text, file.path);
    case 'csl-json':
      return parseCslJson(file.text, file.path);
    case 'listing':
      return parseListing(file.text, file.path);
    default:
      return parseDigest(file.text, file.path);
  }
}

/** By file name for bibliographies, by content for the seed formats. */
export function formatOf(file: CorpusFile): CorpusFormat {
  if (/\.(bib|bibtex|biblatex)$/i.test(file.path)) return 'bibtex';
  if (/\.(json|csljson)$/i.test(file.path)) return 'csl-json';
  return detectFormat(file.text);
}

/**
 * Never throws: a file that fails to parse in any way is a problem on that file and the other
 * files still load. All BibTeX files form one database, in the order given.
 */
export function buildCorpus(files: CorpusFile[], problems: Problem[] = [], options: BuildOptions = {}): Corpus {
  const records: PaperRecord[] = [];
  const allProblems = [...problems];
  for (const result of parseCorpusFiles(files)) {
    records.push(...result.records);
    allProblems.push(...result.problems);
  }
  return corpusFromRecords(records, allProblems, options);
}

/**
 * Parses each file, one result per file in the order given. The BibTeX files are read as one
 * database (macros and crossref targets shared, as biber reads several data sources) and its
 * records and problems handed back to the file they are about. Never throws.
 */
export function parseCorpusFiles(files: CorpusFile[]): ParseResult[] {
  const isBib = files.map((file) => !looksBinary(file.text) && formatOf(file) === 'bibtex');
  const bibFiles = files.filter((_, i) => isBib[i]);
  const byFile = new Map<string, ParseResult>(bibFiles.map((f) => [f.path, { records: [], problems: [] }]));
  if (bibFiles.length > 0) {
    const database = guarded(bibFiles[0].path, () => parseBibDatabase(bibFiles));
    for (const record of database.records) byFile.get(record.source.file)?.records.push(record);
    for (const problem of database.problems) (byFile.get(problem.file) ?? byFile.get(bibFiles[0].path))!.problems.push(problem);
  }
  return files.map((file, i) => {
    const result = isBib[i] ? byFile.get(file.path)! : guarded(file.path, () => parseCorpusFile(file));
    // A file of @string macros only (abbrev.bib) serves the others: no warning for it (the
    // text is searched only when the file gave nothing).
    const empty = result.records.length === 0 && result.problems.length === 0;
    if (empty && !(isBib[i] && /@\s*string\s*[{(]/i.test(file.text))) {
      result.problems.push({ file: file.path, line: 1, severity: 'warning', message: 'no papers found in this file' });
    }
    return result;
  });
}

function guarded(file: string, parse: () => ParseResult): ParseResult {
  try {
    return parse();
  } catch (error) {
    return { records: [], problems: [{ file, line: 1, severity: 'error', message: `could not read this file: ${(error as Error).message}` }] };
  }
}

export function corpusFromRecords(records: PaperRecord[], problems: Problem[], options: BuildOptions = {}): Corpus {
  const merged = mergeRecords(records);
  const keys = assignKeys(merged, options.previous?.keyMemory);
  reportDuplicateKeys(merged, problems);
  // Built field by field: object spread is slow at this count.
  const papers: Paper[] = merged.map((m, i) => ({
    key: keys[i].key,
    aliases: keys[i].aliases,
    title: m.title,
    authors: m.authors,
    authorCount: m.authorCount,
    date: m.date,
    abstract: m.abstract,
    venue: m.venue,
    pages: m.pages,
    publication: m.publication,
    urls: m.urls,
    topics: m.topics,
    sources: m.sources,
    ids: m.ids,
  }));
  const keyMemory: KeyMemory = new Map();
  merged.forEach((m, i) => {
    const all = keys[i].aliases.length === 0 ? [keys[i].key] : [keys[i].key, ...keys[i].aliases];
    for (const print of m.copyFingerprints) {
      const known = keyMemory.get(print);
      if (known) for (const key of all) !known.includes(key) && known.push(key);
      else keyMemory.set(print, all);
    }
  });
  const order = papers.map((_, i) => i).sort((a, b) => (papers[a].key < papers[b].key ? -1 : papers[a].key > papers[b].key ? 1 : 0));
  const sorted = order.map((i) => papers[i]);
  const byKey = new Map<string, Paper>();
  for (const paper of sorted) {
    byKey.set(paper.key, paper);
    for (const alias of paper.aliases) byKey.set(alias, paper);
  }
  return { papers: sorted, byKey, problems, keyMemory };
}

/** A key two different papers claim (a BibTeX key and a CSL id, two CSL files): both places are told. */
function reportDuplicateKeys(merged: MergedPaper[], problems: Problem[]): void {
  const claimed = new Map<string, { paper: MergedPaper; file: string; line: number }>();
  for (const paper of merged) {
    for (const copy of paper.copies) {
      if (!copy.ownKey) continue;
      const first = claimed.get(copy.ownKey);
      if (!first) claimed.set(copy.ownKey, { paper, file: copy.source.file, line: copy.source.line });
      // Within one CSL file the reader has said it already.
      else if (first.paper !== paper && first.file !== copy.source.file) {
        const message = (file: string, line: number) => `key "${copy.ownKey}" is also the key of a different paper at ${file}:${line}; only one of them answers to it`;
        problems.push({ file: copy.source.file, line: copy.source.line, severity: 'warning', message: message(first.file, first.line) });
        problems.push({ file: first.file, line: first.line, severity: 'warning', message: message(copy.source.file, copy.source.line) });
      }
    }
  }
}
