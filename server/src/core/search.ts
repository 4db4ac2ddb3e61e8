// Fuzzy search over the corpus that stays fast at 100k papers.
//
// fuse.js alone scans every paper on every query (about 1 s at 100k papers). So a token index
// finds candidates first: exact, prefix and one-typo matches of each query word in the key,
// title, author names, year and abstract, each found through a sorted vocabulary and a
// deletion index rather than a scan. The best few hundred candidates are then ranked by
// fuse.js on key, title, authors and year, with the token score (which carries the abstract
// matches) added, so a keystroke costs about the same whatever the corpus size.
import Fuse from 'fuse.js';
import type { Paper } from './model';
import { tokenize } from './text';

export type MatchField = 'key' | 'title' | 'author' | 'year' | 'abstract';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** The field where the best match was found. */
  field: MatchField;
}

const FIELD_WEIGHT: Record<MatchField, number> = { key: 6, title: 4, author: 4, year: 3, abstract: 1 };
const MATCH_FACTOR = { exact: 1, prefix: 0.75, typo: 0.5 };
const CANDIDATES_FOR_FUSE = 150;
const MIN_TYPO_LENGTH = 4;

interface Posting {
  papers: Int32Array;
  /** Best field of each paper for this token, as an index into FIELDS. */
  fields: Uint8Array;
}

const FIELDS: MatchField[] = ['key', 'title', 'author', 'year', 'abstract'];

interface RankDoc {
  index: number;
  key: string;
  title: string;
  authors: string;
  year: string;
}

export class PaperSearch {
  private readonly vocabulary: string[];
  private readonly postings: Posting[];
  private readonly deletions = new Map<string, number[]>();
  private readonly sortedKeys: { key: string; index: number }[];
  private readonly scores: Float32Array;
  private readonly bestField: Uint8Array;
  private readonly rankDocs: RankDoc[];

