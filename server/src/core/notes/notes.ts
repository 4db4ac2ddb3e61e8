// What a note contributes to the index: its citations, tags, title and links, and the
// notes index that answers "who cites this paper".
import { citationsInLine, codeState, maskCodeSpans, type Citation, type CodeState } from './citations';
import { scanUrls, splitLines } from '../text';

export interface NoteLink {
  url: string;
  line: number;
  start: number;
  end: number;
}

export interface NoteInfo {
  uri: string;
  title: string;
  citations: Citation[];
  /** From #tags in the text and tags:/topics: in front matter, lowercase, without "#". */
  tags: string[];
  links: NoteLink[];
}

/** A note's tags feed the topic graph: more than this many is not a note's topics but noise. */
export const MAX_TAGS = 1000;

export function analyzeNote(uri: string, text: string): NoteInfo {
  return scanNote(uri, text).info;
}

/**
 * A note's analysis with what it was computed from: the lines, which are code, which hold "#".
 * An edit of an open note is analysed again from it (rescanNote, rescanLines), scanning only
 * the lines the edit changed.
 */
export interface NoteScan {
  info: NoteInfo;
  /** The lines analysed; for an open document, the editor's own array (it changes with it). */
  lines: readonly string[];
  /** 1 for a line of front matter or code, which holds no citations. */
  skipped: Uint8Array;
  /** The code scanner's state at each line (see CodeState). */
  code: CodeState;
  /** 1 for a line holding "#" (a heading or a tag: the title and tags come from those). */
  hashes: Uint8Array;
}

export function scanNote(uri: string, text: string): NoteScan {
  return scanNoteLines(uri, splitLines(text));
}

/** A whole analysis of a note's lines (as splitLines gives them). */
export function scanNoteLines(uri: string, lines: readonly string[]): NoteScan {
  const code = codeState(lines);
  const citations: Citation[] = [];
  const links: NoteLink[] = [];
  scanLines(lines, code.skipped, 0, lines.length, citations, links);
  const hashes = hashLines(lines, 0, lines.length);
  return { info: { uri, ...titleAndTags(uri, lines, code.skipped, hashes), citations, links }, lines, skipped: code.skipped, code, hashes };
}

/** 1 for each of lines [from, to) that holds "#". */
export function hashLines(lines: readonly string[], from: number, to: number): Uint8Array {
  const hashes = new Uint8Array(to - from);
  for (let n = from; n < to; n++) if (lines[n].includes('#')) hashes[n - from] = 1;
  return hashes;
}

/** Citations and links of lines [from, to), appended in line order. */
export function scanLines(lines: readonly string[], skipped: Uint8Array, from: number, to: number, citations: Citation[], links: NoteLink[]): void {
  for (let n = from; n < to; n++) {
    if (skipped[n]) continue;
    const line = lines[n];
    const masked = maskCodeSpans(line);
    citationsInLine(masked, n, citations);
    for (const span of scanUrls(masked)) links.push({ url: span.url, line: n, start: span.start, end: span.end });
  }
}

/** The title (front matter, first heading, file name) and the tags; only lines with "#" are masked. */
export function titleAndTags(uri: string, lines: readonly string[], skipped: Uint8Array, hashes?: Uint8Array): { title: string; tags: string[] } {
  const front = frontMatter(lines);
  const tags = new Set<string>(front.tags);
  let heading: string | undefined;
  for (let n = 0; n < lines.length; n++) {
    if (skipped[n] || (hashes ? !hashes[n] : !lines[n].includes('#'))) continue;
    const masked = maskCodeSpans(lines[n]);
    heading ??= headingTitle(masked);
    if (tags.size < MAX_TAGS && masked.includes('#')) {
      for (const match of masked.matchAll(/(^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu)) {
        if (!/^\d+$/.test(match[2])) tags.add(match[2].toLowerCase());
      }
    }
  }
  return { title: front.title ?? heading ?? fileName(uri), tags: [...tags].slice(0, MAX_TAGS) };
}

/**
 * The text of a level-1 ATX heading ("# Title", "# Title ##"), or undefined. A scanner: the
 * regex it replaces backtracked on "# a" followed by thousands of spaces.
 */
export function headingTitle(line: string): string | undefined {
  if (line[0] !== '#' || !isSpace(line[1])) return undefined;
  let end = line.length;
  while (end > 1 && isSpace(line[end - 1])) end--;
  // An optional closing run of "#", when a space stands before it (CommonMark).
  let hashes = end;
  while (hashes > 1 && line[hashes - 1] === '#') hashes--;
  if (hashes < end && isSpace(line[hashes - 1])) end = hashes;
  let start = 1;
  while (start < end && isSpace(line[start])) start++;
  while (end > start && isSpace(line[end - 1])) end--;
  return end > start ? line.slice(start, end) : undefined;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** tags:/topics: (inline list, block list or comma string) and title: from YAML front matter. */
export function frontMatter(lines: readonly string[]): { title?: string; tags: string[] } {
  const result: { title?: string; tags: string[] } = { tags: [] };
  if (lines[0]?.trim() !== '---') return result;
  let listKey: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '---' || trimmed === '...') break;
    // "- item" under a list key (string operations: no regex backtracking on long lines).
    if (listKey && trimmed.startsWith('-') && (trimmed.length === 1 || /\s/.test(trimmed[1]))) {
      const item = trimmed.slice(1).trim();
      if (item && result.tags.length < MAX_TAGS) result.tags.push(...splitTags(item));
      continue;
    }
    const field = yamlField(line);
    if (!field) continue;
    const { name, value } = field;
    listKey = undefined;
    if (name === 'title') result.title = unquote(value) || undefined;
    else if (name === 'tags' || name === 'topics' || name === 'keywords') {
      if (value === '') listKey = name;
      else if (result.tags.length < MAX_TAGS) result.tags.push(...splitTags(value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value.replace(/^\[|\]$/g, '')));
    }
  }
  return result;
}

