// Paper lists of the topic tree as typed arrays: at 100,000 tagged papers the tree files some
// 300,000 papers under topics on the server thread, and one object per filing (plus one small
// array per paper) was most of what the collector paused that thread for. A typed array holds
// no objects; the lists are cut from one array sorted by topic once the tree is filed, so they
// cost no growing either.

/** Lists made per step: each is an object and two views (filings are only copied numbers). */
const TOPICS_PER_STEP = 2000;

/** The papers filed directly under one topic, in filing order, with the corpus's weights where given. */
export class TopicPapers {
  private indices: Int32Array;
  /** NaN where the corpus gives no weight; allocated only once some paper has a weight. */
  private weights: Float64Array | undefined;
  private count = 0;

  constructor(capacity = 4) {
    this.indices = new Int32Array(capacity);
  }

  /** A full list over given arrays (views into one table for all topics: nothing copied). */
  static over(indices: Int32Array, weights: Float64Array | undefined): TopicPapers {
    const list = new TopicPapers(0);
    list.indices = indices;
    list.weights = weights;
    list.count = indices.length;
    return list;
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

  /** The paper indices, without copying (a view of the filled part). */
  papers(): Int32Array {
    return this.indices.subarray(0, this.count);
  }

  copy(): TopicPapers {
    const copy = new TopicPapers(Math.max(4, this.count));
    copy.indices.set(this.papers());
    if (this.weights) {
      copy.weights = new Float64Array(copy.indices.length).fill(NaN);
      copy.weights.set(this.weights.subarray(0, this.count));
    }
    copy.count = this.count;
    return copy;
  }

  private grow(): void {
    const indices = new Int32Array(Math.max(4, this.indices.length * 2));
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

  /**
   * Each topic's papers (topics numbered 0 .. topicCount - 1), in filing order, cut from the log
   * grouped by topic, yielding after every `perStep` filings. Weights only for topics given some.
   */
  *byTopic(topicCount: number, perStep: number): Generator<void, TopicPapers[]> {
    const { starts, others: papers, weights } = yield* this.grouped(this.topics, this.papers, topicCount, perStep);
    const lists: TopicPapers[] = new Array(topicCount);
    for (let t = 0; t < topicCount; t++) {
      const topicWeights = weights.subarray(starts[t], starts[t + 1]);
      lists[t] = TopicPapers.over(papers.subarray(starts[t], starts[t + 1]), topicWeights.some((w) => !Number.isNaN(w)) ? topicWeights : undefined);
      if (t % TOPICS_PER_STEP === TOPICS_PER_STEP - 1) yield;
    }
    return lists;
  }

  /** Marks the papers filed so far under topic `topic` (a walk over the log, a step at a time). */
  *markPapersOf(topic: number, marks: Uint8Array, perStep: number): Generator<void, void> {
    for (let f = 0; f < this.count; f++) {
      if (this.topics[f] === topic) marks[this.papers[f]] = 1;
      if (f % perStep === perStep - 1) yield;
    }
  }

  /**
   * Each paper's filings together, yielding after every `perStep` filings: 400,000 filings in
   * one piece held the thread for 45 ms.
   */
  *byPaper(paperCount: number, ids: readonly string[], perStep: number): Generator<void, PaperTopics> {
    const { starts, others: topics, weights } = yield* this.grouped(this.papers, this.topics, paperCount, perStep);
    return new PaperTopics(ids, starts, topics, weights);
  }

  /**
   * The filings grouped by `keys` (their topics or their papers, numbered 0 .. keyCount - 1): a
   * counting sort, stable, so each group keeps filing order. Group k is `starts[k] .. starts[k + 1]`
   * of `others` (the filings' other side) and `weights`.
   */
  private *grouped(keys: Int32Array, others: Int32Array, keyCount: number, perStep: number): Generator<void, { starts: Int32Array; others: Int32Array; weights: Float64Array }> {
    const starts = new Int32Array(keyCount + 1);
    for (let f = 0; f < this.count; f++) {
      starts[keys[f] + 1]++;
      if (f % perStep === perStep - 1) yield;
    }
    for (let k = 0; k < keyCount; k++) starts[k + 1] += starts[k];
    yield;
    const sorted = new Int32Array(this.count);
    const weights = new Float64Array(this.count);
    const next = starts.slice(0, keyCount);
    for (let f = 0; f < this.count; f++) {
      const at = next[keys[f]]++;
      sorted[at] = others[f];
      weights[at] = this.weights[f];
      if (f % perStep === perStep - 1) yield;
    }
    return { starts, others: sorted, weights };
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
