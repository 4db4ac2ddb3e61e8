// Paper lists of the topic tree as typed arrays: at 100,000 tagged papers the tree files some
// 300,000 papers under topics on the server thread, and one object per filing (plus one small
// array per paper) was most of what the collector paused that thread for. A typed array holds
// no objects, so a list costs a few allocations however long it grows.

/** The papers filed directly under one topic, in filing order, with the corpus's weights where given. */
export class TopicPapers {
  private indices: Int32Array;
  /** NaN where the corpus gives no weight; allocated only once some paper has a weight. */
  private weights: Float64Array | undefined;
  private count = 0;

  constructor(capacity = 4) {
    this.indices = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  paper(k: number): number {
    return this.indices[k];
  }

  weight(k: number): number | undefined {
    const w = this.weights?.[k];
    return w === undefined || Number.isNaN(w) ? undefined : w;
  }

  push(paper: number, weight?: number): void {
    if (this.count === this.indices.length) this.grow();
    this.indices[this.count] = paper;
    if (weight !== undefined) {
      if (!this.weights) this.weights = new Float64Array(this.indices.length).fill(NaN);
      this.weights[this.count] = weight;
    } else if (this.weights) {
      this.weights[this.count] = NaN;
    }
    this.count++;
  }

  /** The last paper filed (papers are filed in index order per source: a repeat shows here). */
  last(): number | undefined {
    return this.count > 0 ? this.indices[this.count - 1] : undefined;
  }

  /** The paper indices, without copying (a view of the filled part). */
  papers(): Int32Array {
    return this.indices.subarray(0, this.count);
  }

  copy(): TopicPapers {
    const copy = new TopicPapers(Math.max(4, this.count));
    copy.indices.set(this.papers());
    if (this.weights) copy.weights = Float64Array.from(this.weights.subarray(0, copy.indices.length));
    copy.count = this.count;
    return copy;
  }

  /** Shrinks the buffers to the papers filed (once a topic is complete). */
  trim(): void {
    if (this.indices.length === this.count) return;
    this.indices = this.indices.slice(0, this.count);
    if (this.weights) this.weights = this.weights.slice(0, this.count);
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    this.indices = indices;
    if (this.weights) {
      const weights = new Float64Array(indices.length).fill(NaN);
      weights.set(this.weights);
      this.weights = weights;
    }
  }
}

/**
 * Every filing (paper, topic number, weight) in the order made, in growable typed arrays: turned
 * into PaperTopics once the tree is filed, each paper's topics in the order they were filed.
 */
export class FilingLog {
  private papers = new Int32Array(1024);
  private topics = new Int32Array(1024);
  private weights = new Float64Array(1024);
  private count = 0;

  push(paper: number, topic: number, weight?: number): void {
    if (this.count === this.papers.length) this.grow();
    this.papers[this.count] = paper;
    this.topics[this.count] = topic;
    this.weights[this.count] = weight ?? NaN;
    this.count++;
  }

  /** Each paper's filings together (a counting sort by paper: stable, two passes). */
  byPaper(paperCount: number, ids: readonly string[]): PaperTopics {
    const starts = new Int32Array(paperCount + 1);
    for (let f = 0; f < this.count; f++) starts[this.papers[f] + 1]++;
    for (let i = 0; i < paperCount; i++) starts[i + 1] += starts[i];
    const topics = new Int32Array(this.count);
    const weights = new Float64Array(this.count);
    const next = starts.slice(0, paperCount);
    for (let f = 0; f < this.count; f++) {
      const at = next[this.papers[f]]++;
      topics[at] = this.topics[f];
      weights[at] = this.weights[f];
    }
    return new PaperTopics(ids, starts, topics, weights);
  }

  private grow(): void {
    const size = this.papers.length * 2;
    const papers = new Int32Array(size);
    papers.set(this.papers);
    const topics = new Int32Array(size);
    topics.set(this.topics);
    const weights = new Float64Array(size);
    weights.set(this.weights);
    [this.papers, this.topics, this.weights] = [papers, topics, weights];
  }
}

/**
 * Each paper's topics (numbers into `ids`) and weights, packed paper after paper: the topics of
 * paper i are `topics[starts[i] .. starts[i + 1])`. Nothing per paper is allocated.
 */
export class PaperTopics {
  /** No paper filed anywhere (until a tree is filed). */
  static readonly empty = new PaperTopics([], new Int32Array(1), new Int32Array(0), new Float64Array(0));

  constructor(
    private readonly ids: readonly string[],
    private readonly starts: Int32Array,
    private readonly topics: Int32Array,
    private readonly weights: Float64Array,
  ) {}

  /** How many topics paper `index` is filed under. */
  count(index: number): number {
    return this.starts[index + 1] - this.starts[index];
  }

  /** The id of the `k`-th topic of paper `index`. */
  id(index: number, k: number): string {
    return this.ids[this.topics[this.starts[index] + k]];
  }

  weight(index: number, k: number): number | undefined {
    const w = this.weights[this.starts[index] + k];
    return Number.isNaN(w) ? undefined : w;
  }

  /** The topic ids of paper `index`, as a new array (for callers that look at a few papers). */
  of(index: number): string[] {
    const ids: string[] = [];
    for (let k = this.starts[index]; k < this.starts[index + 1]; k++) ids.push(this.ids[this.topics[k]]);
    return ids;
  }

  /** Whether paper `index` is filed under topic `id`. */
  has(index: number, id: string): boolean {
    for (let k = this.starts[index]; k < this.starts[index + 1]; k++) if (this.ids[this.topics[k]] === id) return true;
    return false;
  }
}
