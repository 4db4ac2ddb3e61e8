// Fuzzy search over the corpus that stays fast at 100k papers.
//
// fuse.js alone scans every paper on every query (about 1 s at 100k papers). So a token index
// finds candidates first: exact, prefix and one-typo matches of each query word in the key,
// title, author names, year and abstract, each found through a sorted vocabulary and a
// deletion index rather than a scan. The best few hundred candidates are then ranked by
// fuse.js on key, title, authors and year, with the token score (which carries the abstract
// matches) added, so a keystroke costs about the same whatever the corpus size.
import Fuse from 'fuse.js';
import type { Paper } from '../corpus/model';
import { STOP_WORDS, tokenize } from '../text';

export type MatchField = 'key' | 'title' | 'author' | 'year' | 'abstract';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** The field where the best match was found. */
  field: MatchField;
}

const FIELDS: MatchField[] = ['key', 'title', 'author', 'year', 'abstract'];
const ABSTRACT = 4;
const NO_FIELD = 255;
const FIELD_WEIGHT = [6, 4, 4, 3, 1];
const MATCH_FACTOR = { exact: 1, prefix: 0.75, typo: 0.5 };
const CANDIDATES_FOR_FUSE = 100;
const MIN_TYPO_LENGTH = 4;
/** Abstract-only words seen in fewer papers are not worth a typo entry (mostly typos themselves). */
const MIN_ABSTRACT_PAPERS_FOR_TYPOS = 3;

interface RankDoc {
  index: number;
  key: string;
  title: string;
  authors: string;
  year: string;
}

/**
 * Postings in compressed-row form: the papers of token t are papers[offsets[t] .. offsets[t+1]),
 * each with the best field it has the token in. Tokens are sorted, so a prefix is a range.
 */
interface PostingIndex {
  vocabulary: string[];
  offsets: Int32Array;
  papers: Int32Array;
  fields: Uint8Array;
}

export interface SearchOptions {
  /** Leave abstract words out until indexAbstracts() is called (a server does it in slices). */
  deferAbstracts?: boolean;
}

interface TokenIndex {
  postings: PostingIndex;
  /** Shortest query word expanded as a prefix (the last word typed: any length in names). */
  minPrefix: number;
  /** Most postings one prefix may visit: a short prefix of a huge vocabulary stops there. */
  prefixBudget: number;
  /** Words in more than this share of papers are not matched (at least 1000 papers). */
  maxShare: number;
  /**
   * One-letter deletions of vocabulary words, to their token ids: the typo lookup. Built on
   * first use (or in the background by warmUp), not while the corpus loads.
   */
  deletions?: Map<string, number[]>;
  /** Words of fewer papers get no typo entry. */
  minTypoPapers: number;
}

export class PaperSearch {
  private readonly named: TokenIndex;
  private abstracts: TokenIndex = { postings: EMPTY_INDEX, minTypoPapers: MIN_ABSTRACT_PAPERS_FOR_TYPOS, minPrefix: 4, prefixBudget: 20000, maxShare: 0.2 };
  private abstractBuilder: PostingBuilder | undefined = new PostingBuilder();
  private abstractCursor = 0;
  private readonly sortedKeys: { key: string; index: number }[];
  private readonly rankDocs: RankDoc[];
  // Scratch space reused by every query, one slot per paper.
  private readonly scores: Float32Array;
  private readonly wordScores: Float32Array;
  private readonly coverage: Uint16Array;
  private readonly bestField: Uint8Array;

