// What the writing flow needs from the indexes: the notes citing a paper (for the card's links
// and the Cited By view), a search that keeps results while a word is mistyped, papers already
// cited ranked first among equals, "did you mean" only for close keys, and the bibliography of
// what the notes cite. Plain functions over the service's state.
import type { Corpus } from '../core/corpus/corpus';
import type { Paper } from '../core/corpus/model';
import type { NotesIndex } from '../core/notes/notes';
import type { CitingNote } from '../core/output/card';
import { toBibtex, toCslJson } from '../core/output/export';
import type { PaperSearch, SearchHit } from '../core/search/search';
import type { CitationSiteInfo, ExportResult } from '../protocol';

/** Hovers are height-capped: a long abstract is cut there, with a link to the whole card. */
export const HOVER_ABSTRACT_CHARS = 280;
/** At most this many new "did you mean" searches per publish of a note, within this time. */
const SUGGEST_FOR_FIRST = 50;
const SUGGEST_BUDGET_MS = 15;

export function noteName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The notes citing a paper (under any of its keys), by name, with the line of each citation. */
export function citingNotes(notes: NotesIndex, paper: Paper, clientUri: (uri: string) => string): CitingNote[] {
  const byUri = new Map<string, CitingNote>();
  for (const key of [paper.key, ...paper.aliases]) {
    for (const site of notes.citationsOf(key)) {
      let note = byUri.get(site.uri);
      if (!note) byUri.set(site.uri, (note = { uri: clientUri(site.uri), name: noteName(site.uri), lines: [] }));
      note.lines.push(site.citation.line);
    }
  }
  for (const note of byUri.values()) note.lines.sort((a, b) => a - b);
  return [...byUri.values()].sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
}

