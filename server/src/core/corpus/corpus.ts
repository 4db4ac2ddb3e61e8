// From corpus files (path + text) to the papers a user cites: parse each file in its format,
// merge duplicates, assign keys. Plain data in, plain data out.
import { parseBibtex } from '../readers/bibtex';
import { parseCslJson } from '../readers/csl';
import { parseDigest } from '../readers/digestParser';
import { isListingLine, parseListing } from '../readers/listingParser';
import { assignKeys } from './keys';
import { mergeRecords } from './merge';
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

export function buildCorpus(files: CorpusFile[], problems: Problem[] = []): Corpus {
  const records: PaperRecord[] = [];
  const allProblems = [...problems];
  for (const file of files) {
    const result = parseCorpusFile(file);
    records.push(...result.records);
    allProblems.push(...result.problems);
    if (result.records.length === 0 && result.problems.length === 0) {
      allProblems.push({ file: file.path, line: 1, severity: 'warning', message: 'no papers found in this file' });
    }
  }
  return corpusFromRecords(records, allProblems);
}

export function corpusFromRecords(records: PaperRecord[], problems: Problem[]): Corpus {
  const merged = mergeRecords(records);
  const keys = assignKeys(merged);
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
    urls: m.urls,
    topics: m.topics,
    sources: m.sources,
    ids: m.ids,
  }));
  papers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byKey = new Map<string, Paper>();
  for (const paper of papers) {
    byKey.set(paper.key, paper);
    for (const alias of paper.aliases) byKey.set(alias, paper);
  }
  return { papers, byKey, problems };
}
