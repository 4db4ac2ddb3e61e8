// The corpus model: plain data shared by the parsers, the index, the server and the CLI.
// Every field a source file does not state is left undefined; nothing is guessed.

export interface Author {
  /** With any "von" part: "van der Berg". A corporate author is a family name alone. */
  family: string;
  given?: string;
  /** "Jr", "III". */
  suffix?: string;
}

/** Identifiers that make two records the same paper whatever their titles say. */
export interface PaperIds {
  /** Lowercase, without the resolver prefix. */
  doi?: string;
  /** Without the version. */
  arxiv?: string;
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
  /**
   * How many authors there are, when a source says: the listing gives only this count; a
   * bibliography's "and others" leaves it unknown although names are given.
   */
  authorCount?: number;
  date: PaperDate;
  abstract?: string;
  /** Where it appeared (journal, proceedings, publisher), as the source states it. */
  venue?: string;
  /** "12--34", "e1021", as the source states it. */
  pages?: string;
  urls: string[];
  topics: TopicRef[];
  sources: SourceLocation[];
  ids?: PaperIds;
  /** What a bibliography states for formatting a reference (type, volume, issue, publisher). */
  publication?: Publication;
}

/** Details a reference list shows, as a BibTeX or CSL-JSON entry states them (CSL's names). */
export interface Publication {
  /** A CSL item type: "article-journal", "paper-conference", "book", "chapter", "thesis", "report", … */
  type?: string;
  volume?: string;
  issue?: string;
  publisher?: string;
  publisherPlace?: string;
  /**
   * BibTeX: what pandoc sentence-cases before citeproc sees it, as written. The preview does it
   * (pandoc/cslItems.ts) for the few papers it shows, not the reader for every entry.
   */
  bibtex?: BibtexTitles;
}

/** A BibTeX entry's titles as written, where they are more than the text the paper keeps. */
export interface BibtexTitles {
  /** The entry type ("inproceedings"): pandoc also sentence-cases a chapter's book title. */
  type: string;
  /** langid / hyphenation: pandoc sentence-cases English entries only. */
  language?: string;
  /** The title with its LaTeX and braces; absent where it reads as the paper's title. */
  title?: string;
  /** A book title that is the paper's venue (a chapter, a proceedings paper), with its LaTeX; '' where it reads as the venue. */
  booktitle?: string;
  /** biblatex's subtitle and title addition (of the book, for an entry titled by its book title), joined into the title as pandoc joins them. */
  subtitle?: string;
  titleaddon?: string;
  /** The book title's subtitle and addition, for the container of a chapter. */
  booksubtitle?: string;
  booktitleaddon?: string;
}

/** One copy of a paper as a single source states it, before duplicates are merged. */
export type PaperRecord = Omit<Paper, 'key' | 'aliases' | 'sources'> & {
  source: SourceLocation;
  /** A citation key the source itself gives (BibTeX, CSL-JSON). */
  ownKey?: string;
  /** Other keys the source says the entry answers to (biblatex `ids`). */
  aliasKeys?: string[];
  /** The source gives no title; `title` is a stand-in and never used to merge. */
  untitled?: boolean;
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
