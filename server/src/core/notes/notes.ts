// What a note contributes to the index: its citations, tags, title and links, and the
// notes index that answers "who cites this paper".
import { citationsInLine, codeLines, maskCodeSpans, type Citation } from './citations';
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
  const lines = splitLines(text);
  const front = frontMatter(lines);
  const skipped = codeLines(lines);
  const tags = new Set<string>(front.tags);
  const links: NoteLink[] = [];
  let heading: string | undefined;
  const citations: Citation[] = [];
  lines.forEach((line, n) => {
    if (skipped[n]) return;
    const masked = maskCodeSpans(line);
    citationsInLine(masked, n, citations);
    heading ??= headingTitle(masked);
    if (tags.size < MAX_TAGS && masked.includes('#')) {
      for (const match of masked.matchAll(/(^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu)) {
        if (!/^\d+$/.test(match[2])) tags.add(match[2].toLowerCase());
      }
    }
    for (const span of scanUrls(masked)) links.push({ url: span.url, line: n, start: span.start, end: span.end });
  });
  return {
    uri,
    title: front.title ?? heading ?? fileName(uri),
    citations,
    tags: [...tags].slice(0, MAX_TAGS),
    links,
  };
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
export function frontMatter(lines: string[]): { title?: string; tags: string[] } {
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
  private readonly sitesByKey = new Map<string, Map<string, Citation[]>>();
  /** Goes up with every change, so derived data (the topic graph) knows when to redo itself. */
  version = 0;

  set(note: NoteInfo): void {
    this.delete(note.uri);
    this.version++;
    this.notes.set(note.uri, note);
    for (const citation of note.citations) {
      let byUri = this.sitesByKey.get(citation.key);
      if (!byUri) this.sitesByKey.set(citation.key, (byUri = new Map()));
      const list = byUri.get(note.uri);
      if (list) list.push(citation);
      else byUri.set(note.uri, [citation]);
    }
  }

  delete(uri: string): void {
    const old = this.notes.get(uri);
    if (!old) return;
    this.version++;
    this.notes.delete(uri);
    for (const citation of old.citations) {
      const byUri = this.sitesByKey.get(citation.key);
      byUri?.delete(uri);
      if (byUri && byUri.size === 0) this.sitesByKey.delete(citation.key);
    }
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