/** "name: value" at the start of a line, with the value trimmed; undefined for anything else. */
function yamlField(line: string): { name: string; value: string } | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const name = line.slice(0, colon).trimEnd();
  if (!/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
  return { name, value: line.slice(colon + 1).trim() };
}

function splitTags(value: string): string[] {
  return value
    .split(',', MAX_TAGS)
    .map((t) => unquote(t.trim()).replace(/^#/, '').toLowerCase())
    .filter((t) => t.length > 0);
}

function unquote(value: string): string {
  const first = value[0];
  return value.length >= 2 && (first === '"' || first === "'") && value[value.length - 1] === first ? value.slice(1, -1) : value;
}

function fileName(uri: string): string {
  const last = decodeURIComponent(uri.split('/').pop() ?? uri);
  return last.replace(/\.(md|markdown|qmd|rmd)$/i, '');
}

export interface CitationSite {
  uri: string;
  citation: Citation;
}

/** Every note's analysis, and the citations of each key across all notes. */
export class NotesIndex {
  private readonly notes = new Map<string, NoteInfo>();
  /** key -> note -> its citations there, in text order; the same lists as keysByNote holds. */
  private readonly sitesByKey = new Map<string, Map<string, Citation[]>>();
  /** note -> key -> its citations, so a note's keys are looked at once each, not per citation. */
  private readonly keysByNote = new Map<string, Map<string, Citation[]>>();
  /** Goes up with every change, so derived data (the topic graph) knows when to redo itself. */
  version = 0;

  set(note: NoteInfo): void {
    this.delete(note.uri);
    this.version++;
    this.notes.set(note.uri, note);
    const byKey = new Map<string, Citation[]>();
    for (const citation of note.citations) {
      const list = byKey.get(citation.key);
      if (list) list.push(citation);
      else byKey.set(citation.key, [citation]);
    }
    this.keysByNote.set(note.uri, byKey);
    for (const [key, list] of byKey) this.sitesOf(key).set(note.uri, list);
  }

  /**
   * A note analysed again after an edit (rescanNote): only the citations it lost and gained
   * change the index; the others are the same objects as before.
   */
  replaceCitations(note: NoteInfo, removed: readonly Citation[], added: readonly Citation[]): void {
    const byKey = this.keysByNote.get(note.uri);
    if (!this.notes.has(note.uri) || !byKey) return this.set(note);
    this.version++;
    this.notes.set(note.uri, note);
    const gone = new Set(removed);
    for (const key of new Set(removed.map((c) => c.key))) {
      const byUri = this.sitesByKey.get(key);
      const kept = byKey.get(key)?.filter((c) => !gone.has(c));
      if (!byUri || !kept) continue;
      if (kept.length > 0) {
        byUri.set(note.uri, kept);
        byKey.set(key, kept);
      } else {
        byUri.delete(note.uri);
        byKey.delete(key);
      }
      if (byUri.size === 0) this.sitesByKey.delete(key);
    }
    for (const citation of added) {
      const list = byKey.get(citation.key);
      if (list) list.splice(positionOf(list, citation), 0, citation);
      else {
        const fresh = [citation];
        byKey.set(citation.key, fresh);
        this.sitesOf(citation.key).set(note.uri, fresh);
      }
    }
  }

  delete(uri: string): void {
    const old = this.notes.get(uri);
    if (!old) return;
    this.version++;
    this.notes.delete(uri);
    for (const key of this.keysByNote.get(uri)?.keys() ?? []) {
      const byUri = this.sitesByKey.get(key);
      byUri?.delete(uri);
      if (byUri && byUri.size === 0) this.sitesByKey.delete(key);
    }
    this.keysByNote.delete(uri);
  }

  /**
   * A note's citations whose key passes a test, in text order: the first `limit` of them and
   * how many there are. Each key the note cites is tested once (a large note cites 200,000
   * times, mostly the same few thousand keys); the citations are walked only to find the first
   * `limit`, and not at all when the passing keys are cited fewer times than that.
   */
  citationsWhere(uri: string, test: (key: string) => boolean, limit: number): { first: Citation[]; count: number } {
    return runToEnd(this.citationsWhereSteps(uri, test, limit));
  }

  /**
   * citationsWhere a step at a time (each `next()` tests KEYS_PER_STEP keys or walks
   * CITATIONS_PER_STEP citations), so the debounced diagnostics of a large note run in slices
   * between requests. The caller stops stepping once the note changes.
   */
  *citationsWhereSteps(uri: string, test: (key: string) => boolean, limit: number): Generator<void, { first: Citation[]; count: number }> {
    const passing = new Set<string>();
    const few: Citation[] = [];
    let count = 0;
    let tested = 0;
    for (const [key, list] of this.keysByNote.get(uri) ?? []) {
      if (++tested % KEYS_PER_STEP === 0) yield;
      if (!test(key)) continue;
      passing.add(key);
      count += list.length;
      if (count <= limit) for (const citation of list) few.push(citation);
    }
    if (count <= limit) return { first: few.sort(byPosition), count };
    const first: Citation[] = [];
    const citations = this.notes.get(uri)?.citations ?? [];
    for (let n = 0; n < citations.length && first.length < limit; n++) {
      if (n % CITATIONS_PER_STEP === CITATIONS_PER_STEP - 1) yield;
      if (passing.has(citations[n].key)) first.push(citations[n]);
    }
    return { first, count };
  }

  private sitesOf(key: string): Map<string, Citation[]> {
    let byUri = this.sitesByKey.get(key);
    if (!byUri) this.sitesByKey.set(key, (byUri = new Map()));
    return byUri;
  }

  /** Whether the note cites the key (without building a set of its keys). */
  cites(uri: string, key: string): boolean {
    return this.sitesByKey.get(key)?.has(uri) ?? false;
  }

  get(uri: string): NoteInfo | undefined {
    return this.notes.get(uri);
  }

  all(): NoteInfo[] {
    return [...this.notes.values()];
  }

  get size(): number {
    return this.notes.size;
  }

  citationsOf(key: string): CitationSite[] {
    const sites: CitationSite[] = [];
    for (const [uri, citations] of this.sitesByKey.get(key) ?? []) for (const citation of citations) sites.push({ uri, citation });
    return sites;
  }

  /** How many notes cite the key. */
  citingNotes(key: string): number {
    return this.sitesByKey.get(key)?.size ?? 0;
  }

  citedKeys(): string[] {
    return [...this.sitesByKey.keys()];
  }
}

function byPosition(a: Citation, b: Citation): number {
  return a.line - b.line || a.start - b.start;
}

/** Where a citation goes in a list in text order. */
function positionOf(list: readonly Citation[], citation: Citation): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = list[middle];
    if (other.line < citation.line || (other.line === citation.line && other.start < citation.start)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Keys tested, and citations walked, per step of NotesIndex.citationsWhereSteps (well under a millisecond). */
const KEYS_PER_STEP = 1000;
const CITATIONS_PER_STEP = 10000;

/** Runs stepwise work to its end at once (for callers that need the answer now). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The citations on lines [from, to] (citations in text order: a binary search, then only
 * those lines), for requests about what the editor shows: inlay hints, the quick fixes at the
 * cursor. A large note cites 200,000 times; a screen shows a few dozen.
 */
export function citationsInLines(citations: readonly Citation[], from: number, to: number): Citation[] {
  const found: Citation[] = [];
  for (let n = firstAtLine(citations, from); n < citations.length && citations[n].line <= to; n++) found.push(citations[n]);
  return found;
}

/** The index of the first item at or below a line (items are in line order): a binary search. */
export function firstAtLine(items: readonly { line: number }[], line: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle].line < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The citation under a position, if any (citations in text order: a binary search). */
export function citationAt(citations: readonly Citation[], line: number, character: number): Citation | undefined {
  let low = 0;
  let high = citations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const c = citations[middle];
    if (c.line < line || (c.line === line && c.end < character)) low = middle + 1;
    else high = middle;
  }
  const found = citations[low];
  return found && found.line === line && found.start <= character && character <= found.end ? found : undefined;
}

/**
 * The text readPandocMeta needs from a note's lines: the front matter block with its closing
 * line (or nothing when there is none), not the whole note.
 */
export function frontMatterText(lines: readonly string[]): string {
  if (lines.length < 2 || !/^---[ \t]*$/.test(lines[0])) return '';
  for (let n = 1; n < lines.length; n++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[n])) return lines.slice(0, n + 1).join('\n') + '\n';
  return '';
}

/**
 * The last `count` different keys a note cites, the last cited last: what completion remembers
 * of a note, found from its end (a large note cites 200,000 times).
 */
export function lastCitedKeys(citations: readonly Citation[], count: number): string[] {
  const keys = new Set<string>();
  for (let i = citations.length - 1; i >= 0 && keys.size < count; i--) keys.add(citations[i].key);
  return [...keys].reverse();
}
