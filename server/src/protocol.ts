// The shapes of the custom requests and notifications, shared by the server and the client
// (the client imports these types only; nothing of the server is bundled into it).

export interface IndexStatus {
  state: 'starting' | 'indexing' | 'ready';
  papers: number;
  notes: number;
  problems: number;
  /** False while abstract words are still being indexed (keys, titles, authors already work). */
  abstractsIndexed: boolean;
}

export interface PaperSummary {
  key: string;
  title: string;
  credit: string;
  authors: string;
  date: string;
  abstractStart: string;
}

export interface TreeNode {
  id: string;
  kind: 'topic' | 'paper' | 'note';
  label: string;
  description?: string;
  source?: string;
  count?: number;
  collapsible: boolean;
  /** Citation key of a paper, URI of a note. */
  ref?: string;
}

/** One citation of a paper in a note (the "Cited by" view). */
export interface CitationSiteInfo {
  uri: string;
  name: string;
  /** 0-based line and columns of the citation. */
  line: number;
  start: number;
  end: number;
  /** The line's text, when the note is open in the editor. */
  text?: string;
}

/** The bibliography of the cited papers, for Export Bibliography. */
export interface ExportResult {
  text: string;
  papers: number;
  /** Cited keys no paper has. */
  unknown: string[];
}
