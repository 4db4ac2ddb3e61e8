// Selecting the best candidates by token score, then the final ranking with fuse.js.
import Fuse from 'fuse.js';

export interface RankDoc {
  index: number;
  key: string;
  title: string;
  authors: string;
  year: string;
}

const FUSE_OPTIONS = {
  keys: [
    { name: 'key', weight: 3 },
    { name: 'title', weight: 2 },
    { name: 'authors', weight: 1.5 },
    { name: 'year', weight: 0.5 },
  ],
  includeScore: true,
  ignoreLocation: true,
  // Lower than fuse.js's default: the candidates already match; this only orders them.
  threshold: 0.4,
};

/**
 * fuse.js scores of the candidates for the query (0 best, 1 no match): the bitap match of the
 * whole query against key, title and authors orders candidates the token index scores alike.
 * One fuse.js instance is given each query's candidates (its options and keys are read once).
 */
export class FuseRanker {
  private readonly fuse = new Fuse<RankDoc>([], FUSE_OPTIONS);

  scores(docs: RankDoc[], query: string): Map<number, number> {
    const scores = new Map<number, number>();
    this.fuse.setCollection(docs);
    for (const result of this.fuse.search(query)) scores.set(result.item.index, result.score ?? 1);
    return scores;
  }
}

/** Positions of the n highest scores, best first: a linear selection, then a sort of n. */
export function topIndices(scores: Float32Array<ArrayBufferLike>, n: number, scratch: Float32Array<ArrayBufferLike> = new Float32Array(scores.length)): number[] {
  let threshold = -Infinity;
  if (scores.length > n) {
    const copy = scratch.subarray(0, scores.length);
    copy.set(scores);
    threshold = nthLargest(copy, n - 1);
  }
  const above: number[] = [];
  const at: number[] = [];
  for (let k = 0; k < scores.length; k++) {
    const score = scores[k];
    if (score > threshold) above.push(k);
    else if (score === threshold && at.length < n) at.push(k);
  }
  return [...above, ...at.slice(0, Math.max(0, n - above.length))].sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The value that would stand at position k if values were sorted descending (quickselect). */
function nthLargest(values: Float32Array<ArrayBufferLike>, k: number): number {
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