  constructor(readonly papers: Paper[]) {
    const build = new Map<string, Map<number, number>>();
    papers.forEach((paper, index) => {
      const add = (text: string, field: number) => {
        for (const token of tokenize(text)) {
          let perPaper = build.get(token);
          if (!perPaper) build.set(token, (perPaper = new Map()));
          const previous = perPaper.get(index);
          if (previous === undefined || field < previous) perPaper.set(index, field);
        }
      };
      add(paper.key, 0);
      for (const alias of paper.aliases) add(alias, 0);
      add(paper.title, 1);
      for (const author of paper.authors ?? []) add(`${author.given ?? ''} ${author.family}`, 2);
      if (paper.date.year !== undefined) add(String(paper.date.year), 3);
      if (paper.abstract) add(paper.abstract, 4);
    });
    this.vocabulary = [...build.keys()].sort();
    this.postings = this.vocabulary.map((token) => {
      const perPaper = build.get(token)!;
      return { papers: Int32Array.from(perPaper.keys()), fields: Uint8Array.from(perPaper.values()) };
    });
    this.vocabulary.forEach((token, id) => {
      if (token.length < MIN_TYPO_LENGTH) return;
      for (const variant of deletionsOf(token)) {
        const ids = this.deletions.get(variant);
        if (ids) ids.push(id);
        else this.deletions.set(variant, [id]);
      }
    });
    this.sortedKeys = papers
      .flatMap((paper, index) => [paper.key, ...paper.aliases].map((key) => ({ key: key.toLowerCase(), index })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.scores = new Float32Array(papers.length);
    this.bestField = new Uint8Array(papers.length);
    this.rankDocs = papers.map((paper, index) => ({
      index,
      key: paper.key,
      title: paper.title,
      authors: (paper.authors ?? []).map((a) => `${a.given ?? ''} ${a.family}`.trim()).join(', '),
      year: paper.date.year !== undefined ? String(paper.date.year) : '',
    }));
  }

  search(query: string, limit = 20): SearchHit[] {
    const words = tokenize(query);
    if (words.length === 0) return this.papers.slice(0, limit).map((paper) => ({ paper, score: 0, field: 'key' }));
    const touched: number[] = [];
    const coverage = new Map<number, number>();
    words.forEach((word, position) => {
      const best = new Map<number, { weight: number; field: number }>();
      this.collect(word, position === words.length - 1, best);
      for (const [paper, { weight, field }] of best) {
        if (this.scores[paper] === 0) {
          touched.push(paper);
          this.bestField[paper] = field;
        } else if (field < this.bestField[paper]) {
          this.bestField[paper] = field;
        }
        this.scores[paper] += weight;
        coverage.set(paper, (coverage.get(paper) ?? 0) + 1);
      }
    });
    // The query typed as a key prefix ("lim20") puts those papers first.
    const compact = words.join('');
    for (const index of this.keysWithPrefix(compact)) {
      if (this.scores[index] === 0) touched.push(index);
      this.scores[index] += 20;
      this.bestField[index] = 0;
      coverage.set(index, words.length);
    }

    const tokenScore = (i: number) => this.scores[i] + 10 * ((coverage.get(i) ?? 0) === words.length ? 1 : 0);
    const candidates = topN(touched, CANDIDATES_FOR_FUSE, tokenScore);
    const candidateScores = new Map(candidates.map((i) => [i, tokenScore(i)]));
    const fields = new Map(candidates.map((i) => [i, FIELDS[this.bestField[i]]]));
    for (const i of touched) this.scores[i] = 0;

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
        score: candidateScores.get(index)! + 8 * (1 - (fuseScores.get(index) ?? 1)),
        field: fields.get(index)!,
      }))
      .sort((a, b) => b.score - a.score || (a.paper.key < b.paper.key ? -1 : 1))
      .slice(0, limit);
  }

  /** Adds each paper matching one query word, with the weight of its best match. */
  private collect(word: string, isLast: boolean, best: Map<number, { weight: number; field: number }>): void {
    const offer = (tokenId: number, factor: number) => {
      const posting = this.postings[tokenId];
      for (let k = 0; k < posting.papers.length; k++) {
        const field = posting.fields[k];
        const weight = FIELD_WEIGHT[FIELDS[field]] * factor;
        const paper = posting.papers[k];
        const previous = best.get(paper);
        if (!previous || weight > previous.weight) best.set(paper, { weight, field });
      }
    };
    const exact = this.find(word);
    if (exact >= 0) offer(exact, MATCH_FACTOR.exact);
    // Prefixes: every word may be unfinished, but very short ones only the last one typed.
    if (word.length >= 3 || isLast) {
      const maxTokens = word.length >= 3 ? 400 : 60;
      let taken = 0;
      for (let id = this.lowerBound(word); id < this.vocabulary.length && taken < maxTokens; id++) {
        const token = this.vocabulary[id];
        if (!token.startsWith(word)) break;
        if (id !== exact) (offer(id, MATCH_FACTOR.prefix), taken++);
      }
    }
    if (word.length >= MIN_TYPO_LENGTH && /[a-z]/.test(word)) {
      // Vocabulary words one edit away: a letter missing from the query (the query is one of
      // their deletions), a letter changed or swapped (they share a deletion), or a letter
      // too many (one of the query's deletions is the word itself).
      const seen = new Set<number>([exact]);
      const consider = (id: number) => {
        if (id < 0 || seen.has(id)) return;
        seen.add(id);
        if (withinOneEdit(word, this.vocabulary[id])) offer(id, MATCH_FACTOR.typo);
      };
      for (const id of this.deletions.get(word) ?? []) consider(id);
      for (const variant of deletionsOf(word)) {
        for (const id of this.deletions.get(variant) ?? []) consider(id);
        consider(this.find(variant));
      }
    }
  }

  private find(token: string): number {
    const i = this.lowerBound(token);
    return i < this.vocabulary.length && this.vocabulary[i] === token ? i : -1;
  }

  private lowerBound(token: string): number {
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid] < token) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

/** The n items with the highest score, best first, without sorting them all. */
function topN(items: number[], n: number, score: (i: number) => number): number[] {
  if (items.length <= n) return [...items].sort((a, b) => score(b) - score(a));
  const threshold = [...items].map(score).sort((a, b) => b - a)[n - 1];
  const above = items.filter((i) => score(i) > threshold);
  const at = items.filter((i) => score(i) === threshold);
  return [...above, ...at].slice(0, n).sort((a, b) => score(b) - score(a));
}
