// The corpus model: plain data shared by the parsers, the index, the server and the CLI.
// Every field a source file does not state is left undefined; nothing is guessed.

export interface Author {
  family: string;
  given?: string;
}

export interface PaperDate {
  year?: number;
  /** 1 to 12 */
  month?: number;
  day?: number;
}

export type TopicKind = 'header' | 'subject' | 'place' | 'keyword' | 'mined';

export interface TopicRef {
  kind: TopicKind;
  /** Parent to child, e.g. ["Information Technology", "Artificial Intelligence"]. */
  path: string[];
  weight?: number;
}

export interface SourceLocation {
  file: string;
  /** 1-based line number. */
  line: number;
}

export interface Paper {
  key: string;
  /** Other keys that resolve to this paper (e.g. a bibliography key merged into it). */
  aliases: string[];
  title: string;
  authors?: Author[];
  /** Known even when names are not (the listing format gives only a count). */
  authorCount?: number;
  date: PaperDate;
  abstract?: string;
  urls: string[];
  topics: TopicRef[];
  sources: SourceLocation[];
}

/** One copy of a paper as a single source states it, before duplicates are merged. */
export type PaperRecord = Omit<Paper, 'key' | 'aliases' | 'sources'> & {
  source: SourceLocation;
  /** A citation key the source itself gives (BibTeX, CSL-JSON). */
  ownKey?: string;
};

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  file: string;
  line: number;
  severity: Severity;
  message: string;
}

export interface ParseResult {
  records: PaperRecord[];
  problems: Problem[];
}
