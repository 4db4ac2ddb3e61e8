// The search index as plain data, so it can be built on one thread and used on another, or saved
// with the warm-start cache and restored instead of rebuilt (seconds at 100,000 papers). Typed
// arrays stay typed arrays (a copy or a transfer between threads, bytes on disk); each
// vocabulary is one string of newline-joined tokens (tokens are letters and digits, never a
// newline), which a thread copies and a split restores far faster than an array of strings.
import type { Paper } from '../corpus/model';
import type { PostingIndex } from './postings';

export interface PostingData {
  vocabulary: string;
  offsets: Int32Array;
  papers: Int32Array;
  fields: Uint8Array;
}

export interface SearchSnapshot {
  /** Which papers, in which order, the index is of: their count and a hash of their keys. */
  paperCount: number;
  keysHash: number;
  named: PostingData;
  /** Abstract words, once indexed. */
  abstracts?: PostingData;
  sortedKeys: string;
  sortedKeyPapers: Int32Array;
}

/** A hash of every paper's key and aliases, in order: a snapshot is only for these papers. */
export function keysHash(papers: Paper[]): number {
  let hash = 0x811c9dc5 ^ papers.length;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 10, 0x01000193);
  };
  for (const paper of papers) {
    mix(paper.key);
    for (const alias of paper.aliases) mix(alias);
  }
  return hash | 0;
}

export function postingData(index: PostingIndex): PostingData {
  return { vocabulary: index.vocabulary.join('\n'), offsets: index.offsets, papers: index.papers, fields: index.fields };
}

/** The index back from its data; throws when the parts do not fit together. */
export function postingIndex(data: PostingData, paperCount: number): PostingIndex {
  const vocabulary = data.vocabulary === '' ? [] : data.vocabulary.split('\n');
  const { offsets, papers, fields } = data;
  if (!(offsets instanceof Int32Array) || !(papers instanceof Int32Array) || !(fields instanceof Uint8Array)) throw new Error('search snapshot: wrong array types');
  if (offsets.length !== vocabulary.length + 1 || offsets[0] !== 0 || offsets[vocabulary.length] !== papers.length || fields.length !== papers.length) {
    throw new Error('search snapshot: postings do not fit together');
  }
  // Every posting must name a paper that exists: the query code indexes per-paper arrays with it.
  for (let i = 0; i < papers.length; i++) if (papers[i] < 0 || papers[i] >= paperCount) throw new Error('search snapshot: a posting names no paper');
  return { vocabulary, offsets, papers, fields };
}