/** Every citation of a paper, note by note, line by line (the Cited By view). */
export function citationSites(notes: NotesIndex, corpus: Corpus, key: string, clientUri: (uri: string) => string, lineText: (uri: string, line: number) => string | undefined): CitationSiteInfo[] {
  const paper = corpus.byKey.get(key);
  const keys = paper ? [paper.key, ...paper.aliases] : [key];
  return keys
    .flatMap((k) => notes.citationsOf(k))
    .map(({ uri, citation }) => ({
      uri: clientUri(uri),
      name: noteName(uri),
      line: citation.line,
      start: citation.start,
      end: citation.end,
      text: lineText(uri, citation.line)?.trim().slice(0, 200),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri) || a.line - b.line || a.start - b.start);
}

/**
 * The search for a word being typed: when the whole word finds nothing (a typo inside a
 * prefix, "equivarin"), the results for the longest shorter prefix that finds something, so
 * a list that was open stays open with what the user was heading for.
 */
export function searchWhileTyping(search: Pick<PaperSearch, 'search'>, query: string, limit: number): SearchHit[] {
  let hits = search.search(query, limit);
  const trimmed = query.trimEnd();
  for (let cut = 1; hits.length === 0 && cut <= 3 && trimmed.length - cut >= 3; cut++) hits = search.search(trimmed.slice(0, -cut), limit);
  return hits;
}

/** Keys cited in the notes the user has been writing in (completion asks there), newest last. */
/** How many recently cited keys completion remembers. */
export const RECENT_CITATIONS = 500;

export class RecentCitations {
  private readonly keys = new Map<string, number>();
  private clock = 0;

  remember(keys: Iterable<string>): void {
    for (const key of keys) {
      this.keys.delete(key);
      this.keys.set(key, ++this.clock);
    }
    while (this.keys.size > RECENT_CITATIONS) this.keys.delete(this.keys.keys().next().value!);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}

/**
 * Among papers that match about equally well, the ones this note already cites come first,
 * then the ones cited lately, then any the workspace cites.
 */
export function preferCited(hits: SearchHit[], inNote: { has(key: string): boolean }, recent: RecentCitations, notes: NotesIndex): SearchHit[] {
  const boost = (key: string) => (inNote.has(key) ? 0.6 : recent.has(key) ? 0.4 : notes.citingNotes(key) > 0 ? 0.2 : 0);
  return hits
    .map((hit, rank) => ({ hit, rank, score: hit.score + boost(hit.paper.key) }))
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map((h) => h.hit);
}

/** Words of a key, for a search: "hu2021lora" → "hu 2021 lora". */
export function keyWords(key: string): string {
  return (key.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []).join(' ');
}

/**
 * Papers an unknown key probably meant: keys within a real edit distance (one edit per four
 * characters), or papers whose author, year and title words all match the key's words.
 */
export function didYouMean(search: PaperSearch, key: string, limit = 3): Paper[] {
  const wanted = key.toLowerCase();
  const words = keyWords(key).split(' ').filter((w) => w.length > 0);
  const maxEdits = Math.max(1, Math.floor(wanted.length / 4));
  const found: Paper[] = [];
  for (const hit of search.search(key, 20)) {
    const paper = hit.paper;
    const close = [paper.key, ...paper.aliases].some((k) => editDistance(wanted, k.toLowerCase(), maxEdits) <= maxEdits);
    if ((close || strongMatch(paper, words)) && !found.includes(paper)) found.push(paper);
    if (found.length === limit) break;
  }
  return found;
}

/**
 * "Did you mean" per key, remembered until the corpus changes (notes are re-checked on every
 * edit). Each search takes milliseconds on a large corpus, so one publish spends at most
 * SUGGEST_BUDGET_MS on keys it has not seen; the rest get their hint on a later publish (the
 * quick fixes always look).
 */
export function suggestionCache(): (search: PaperSearch) => (key: string) => string[] {
  let forSearch: PaperSearch | undefined;
  let byKey = new Map<string, string[]>();
  return (search) => {
    if (forSearch !== search) {
      forSearch = search;
      byKey = new Map();
    }
    const deadline = performance.now() + SUGGEST_BUDGET_MS;
    let looked = 0;
    return (key) => {
      const known = byKey.get(key);
      if (known) return known;
      if (looked >= SUGGEST_FOR_FIRST || (looked > 0 && performance.now() > deadline)) return [];
      looked++;
      const keys = didYouMean(search, key).map((p) => p.key);
      if (byKey.size > 5000) byKey.clear();
      byKey.set(key, keys);
      return keys;
    };
  };
}

/** Every word of the key names the paper: a year equal to its year, the others an author or a title word. */
function strongMatch(paper: Paper, words: string[]): boolean {
  if (words.length < 2) return false;
  const names = (paper.authors ?? []).flatMap((a) => a.family.toLowerCase().split(/\s+/));
  const titleWords = paper.title.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
  return words.every((word) =>
    /^\d+$/.test(word)
      ? paper.date.year !== undefined && String(paper.date.year) === word
      : word.length >= 2 && (names.includes(word) || titleWords.some((t) => t === word || (word.length >= 4 && t.startsWith(word)))),
  );
}

/** Damerau–Levenshtein (an adjacent swap counts one), giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The papers the notes cite (all notes, or one), as BibTeX or CSL-JSON; unknown keys listed. */
export function exportCited(notes: NotesIndex, corpus: Corpus, format: 'bibtex' | 'csl-json', canonicalNote?: string): ExportResult {
  const keys = new Set<string>();
  const chosen = canonicalNote ? [notes.get(canonicalNote)].filter((n) => n !== undefined) : notes.all();
  for (const note of chosen) for (const citation of note.citations) keys.add(citation.key);
  const papers: Paper[] = [];
  const unknown: string[] = [];
  for (const key of [...keys].sort()) {
    const paper = corpus.byKey.get(key);
    if (!paper) unknown.push(key);
    else if (!papers.includes(paper)) papers.push(paper);
  }
  return { text: format === 'bibtex' ? toBibtex(papers) : toCslJson(papers), papers: papers.length, unknown };
}
