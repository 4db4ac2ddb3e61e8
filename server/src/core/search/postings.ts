// The token index behind the search: a sorted vocabulary and, per token, the papers that have it.
import { STOP_WORDS, tokenize } from '../text';

/** Field codes, best first: a token's posting keeps the best field the paper has it in. */
export const KEY = 0;
export const ABSTRACT = 4;

/**
 * Postings in compressed-row form: the papers of token t are papers[offsets[t] .. offsets[t+1]),
 * each with the best field it has the token in. Tokens are sorted, so a prefix is a range, and
 * the sorted vocabulary doubles as a trie (see fuzzyPrefix.ts).
 */
export interface PostingIndex {
  vocabulary: string[];
  offsets: Int32Array;
  papers: Int32Array;
  fields: Uint8Array;
}

export const EMPTY_INDEX: PostingIndex = { vocabulary: [], offsets: new Int32Array(1), papers: new Int32Array(0), fields: new Uint8Array(0) };

/** Letters Unicode does not decompose into a base letter plus accent, as ASCII. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D' };
const UNDECOMPOSED_PATTERN = /[øØłŁđĐıæÆœŒþÞðÐ]/g;

/** Words of a text as the index and the queries see them: "Ødegård" -> "odegard". */
export function searchTokens(text: string): string[] {
  return tokenize(text.replace(UNDECOMPOSED_PATTERN, (c) => UNDECOMPOSED[c] ?? c));
}

export function find(vocabulary: string[], token: string): number {
  const i = lowerBound(vocabulary, token);
  return i < vocabulary.length && vocabulary[i] === token ? i : -1;
}

export function lowerBound(vocabulary: string[], token: string): number {
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
export class PostingBuilder {
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
    for (const token of searchTokens(text)) this.addToken(paper, token, field);
  }

  addToken(paper: number, token: string, field: number): void {
    let id = this.ids.get(token);
    if (id === -1) {
      if (field === ABSTRACT) return;
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
      this.pairs++;
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
    const steps = this.finishInSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The layout in steps of about 260,000 postings each (a server yields between them, so a
   * large corpus's abstract index never holds a request for long); returns the index.
   */
  *finishInSteps(): Generator<void, PostingIndex, void> {
    const { words, pairs, pairTokens, pairFields, pairPapers } = this;
    const STEP = 1 << 18;
    // The words are distinct: sorted in the engine's own string order (no JS comparator call
    // per comparison), then each found back by its id.
    const vocabulary = words.slice().sort();
    yield;
    const rank = new Int32Array(words.length);
    for (let r = 0; r < vocabulary.length; r++) rank[this.idOf(vocabulary[r])] = r;
    const offsets = new Int32Array(words.length + 1);
    for (let k = 0; k < pairs; k++) {
      offsets[rank[pairTokens[k]] + 1]++;
      if ((k & (STEP - 1)) === STEP - 1) yield;
    }
    for (let t = 0; t < words.length; t++) offsets[t + 1] += offsets[t];
    const fill = offsets.slice(0, words.length);
    const papers = new Int32Array(pairs);
    const fields = new Uint8Array(pairs);
    for (let k = 0; k < pairs; k++) {
      const slot = fill[rank[pairTokens[k]]]++;
      papers[slot] = pairPapers[k];
      fields[slot] = pairFields[k];
      if ((k & (STEP - 1)) === STEP - 1) yield;
    }
    return { vocabulary, offsets, papers, fields };
  }

  private idOf(word: string): number {
    const id = this.ids.get(word)!;
    return id === -1 ? this.stopIds.get(word)! : id;
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, fillValue: number): T {
  const bigger = new (array.constructor as { new (n: number): T })(array.length * 2);
  bigger.set(array);
  if (fillValue !== 0) bigger.fill(fillValue, array.length);
  return bigger;
}
