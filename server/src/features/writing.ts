// What the writing flow needs from the index: the card's extras (the notes citing a paper, its
// related papers), a search that keeps results while a word is mistyped, "did you mean" that
// only suggests close keys, the notes citing a paper with their lines, and the bibliography of
// what the notes cite.
import { RequestType } from 'vscode-languageserver/node';
import type { Paper } from '../core/corpus/model';
import type { CardExtras, CitingNote } from '../core/output/card';
import type { SearchHit } from '../core/search/search';
import { toBibtex, toCslJson } from '../core/output/export';
import type { ServerContext } from '../context';
import type { CitationSiteInfo, ExportResult } from '../protocol';
import type { LitWorkspace } from '../workspace';

export const CitationsRequest = new RequestType<{ key: string }, CitationSiteInfo[], void>('litnotes/citations');
export const ExportRequest = new RequestType<{ format: 'bibtex' | 'csl-json'; uri?: string }, ExportResult, void>('litnotes/export');

/** The notes citing a paper, by name, with the line of each citation. */
export function citingNotes(workspace: LitWorkspace, key: string): CitingNote[] {
  const byUri = new Map<string, CitingNote>();
  for (const site of workspace.notes.citationsOf(key)) {
    let note = byUri.get(site.uri);
    if (!note) byUri.set(site.uri, (note = { uri: site.uri, name: noteName(site.uri), lines: [] }));
    note.lines.push(site.citation.line);
  }
  return [...byUri.values()].sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
}

export function cardExtras(context: ServerContext, paper: Paper, options: { related?: boolean; abstractLimit?: number } = {}): CardExtras {
  const citedIn = citingNotes(context.workspace, paper.key);
  return {
    citedBy: citedIn.length,
    citedIn,
    related: options.related === false ? undefined : context.related?.(paper.key),
    abstractLimit: options.abstractLimit,
  };
}

function noteName(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}

/**
 * The search for a word being typed: when the whole word finds nothing (a typo inside a
 * prefix, "equivarin"), the results for the longest shorter prefix that finds something, so
 * a list that was open stays open with what the user was heading for.
 */
export function searchWhileTyping(workspace: LitWorkspace, query: string, limit: number): SearchHit[] {
  let hits = workspace.search.search(query, limit);
  for (let cut = 1; hits.length === 0 && cut <= 3 && query.trim().length - cut >= 3; cut++) {
    hits = workspace.search.search(query.trimEnd().slice(0, -cut), limit);
  }
  return hits;
}

/** Keys cited in the notes the user has worked in lately (completion asks in them), newest last. */
const recentKeys = new Map<string, number>();
let recentClock = 0;

export function rememberCitations(workspace: LitWorkspace, uri: string): void {
  for (const citation of workspace.notes.get(uri)?.citations ?? []) {
    recentKeys.delete(citation.key);
    recentKeys.set(citation.key, ++recentClock);
  }
  while (recentKeys.size > 500) recentKeys.delete(recentKeys.keys().next().value!);
}

/**
 * Among papers that match about equally well, the ones this note already cites come first,
 * then the ones cited lately in the workspace, then any cited at all.
 */
export function preferCited(workspace: LitWorkspace, uri: string, hits: SearchHit[]): SearchHit[] {
  const inNote = new Set(workspace.notes.get(uri)?.citations.map((c) => c.key));
  const boost = (key: string) => (inNote.has(key) ? 0.6 : recentKeys.has(key) ? 0.4 : workspace.notes.citingNotes(key) > 0 ? 0.2 : 0);
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
 * Papers an unknown key probably meant: keys within a real edit distance (one edit in four
 * characters), or papers whose authors, year and title words all match the key's words.
 */
export function didYouMean(workspace: LitWorkspace, key: string, limit = 3): Paper[] {
  const wanted = key.toLowerCase();
  const words = keyWords(key).split(' ').filter((w) => w.length > 0);
  const maxEdits = Math.max(1, Math.floor(wanted.length / 4));
  const found: Paper[] = [];
  for (const hit of workspace.search.search(keyWords(key), 20)) {
    const paper = hit.paper;
    const close = [paper.key, ...paper.aliases].some((k) => editDistance(wanted, k.toLowerCase(), maxEdits) <= maxEdits);
    if ((close || strongMatch(paper, words)) && !found.includes(paper)) found.push(paper);
    if (found.length === limit) break;
  }
  return found;
}

/** Every word of the key names the paper: a year equal to its year, others an author or title word. */
function strongMatch(paper: Paper, words: string[]): boolean {
  if (words.length < 2) return false;
  const names = new Set((paper.authors ?? []).map((a) => a.family.toLowerCase()));
  const titleWords = paper.title.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
  return words.every((word) =>
    /^\d+$/.test(word)
      ? paper.date.year !== undefined && String(paper.date.year) === word
      : word.length >= 2 && ([...names].some((n) => n === word || n.split(/\s+/).includes(word)) || titleWords.some((t) => t === word || (word.length >= 4 && t.startsWith(word)))),
  );
}

/** Damerau–Levenshtein (adjacent swaps count one), giving up past `max`. */
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

export function registerWriting(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onRequest(CitationsRequest, ({ key }) => {
    const paper = workspace.paper(key);
    const keys = paper ? [paper.key, ...paper.aliases] : [key];
    const documents = context.documents;
    return keys
      .flatMap((k) => workspace.notes.citationsOf(k))
      .map(({ uri, citation }) => {
        const open = documents.get(uri);
        const text = open ? open.getText({ start: { line: citation.line, character: 0 }, end: { line: citation.line + 1, character: 0 } }) : undefined;
        return { uri, name: noteName(uri), line: citation.line, start: citation.start, end: citation.end, text: text?.replace(/\r?\n$/, '').trim().slice(0, 200) };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri) || a.line - b.line);
  });
  connection.onRequest(ExportRequest, ({ format, uri }) => {
    const keys = new Set<string>();
    const notes = uri ? [workspace.notes.get(uri)].filter((n) => n !== undefined) : workspace.notes.all();
    for (const note of notes) for (const citation of note.citations) keys.add(citation.key);
    const papers: Paper[] = [];
    const unknown: string[] = [];
    for (const key of [...keys].sort()) {
      const paper = workspace.paper(key);
      if (!paper) unknown.push(key);
      else if (!papers.includes(paper)) papers.push(paper);
    }
    return { text: format === 'bibtex' ? toBibtex(papers) : toCslJson(papers), papers: papers.length, unknown };
  });
}
