// How alike two papers are: the cosine of their feature vectors (topic phrases, curated topics,
// title words and, in corpora small enough, abstract words), each feature weighted by its
// rarity (IDF). Related papers and clusters use this one measure.
import { STOP_WORDS, tokenize } from '../text';
import { normalizeWord } from './topics';

/** Each paper's nearest papers, k per paper, best first (-1 where fewer were found). */
export interface Neighbours {
  k: number;
  paper: Int32Array;
  score: Float32Array;
}

export interface FeatureOptions {
  /** Abstract words count too (a small corpus: more signal, affordable). */
  withAbstracts: boolean;
}

/** A paper's features as strings: "p:" phrases, "t:" curated topics, "w:" words. */
export function paperFeatures(
  paper: { title: string; abstract?: string },
  phrases: string[],
  curated: string[],
  options: FeatureOptions,
): string[] {
  const features = new Set<string>();
  for (const p of phrases) features.add(`p:${p}`);
  for (const t of curated) features.add(`t:${t}`);
  const text = options.withAbstracts ? `${paper.title} ${paper.abstract ?? ''}` : paper.title;
  for (const w of tokenize(text)) if (w.length > 3 && !STOP_WORDS.has(w)) features.add(`w:${normalizeWord(w)}`);
  return [...features];
}

/** Features shared by more papers than this say little and cost the most: they are left out. */
const maxDocFrequency = (n: number) => Math.max(30, Math.ceil(n * 0.05));
/** Phrases and curated topics say more than a single word. */
const KIND_WEIGHT: Record<string, number> = { p: 2, t: 2, w: 1 };

export class PaperSimilarity {
  private readonly featureIds: Int32Array[];
  private readonly weights: Float64Array;
  private readonly postings: Int32Array[];
  private readonly norms: Float64Array;
  readonly size: number;

  constructor(features: string[][]) {
    this.size = features.length;
    const idOf = new Map<string, number>();
    const names: string[] = [];
    const counts: number[] = [];
    this.featureIds = features.map((list) => {
      const ids = new Int32Array(list.length);
      list.forEach((f, k) => {
        let id = idOf.get(f);
        if (id === undefined) {
          id = names.length;
          idOf.set(f, id);
          names.push(f);
          counts.push(0);
        }
        counts[id]++;
        ids[k] = id;
      });
      return ids;
    });
    const n = Math.max(1, this.size);
    this.weights = new Float64Array(names.length);
    names.forEach((name, id) => (this.weights[id] = KIND_WEIGHT[name[0]] * Math.log(1 + n / counts[id])));
    // Postings only for features rare enough to be worth following.
    const limit = maxDocFrequency(n);
    const lists: number[][] = names.map((_, id) => (counts[id] > 1 && counts[id] <= limit ? [] : []));
    this.featureIds.forEach((ids, paper) => {
      for (const id of ids) if (counts[id] > 1 && counts[id] <= limit) lists[id].push(paper);
    });
    this.postings = lists.map((l) => Int32Array.from(l));
    this.norms = new Float64Array(this.size);
    this.featureIds.forEach((ids, paper) => {
      let sum = 0;
      for (const id of ids) sum += this.weights[id] ** 2;
      this.norms[paper] = Math.sqrt(sum) || 1;
    });
  }

  /** The k papers most like one paper, best first. */
  nearest(paper: number, k: number, scratch = new Float64Array(this.size)): { paper: number; score: number }[] {
    const touched: number[] = [];
    for (const id of this.featureIds[paper]) {
      const w2 = this.weights[id] ** 2;
      for (const other of this.postings[id]) {
        if (other === paper) continue;
        if (scratch[other] === 0) touched.push(other);
        scratch[other] += w2;
      }
    }
    const found = touched.map((other) => ({ paper: other, score: scratch[other] / (this.norms[paper] * this.norms[other]) }));
    for (const other of touched) scratch[other] = 0;
    return found.sort((a, b) => b.score - a.score || a.paper - b.paper).slice(0, k);
  }

  /** Every paper's k nearest papers, as typed arrays (cheap to hand from a worker). */
  allNearest(k: number, progress?: (done: number) => void): Neighbours {
    const paper = new Int32Array(this.size * k).fill(-1);
    const score = new Float32Array(this.size * k);
    const scratch = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      this.nearest(i, k, scratch).forEach((m, j) => {
        paper[i * k + j] = m.paper;
        score[i * k + j] = m.score;
      });
      if (i % 2000 === 1999) progress?.(i / this.size);
    }
    return { k, paper, score };
  }
}

/** The neighbours of one paper from the table, best first. */
export function neighboursOf(table: Neighbours, paper: number): { paper: number; score: number }[] {
  const found: { paper: number; score: number }[] = [];
  for (let j = 0; j < table.k; j++) {
    const other = table.paper[paper * table.k + j];
    if (other >= 0) found.push({ paper: other, score: table.score[paper * table.k + j] });
  }
  return found;
}
