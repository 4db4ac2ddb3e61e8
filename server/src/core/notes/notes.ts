// What a note contributes to the index: its citations, tags, title and links, and the
// notes index that answers "who cites this paper".
import { codeLines, maskCodeSpans, scanCitations, type Citation } from './citations';
import { findUrls } from '../text';

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

export function analyzeNote(uri: string, text: string): NoteInfo {
  const lines = text.split(/\r?\n/);
  const front = frontMatter(lines);
  const skipped = codeLines(lines);
  const tags = new Set<string>(front.tags);
  const links: NoteLink[] = [];
  let heading: string | undefined;
  lines.forEach((line, n) => {
    if (skipped[n]) return;
    const masked = maskCodeSpans(line);
    heading ??= /^#\s+(.+?)\s*#*\s*$/.exec(masked)?.[1];
    for (const match of masked.matchAll(/(^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu)) {
      if (!/^\d+$/.test(match[2])) tags.add(match[2].toLowerCase());
    }
    let from = 0;
    for (const url of findUrls(masked)) {
      const start = masked.indexOf(url, from);
      if (start < 0) continue;
      links.push({ url, line: n, start, end: start + url.length });
      from = start + url.length;
    }
  });
  return {
    uri,
    title: front.title ?? heading ?? fileName(uri),
    citations: scanCitations(text),
    tags: [...tags],
    links,
  };
}

/** tags:/topics: (inline list, block list or comma string) and title: from YAML front matter. */
export function frontMatter(lines: string[]): { title?: string; tags: string[] } {
  const result: { title?: string; tags: string[] } = { tags: [] };
  if (lines[0]?.trim() !== '---') return result;
  let listKey: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '---' || line.trim() === '...') break;
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (item && listKey) {
      result.tags.push(...splitTags(item[1]));
      continue;
    }
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!field) continue;
    const [, name, value] = field;
    listKey = undefined;
    if (name === 'title') result.title = unquote(value.trim()) || undefined;
    else if (name === 'tags' || name === 'topics' || name === 'keywords') {
      if (value.trim() === '') listKey = name;
      else result.tags.push(...splitTags(value.replace(/^\[|\]$/g, '')));
    }
  }
  return result;
}

function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((t) => unquote(t.trim()).replace(/^#/, '').toLowerCase())
    .filter((t) => t.length > 0);
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
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
