// The custom requests and notifications between the extension and the server: every method
// name, its params and its result, written once. The client imports this module and nothing
// else of the server (ESLint enforces it); the server registers its handlers from these types.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Paper } from './core/corpus/model';
import type { GraphExport } from './core/topics/graph';
import type { CitationCluster, RenderedCitations } from './core/output/citeproc';

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

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  uri: string;
  range: Range;
}

export interface PaperDetails {
  paper: Paper;
  summary: PaperSummary;
  /** The card as Markdown (corpus text escaped). */
  markdown: string;
  /** The card as plain text. */
  text: string;
  /** The card's topics (at most three, no weights): New Note from Paper writes them into `topics:`. */
  topics: string[];
  /** The paper's entry in its corpus file. */
  location: Location;
  /** URIs of the notes citing the paper. */
  citedIn: string[];
}

export interface TreeNode {
  id: string;
  /** `more`: the papers of a large topic left out of the tree (`ref` the topic's id). */
  kind: 'topic' | 'paper' | 'note' | 'more';
  label: string;
  description?: string;
  source?: string;
  count?: number;
  collapsible: boolean;
  /** Citation key of a paper, URI of a note. */
  ref?: string;
}

export interface RelatedPaperSummary {
  key: string;
  title: string;
  score: number;
  shared: string[];
}

export interface TopicSummary {
  id: string;
  label: string;
  source: string;
  count: number;
}

export interface SearchParams {
  query: string;
  limit?: number;
}

export interface GraphParams {
  topic?: string;
  related?: number;
  /** A local graph around this node id (`note:URI`, `paper:KEY`, a topic id), `depth` links out (1–3). */
  around?: string;
  depth?: number;
}

export type { GraphExport };

export const StatusNotification = new NotificationType<IndexStatus>('litnotes/status');
export const StatusRequest = new RequestType0<IndexStatus, void>('litnotes/status');
export const SearchRequest = new RequestType<SearchParams, PaperSummary[], void>('litnotes/search');
export const PaperRequest = new RequestType<{ key: string }, PaperDetails | null, void>('litnotes/paper');
export const RebuildRequest = new RequestType0<IndexStatus, void>('litnotes/rebuild');
export const TopicTreeRequest = new RequestType<{ id?: string }, TreeNode[], void>('litnotes/topicTree');
export const RelatedRequest = new RequestType<{ key: string; limit?: number }, RelatedPaperSummary[], void>('litnotes/related');
export const TopicsRequest = new RequestType<Record<string, never>, TopicSummary[], void>('litnotes/topics');
/** The citation under a position in an open note (for commands that act on "the key at the cursor"). */
export const CitationAtRequest = new RequestType<{ uri: string; position: Position }, { key: string; range: Range } | null, void>('litnotes/citationAt');
export const GraphRequest = new RequestType<GraphParams, GraphExport, void>('litnotes/graph');
/** The workspace key file as "Save Citation Key Memory" writes it (null without a folder). */
export const KeyMemoryFileRequest = new RequestType0<{ uri: string; text: string; keys: number } | null, void>('litnotes/keyMemoryFile');

/** One citation of a paper in a note (the Cited By view). */
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

/** The bibliography of the cited papers (Export Bibliography). */
export interface ExportResult {
  text: string;
  papers: number;
  /** Cited keys no paper has. */
  unknown: string[];
}

export const CitationsRequest = new RequestType<{ key: string }, CitationSiteInfo[], void>('litnotes/citations');
export const ExportRequest = new RequestType<{ format: 'bibtex' | 'csl-json'; uri?: string }, ExportResult, void>('litnotes/export');
/** Citations of a note for the Markdown preview, formatted by the server (citeproc-js). */
export interface RenderCitationsParams {
  uri: string;
  clusters: CitationCluster[];
  nocite: string[];
  /** Absolute path of a .csl style; the bundled APA style without it. */
  style?: string;
}
export type RenderCitationsResult = RenderedCitations & { styleProblem?: string };
export const RenderCitationsRequest = new RequestType<RenderCitationsParams, RenderCitationsResult, void>('litnotes/renderCitations');