  constructor(readonly papers: Paper[], options: SearchOptions = {}) {
    const builder = new PostingBuilder();
    papers.forEach((paper, index) => {
      for (const key of [paper.key, ...paper.aliases]) {
        builder.add(index, key, 0);
        // "lim2024empirical" is also found as "lim", "2024" and "empirical".
        const parts = key.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
        if (parts.length > 1) builder.add(index, parts.join(' '), 0);
      }
      builder.add(index, paper.title, 1);
      for (const author of paper.authors ?? []) builder.add(index, `${author.given ?? ''} ${author.family}`, 2);
      if (paper.date.year !== undefined) builder.add(index, String(paper.date.year), 3);
    });
    this.named = { postings: builder.finish(), minTypoPapers: 1, minPrefix: 1, prefixBudget: 50000, maxShare: 1 };
    this.sortedKeys = papers
      .flatMap((paper, index) => [paper.key, ...paper.aliases].map((key) => ({ key: key.toLowerCase(), index })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.scores = new Float32Array(papers.length);
    this.wordScores = new Float32Array(papers.length);
    this.coverage = new Uint16Array(papers.length);
    this.bestField = new Uint8Array(papers.length).fill(NO_FIELD);
    this.rankDocs = papers.map((paper, index) => ({
      index,
      key: paper.key,
      title: paper.title,
      authors: (paper.authors ?? []).map((a) => `${a.given ?? ''} ${a.family}`.trim()).join(', '),
      year: paper.date.year !== undefined ? String(paper.date.year) : '',
    }));
    if (!options.deferAbstracts) this.indexAbstracts();
  }

  /** Builds the typo lookups now rather than on the first query that needs them. */
  warmUp(): void {
    typoIndex(this.named);
    typoIndex(this.abstracts);
  }

  /** True once abstract words are searchable. */
  get abstractsIndexed(): boolean {
    return this.abstractBuilder === undefined;
  }

  /**
   * Indexes abstract words for about budgetMs, then returns; true when all are done.
   * Searches in the meantime match keys, titles, authors and years.
   */
  indexAbstracts(budgetMs = Infinity): boolean {
    const builder = this.abstractBuilder;
    if (!builder) return true;
    const until = performance.now() + budgetMs;
    while (this.abstractCursor < this.papers.length) {
      const abstract = this.papers[this.abstractCursor].abstract;
      if (abstract) builder.add(this.abstractCursor, abstract, ABSTRACT);
      this.abstractCursor++;
      if ((this.abstractCursor & 63) === 0 && performance.now() > until) return false;
    }
    this.abstracts = { postings: builder.finish(), minTypoPapers: MIN_ABSTRACT_PAPERS_FOR_TYPOS, minPrefix: 4, prefixBudget: 20000, maxShare: 0.2 };
    this.abstractBuilder = undefined;
    return true;
  }

  search(query: string, limit = 20): SearchHit[] {
    const words = tokenize(query);
    if (words.length === 0) return this.papers.slice(0, limit).map((paper) => ({ paper, score: 0, field: 'key' }));
    const touched: number[] = [];
    for (const [position, word] of words.entries()) {
      const matched: number[] = [];
      const isLast = position === words.length - 1;
      // "jellyfsh2023" is also looked for as "jellyfsh" and "2023", each at a lower weight.
      const parts = word.match(/[a-z]+|\d+/g) ?? [];
      for (const [variant, factor] of [[word, 1], ...(parts.length > 1 ? parts.map((p) => [p, 0.6] as const) : [])] as const) {
        this.collect(this.named, variant, isLast, matched, factor);
        this.collect(this.abstracts, variant, isLast, matched, factor);
      }
      for (const paper of matched) {
        if (this.coverage[paper] === 0) touched.push(paper);
        this.scores[paper] += this.wordScores[paper];
        this.coverage[paper]++;
        this.wordScores[paper] = 0;
      }
    }
    // The query typed as a key prefix ("lim20") puts those papers first.
    for (const index of this.keysWithPrefix(words.join(''))) {
      if (this.coverage[index] === 0) touched.push(index);
      this.scores[index] += 20;
      this.bestField[index] = 0;
      this.coverage[index] = Math.max(this.coverage[index], words.length);
    }

    const finalScores = new Float32Array(touched.length);
    touched.forEach((i, k) => (finalScores[k] = this.scores[i] + (this.coverage[i] >= words.length ? 10 : 0)));
    const best = topIndices(finalScores, CANDIDATES_FOR_FUSE);
    const candidates = best.map((k) => touched[k]);
    const tokenScore = new Map(best.map((k) => [touched[k], finalScores[k]]));
    const fields = new Map(candidates.map((i) => [i, FIELDS[Math.min(this.bestField[i], ABSTRACT)]]));
    for (const i of touched) {
      this.scores[i] = 0;
      this.coverage[i] = 0;
      this.bestField[i] = NO_FIELD;
    }

    const fuse = new Fuse(
      candidates.map((i) => this.rankDocs[i]),
      {
        keys: [
          { name: 'key', weight: 3 },
          { name: 'title', weight: 2 },
          { name: 'authors', weight: 1.5 },
          { name: 'year', weight: 0.5 },
        ],
        includeScore: true,
        ignoreLocation: true,
        threshold: 0.6,
      },
    );
    const fuseScores = new Map<number, number>();
    for (const result of fuse.search(query)) fuseScores.set(result.item.index, result.score ?? 1);

    return candidates
      .map((index) => ({
        paper: this.papers[index],
        score: tokenScore.get(index)! + 8 * (1 - (fuseScores.get(index) ?? 1)),
        field: fields.get(index)!,
      }))
      .sort((a, b) => b.score - a.score || (a.paper.key < b.paper.key ? -1 : 1))
      .slice(0, limit);
  }

  /**
   * Scores each paper of one index matching one query word in wordScores (the weight of its
   * best match) and adds the papers matched for the first time to `matched`.
   */
  private collect(index: TokenIndex, word: string, isLast: boolean, matched: number[], wordFactor = 1): void {
    const { postings, minPrefix, prefixBudget, maxShare } = index;
    const { vocabulary, offsets, papers, fields } = postings;
    const maxPostings = Math.max(1000, maxShare * this.papers.length);
    const offer = (tokenId: number, factor: number) => {
      // A word in most abstracts says nothing about any one paper (like a stop word).
      if (offsets[tokenId + 1] - offsets[tokenId] > maxPostings) return;
      for (let k = offsets[tokenId]; k < offsets[tokenId + 1]; k++) {
        const paper = papers[k];
        const field = fields[k];
        const weight = FIELD_WEIGHT[field] * factor * wordFactor;
        if (this.wordScores[paper] === 0) matched.push(paper);
        if (weight > this.wordScores[paper]) this.wordScores[paper] = weight;
        if (field < this.bestField[paper]) this.bestField[paper] = field;
      }
    };
    const exact = find(vocabulary, word);
    if (exact >= 0) offer(exact, MATCH_FACTOR.exact);
    // Prefixes: every word may be unfinished, but very short ones only the last one typed.
    if (word.length >= Math.max(minPrefix, 3) || (isLast && word.length >= minPrefix)) {
      let visited = 0;
      for (let id = lowerBound(vocabulary, word); id < vocabulary.length && visited < prefixBudget; id++) {
        if (!vocabulary[id].startsWith(word)) break;
        if (id === exact) continue;
        offer(id, MATCH_FACTOR.prefix);
        visited += offsets[id + 1] - offsets[id];
      }
    }
    if (word.length >= MIN_TYPO_LENGTH && /[a-z]/.test(word)) {
      // Vocabulary words one edit away: a letter missing from the query (the query is one of
      // their deletions), a letter changed or swapped (they share a deletion), or a letter
      // too many (one of the query's deletions is the word itself).
      const deletions = typoIndex(index);
      const seen = new Set<number>([exact]);
      const consider = (id: number) => {
        if (id < 0 || seen.has(id)) return;
        seen.add(id);
        if (withinOneEdit(word, vocabulary[id])) offer(id, MATCH_FACTOR.typo);
      };
      for (const id of deletions.get(word) ?? []) consider(id);
      for (const variant of deletionsOf(word)) {
        for (const id of deletions.get(variant) ?? []) consider(id);
        consider(find(vocabulary, variant));
      }
    }
  }

  private keysWithPrefix(prefix: string, max = 50): number[] {
    let lo = 0;
    let hi = this.sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedKeys[mid].key < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < this.sortedKeys.length && found.length < max && this.sortedKeys[i].key.startsWith(prefix); i++) {
      if (!found.includes(this.sortedKeys[i].index)) found.push(this.sortedKeys[i].index);
    }
    return found;
  }
}

/** Typo entries for words of at least minTypoPapers papers (all words when 1). */
function typoIndex(index: TokenIndex): Map<string, number[]> {
  if (index.deletions) return index.deletions;
  const { postings, minTypoPapers: minPapers } = index;
  const deletions = new Map<string, number[]>();
  postings.vocabulary.forEach((token, id) => {
    // Letter words only: keys like "lim2024empirical" are reached through their parts.
    if (token.length < MIN_TYPO_LENGTH || !isLetters(token)) return;
    if (postings.offsets[id + 1] - postings.offsets[id] < minPapers) return;
    for (let i = 0; i < token.length; i++) {
      if (i > 0 && token[i] === token[i - 1]) continue; // "ll" minus either l is the same word
      const variant = token.slice(0, i) + token.slice(i + 1);
      const ids = deletions.get(variant);
      if (ids) ids.push(id);
      else deletions.set(variant, [id]);
    }
  });
  index.deletions = deletions;
  return deletions;
}

function isLetters(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function find(vocabulary: string[], token: string): number {
  const i = lowerBound(vocabulary, token);
  return i < vocabulary.length && vocabulary[i] === token ? i : -1;
}

function lowerBound(vocabulary: string[], token: string): number {
  let lo = 0;
  let hi = vocabulary.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocabulary[mid] < token) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Collects (token, best field) pairs paper by paper, then lays them out as a PostingIndex.
 * Papers can be added in slices, so a large corpus is tokenised without blocking a server.
 */
class PostingBuilder {
  // Stop words share the token map (as -1) so an abstract word costs one lookup.
  private readonly ids = new Map<string, number>([...STOP_WORDS].map((w) => [w, -1]));
  private readonly stopIds = new Map<string, number>();
  private readonly words: string[] = [];
  private lastPaper = new Int32Array(1024).fill(-1);
  private bestField = new Uint8Array(1024);
  private pairTokens = new Int32Array(1 << 16);
  private pairFields = new Uint8Array(1 << 16);
  private pairPapers = new Int32Array(1 << 16);
  private pairs = 0;

  add(paper: number, text: string, field: number): void {
    for (const token of tokenize(text)) {
      let id = this.ids.get(token);
      if (id === -1) {
        if (field === ABSTRACT) continue;
        id = this.stopIds.get(token);
      }
      if (id === undefined || id === -1) id = this.newToken(token);
      if (this.lastPaper[id] !== paper) {
        this.lastPaper[id] = paper;
        if (this.pairs === this.pairTokens.length) {
          this.pairTokens = grow(this.pairTokens, 0);
          this.pairFields = grow(this.pairFields, 0);
          this.pairPapers = grow(this.pairPapers, 0);
        }
        this.pairTokens[this.pairs] = id;
        this.pairFields[this.pairs] = field;
        this.pairPapers[this.pairs] = paper;
        this.bestField[id] = this.pairs++ & 0; // reset below; the pair holds the field
        this.bestField[id] = field;
      } else if (field < this.bestField[id]) {
        this.bestField[id] = field;
        // The pair of this paper is among the last ones added: lower its field too.
        for (let k = this.pairs - 1; k >= 0 && this.pairPapers[k] === paper; k--) {
          if (this.pairTokens[k] === id) {
            this.pairFields[k] = field;
            break;
          }
        }
      }
    }
  }

  private newToken(token: string): number {
    const id = this.words.length;
    if (STOP_WORDS.has(token)) this.stopIds.set(token, id);
    else this.ids.set(token, id);
    this.words.push(token);
    if (id >= this.lastPaper.length) {
      this.lastPaper = grow(this.lastPaper, -1);
      this.bestField = grow(this.bestField, 0);
    }
    return id;
  }

  finish(): PostingIndex {
    const { words, pairs, pairTokens, pairFields, pairPapers } = this;
    const order = words.map((_, id) => id).sort((a, b) => (words[a] < words[b] ? -1 : 1));
    const rank = new Int32Array(words.length);
    order.forEach((id, r) => (rank[id] = r));
    const offsets = new Int32Array(words.length + 1);
    for (let k = 0; k < pairs; k++) offsets[rank[pairTokens[k]] + 1]++;
    for (let t = 0; t < words.length; t++) offsets[t + 1] += offsets[t];
    const fill = offsets.slice(0, words.length);
    const papers = new Int32Array(pairs);
    const fields = new Uint8Array(pairs);
    for (let k = 0; k < pairs; k++) {
      const slot = fill[rank[pairTokens[k]]]++;
      papers[slot] = pairPapers[k];
      fields[slot] = pairFields[k];
    }
    return { vocabulary: order.map((id) => words[id]), offsets, papers, fields };
  }
}

const EMPTY_INDEX: PostingIndex = { vocabulary: [], offsets: new Int32Array(1), papers: new Int32Array(0), fields: new Uint8Array(0) };

function grow<T extends Int32Array | Uint8Array>(array: T, fillValue: number): T {
  const bigger = new (array.constructor as { new (n: number): T })(array.length * 2);
  bigger.set(array);
  if (fillValue !== 0) bigger.fill(fillValue, array.length);
  return bigger;
}

/** The word with one letter left out, each way. */
function deletionsOf(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i < word.length; i++) variants.add(word.slice(0, i) + word.slice(i + 1));
  return [...variants];
}

/** One substitution, insertion, deletion or swap of neighbours apart (or equal). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Positions of the n highest scores, best first: a linear selection, then a sort of n. */
function topIndices(scores: Float32Array, n: number): number[] {
  let threshold = -Infinity;
  if (scores.length > n) {
    const copy = scores.slice();
    threshold = nthLargest(copy, n - 1);
  }
  const above: number[] = [];
  const at: number[] = [];
  scores.forEach((score, k) => {
    if (score > threshold) above.push(k);
    else if (score === threshold) at.push(k);
  });
  return [...above, ...at.slice(0, Math.max(0, n - above.length))].sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The value that would stand at position k if values were sorted descending (quickselect). */
function nthLargest(values: Float32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
