// The topic graph: topics (topic headers, subject hierarchies, places, mined phrases, note
// tags), papers and notes, with edges topic→subtopic, topic→paper, note→paper (citations),
// note→topic (tags) and paper↔paper (related). Plain data in, plain data out.
import type { Paper } from '../corpus/model';
import type { NoteInfo } from '../notes/notes';
import { normalizeWord } from './topics';
import { abstractNeeded, buildTopicData, type TopicBuild, type TopicInputPaper } from './build';
import { neighboursOf } from './similarity';
import { FilingLog, PaperTopics, TopicPapers } from './paperLists';

export { TopicPapers, PaperTopics } from './paperLists';

export type TopicSource = 'header' | 'subject' | 'keyword' | 'place' | 'cluster' | 'mined' | 'tag';

export interface Topic {
  id: string;
  label: string;
  source: TopicSource;
  parent?: string;
  children: string[];
  /** Papers filed directly under this topic, with the weight the corpus gives where it does. */
  papers: TopicPapers;
  /** Notes tagged with this topic (URIs). */
  notes: string[];
}

/** A topic's papers until the tree is filed (then its own list replaces it; never pushed to). */
const NO_PAPERS_YET = TopicPapers.over(new Int32Array(0), undefined);

/** Where a corpus reference's topic comes from. */
function curatedSource(ref: Paper['topics'][number]): TopicSource {
  return ref.kind === 'header' || ref.kind === 'place' || ref.kind === 'keyword' ? ref.kind : 'subject';
}

/** The curated topic a corpus reference names: its source and the id of its deepest segment. */
function curatedTopic(ref: Paper['topics'][number]): { source: TopicSource; id: string } {
  const source = curatedSource(ref);
  return { source, id: `${source}:${ref.path.join(' > ')}` };
}

/** What the topic build needs of paper `index` of `count` (plain data, cheap to hand to a worker). */
export function topicInput(paper: Paper, index: number, count: number): TopicInputPaper {
  return { title: paper.title, abstract: abstractNeeded(index, count) ? paper.abstract : undefined, curated: paper.topics.map(curatedTopic).filter((t) => t.source !== 'place').map((t) => t.id) };
}

/** Papers filed or looked at per step of `CorpusTopics.inSteps` and `exportGraphSteps` (about a millisecond). */
const STEP_WORK = 1000;

/** What the corpus alone decides: rebuilt when the corpus changes, not on every note edit. */
export class CorpusTopics {
  readonly topics = new Map<string, Topic>();
  /** Topic ids of each paper (by index) with the corpus's weights, for related papers, cards and graphs. */
  topicsOfPaper: PaperTopics = PaperTopics.empty;
  /** Topic ids by number (the numbers PaperTopics and the filing log hold), and each topic's number. */
  private readonly topicIds: string[] = [];
  private readonly topicNumber = new Map<string, number>();
  private readonly filings = new FilingLog();
  /** The last paper filed under each topic (by number), while filing: a repeat shows here. */
  private readonly lastFiled: number[] = [];
  private readonly byLabel = new Map<string, string>();
  readonly indexOfKey = new Map<string, number>();
  /** Papers under each topic and its subtopics (counted once, not walked per request: a subject root can hold 100,000). */
  readonly paperCounts = new Map<string, number>();

  /** Phrases, clusters and each paper's nearest papers (worked out by buildTopicData). */
  readonly build: TopicBuild;

  /** `precomputed`: the result of buildTopicData on these papers (a worker's); else built here. */
  constructor(readonly papers: Paper[], precomputed?: TopicBuild, stepwise = false) {
    this.build = precomputed ?? buildTopicData(papers.map((p, i) => topicInput(p, i, papers.length)));
    if (!stepwise) for (const step of this.fill()) void step;
  }

  /**
   * The same topics built a step at a time: each `next()` does a bounded piece of work (about
   * STEP_WORK papers filed or looked at), so a caller can build 100,000 papers' topics between
   * other work; the last step returns them.
   */
  static *inSteps(papers: Paper[], build: TopicBuild): Generator<void, CorpusTopics> {
    const topics = new CorpusTopics(papers, build, true);
    yield* topics.fill();
    return topics;
  }

  /** Counts work done and says when a step's worth is done. */
  private work = 0;
  private due(amount = 1): boolean {
    this.work += amount;
    if (this.work < STEP_WORK) return false;
    this.work = 0;
    return true;
  }

  private *fill(): Generator<void, void> {
    const { papers } = this;
    // Indexed loops and ids looked up, not written out again, per paper: this runs on the server
    // thread for every paper, and the iterators and id strings it had made per paper and level
    // were most of the garbage collected while a 100k library's topics were delivered.
    const childIds = new Map<string, Map<string, string>>();
    /** "subject:Science" under the source "subject" (`:`), "subject:Science > Field 3" under it (` > `). */
    const idUnder = (scope: string, separator: string, segment: string) => {
      let ids = childIds.get(scope);
      if (!ids) childIds.set(scope, (ids = new Map()));
      let id = ids.get(segment);
      if (id === undefined) ids.set(segment, (id = scope + separator + segment));
      return id;
    };
    for (let index = 0; index < papers.length; index++) {
      const paper = papers[index];
      this.indexOfKey.set(paper.key, index);
      for (let a = 0; a < paper.aliases.length; a++) this.indexOfKey.set(paper.aliases[a], index);
      for (let r = 0; r < paper.topics.length; r++) {
        const ref = paper.topics[r];
        const source = curatedSource(ref);
        let parent: string | undefined;
        for (let level = 0; level < ref.path.length; level++) {
          const segment = ref.path[level];
          const id = parent === undefined ? idUnder(source, ':', segment) : idUnder(parent, ' > ', segment);
          this.ensure(id, segment, source, parent);
          parent = id;
        }
        // Papers are filed in index order: the same topic twice for one paper is its last filed.
        if (parent !== undefined && this.lastFiled[this.topicNumber.get(parent)!] !== index) this.file(parent, index, ref.weight);
      }
      if (this.due(1 + paper.topics.length)) yield;
    }
    const { mined, clusters } = this.build;
    // Clusters are a level above phrases: a phrase most of whose papers are in one cluster sits under it.
    const clusterOfPaper = new Map<number, string>();
    for (const cluster of clusters) {
      this.ensure(cluster.id, cluster.label, 'cluster');
      for (const paper of cluster.papers) {
        this.file(cluster.id, paper);
        clusterOfPaper.set(paper, cluster.id);
        if (this.due()) yield;
      }
    }
    const mainCluster = (papersOfPhrase: readonly number[]) => {
      const counts = new Map<string, number>();
      for (const p of papersOfPhrase) {
        const c = clusterOfPaper.get(p);
        if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      return best && best[1] >= 0.6 * papersOfPhrase.length ? best[0] : undefined;
    };
    const idOf = new Map<string, string>();
    // Broader phrases first, so a specific phrase finds its parent in place.
    for (const phrase of [...mined].sort((a, b) => a.id.split(' ').length - b.id.split(' ').length)) {
      // A phrase that names one of the corpus's topic headers joins it instead of repeating it;
      // curated subject categories stay as the corpus files them.
      const same = this.byLabel.get(labelKey(phrase.label));
      const id = same?.startsWith('header:') ? same : `mined:${phrase.id}`;
      idOf.set(phrase.id, id);
      const broader = phrase.parent ? idOf.get(phrase.parent) : undefined;
      const parent = broader?.startsWith('mined:') ? broader : mainCluster(phrase.papers);
      this.ensure(id, phrase.label, 'mined', parent);
      // A header a phrase joins may hold some of its papers already: those are marked and skipped.
      const filed = id.startsWith('mined:') ? undefined : new Uint8Array(papers.length);
      if (filed) yield* this.filings.markPapersOf(this.topicNumber.get(id)!, filed, STEP_WORK * 20);
      if (this.due(1 + phrase.papers.length)) yield; // the cluster count above
      for (const paper of phrase.papers) {
        if (!filed?.[paper]) this.file(id, paper);
        if (this.due()) yield;
      }
    }
    // Each topic's list and each paper's topics, sorted out of the filing log: exact sizes, no
    // lists grown (and copied) a filing at a time.
    const lists = yield* this.filings.byTopic(this.topicIds.length, STEP_WORK * 20);
    for (let t = 0; t < lists.length; t++) {
      this.topics.get(this.topicIds[t])!.papers = lists[t];
      if (this.due()) yield;
    }
    this.topicsOfPaper = yield* this.filings.byPaper(papers.length, this.topicIds, STEP_WORK * 20);
    // Each paper counts once under every topic it is filed in and every ancestor of those.
    const under: string[] = []; // a paper's topics and their ancestors: a handful
    const own = this.topicsOfPaper;
    for (let index = 0; index < papers.length; index++) {
      under.length = 0;
      const count = own.count(index);
      for (let k = 0; k < count; k++) for (let t: string | undefined = own.id(index, k); t && !under.includes(t); t = this.topics.get(t)!.parent) under.push(t);
      for (let k = 0; k < under.length; k++) this.paperCounts.set(under[k], (this.paperCounts.get(under[k]) ?? 0) + 1);
      if (this.due(1 + under.length)) yield;
    }
  }

  /** The topic a note tag means: an existing topic of the same name, or the tag itself. */
  topicForTag(tag: string): string | undefined {
    return this.byLabel.get(labelKey(tag));
  }

  private ensure(id: string, label: string, source: TopicSource, parent?: string): void {
    if (this.topics.has(id)) return;
    this.topics.set(id, { id, label, source, parent, children: [], papers: NO_PAPERS_YET, notes: [] });
    this.topicNumber.set(id, this.topicIds.length);
    this.topicIds.push(id);
    this.lastFiled.push(-1);
    if (parent) this.topics.get(parent)!.children.push(id);
    if (source !== 'place' && !this.byLabel.has(labelKey(label))) this.byLabel.set(labelKey(label), id);
  }

  /**
   * Files a paper the caller knows is not filed there yet (a set of papers per topic, kept while
   * the tree was built, had held 300,000 entries at 100k tagged papers: garbage the server
   * thread collected). Into typed arrays: no object per filing.
   */
  private file(id: string, paper: number, weight?: number): void {
    const topic = this.topicNumber.get(id)!;
    this.filings.push(paper, topic, weight);
    this.lastFiled[topic] = paper;
  }
}

/** "Parameter-Symmetries" and "parameter symmetry" name the same topic. */
export function labelKey(label: string): string {
  return label
    .split(/[\s\-_/]+/)
    .filter((w) => w)
    .map(normalizeWord)
    .join(' ');
}

export interface TopicGraph {
  topics: Map<string, Topic>;
  /** Top-level topics, headers first, then subjects, mined topics, note tags, places. */
  roots: string[];
  papers: Paper[];
  /** Paper index of every key and alias. */
  indexOfKey: Map<string, number>;
  /** Papers each note cites (indices) and the URIs of the notes citing each paper. */
  citedBy: Map<number, string[]>;
  notes: NoteInfo[];
  /** Each note by its URI. */
  noteByUri: Map<string, NoteInfo>;
  /** Topics the notes add papers to (a tag's topic holds the papers its notes cite), by paper. */
  noteTopicsOfPaper: Map<number, string[]>;
  /** The corpus side this graph lays the notes over. */
  corpus: CorpusTopics;
  /** Topics whose paper count the notes change: those they add papers to, and their ancestors. */
  countChanged: Set<string>;
}

/** The user's own tags and the corpus's topic headers first, then clusters, phrases, subjects, places. */
const SOURCE_ORDER: TopicSource[] = ['tag', 'keyword', 'header', 'cluster', 'mined', 'subject', 'place'];

/**
 * The corpus topics with the notes laid over them. Cheap: notes are few next to papers, so only
 * the topics notes touch are copied (copying every topic's paper list took 0.1–0.2 s at 100k
 * papers, on the server's thread, after every note edit); the others are the corpus's own objects.
 */
export function buildGraph(corpus: CorpusTopics, notes: NoteInfo[]): TopicGraph {
  const topics = new Map<string, Topic>(corpus.topics);
  const papersOf = new Map<string, Set<number>>();
  /** A topic notes change: copied from the corpus's on first change. */
  const own = (id: string): { topic: Topic; papers: Set<number> } => {
    let topic = topics.get(id)!;
    if (topic === corpus.topics.get(id)) topics.set(id, (topic = { ...topic, children: [...topic.children], papers: topic.papers.copy(), notes: [] }));
    let papers = papersOf.get(id);
    if (!papers) papersOf.set(id, (papers = new Set(topic.papers.papers())));
    return { topic, papers };
  };
  const citedBy = new Map<number, string[]>();
  const noteTopicsOfPaper = new Map<number, string[]>();
  for (const note of notes) {
    const cited = new Set<number>();
    for (const c of note.citations) {
      const index = corpus.indexOfKey.get(c.key);
      if (index !== undefined) cited.add(index);
    }
    for (const index of cited) {
      const citing = citedBy.get(index);
      if (citing) citing.push(note.uri);
      else citedBy.set(index, [note.uri]);
    }
    for (const tag of note.tags) {
      const id = corpus.topicForTag(tag) ?? `tag:${labelKey(tag)}`;
      if (!topics.has(id)) topics.set(id, { id, label: tag, source: 'tag', children: [], papers: new TopicPapers(), notes: [] });
      const { topic, papers } = own(id);
      if (!topic.notes.includes(note.uri)) topic.notes.push(note.uri);
      // The papers a tagged note cites belong under the tag too.
      for (const index of cited) {
        if (papers.has(index)) continue;
        papers.add(index);
        topic.papers.push(index);
        const list = noteTopicsOfPaper.get(index);
        if (list) list.push(id);
        else noteTopicsOfPaper.set(index, [id]);
      }
    }
  }
  const countChanged = new Set<string>();
  for (const id of papersOf.keys()) for (let t: string | undefined = id; t && !countChanged.has(t); t = topics.get(t)?.parent) countChanged.add(t);
  const graph: TopicGraph = { topics, roots: [], papers: corpus.papers, indexOfKey: corpus.indexOfKey, citedBy, notes, noteByUri: new Map(notes.map((n) => [n.uri, n])), noteTopicsOfPaper, corpus, countChanged };
  const top = [...topics.values()].filter((t) => !t.parent);
  const counts = new Map(top.map((t) => [t.id, topicPaperCount(graph, t.id)]));
  graph.roots = top
    .sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) || counts.get(b.id)! - counts.get(a.id)! || a.label.localeCompare(b.label))
    .map((t) => t.id);
  return graph;
}

/**
 * Papers under a topic and its subtopics, with the papers notes add: the corpus's count, plus
 * the papers notes file in the subtree that the corpus does not already count there.
 */
export function topicPaperCount(graph: TopicGraph, id: string): number {
  const count = graph.corpus.paperCounts.get(id) ?? 0;
  if (!graph.countChanged.has(id)) return count;
  const within = (topic: string) => {
    for (let t: string | undefined = topic; t; t = graph.topics.get(t)?.parent) if (t === id) return true;
    return false;
  };
  let added = 0;
  for (const [paper, topics] of graph.noteTopicsOfPaper) if (topics.some(within) && !graph.corpus.topicsOfPaper.of(paper).some(within)) added++;
  return count + added;
}

/** Papers under a topic and all its subtopics, walked (see topicPaperCount for a graph's). */
export function paperCount(topics: Map<string, Topic>, topic: Topic): number {
  const seen = new Set<number>();
  const walk = (t: Topic) => {
    for (const p of t.papers.papers()) seen.add(p);
    for (const c of t.children) walk(topics.get(c)!);
  };
  walk(topic);
  return seen.size;
}

export interface RelatedPaper {
  paper: Paper;
  score: number;
  /** Labels of the topics the two papers share. */
  shared: string[];
}

/**
 * Papers related to one paper: its nearest papers by the similarity clusters use (shared
 * phrases, topics and words, each weighted by rarity), with the topics they share.
 */
export function relatedPapers(corpus: CorpusTopics, key: string, limit = 5): RelatedPaper[] {
  const index = corpus.indexOfKey.get(key);
  if (index === undefined) return [];
  const own = new Set(corpus.topicsOfPaper.of(index));
  return neighboursOf(corpus.build.neighbours, index)
    .slice(0, limit)
    .map(({ paper, score }) => ({
      paper: corpus.papers[paper],
      score: Math.round(score * 1000) / 1000,
      shared: corpus.topicsOfPaper.of(paper).filter((id) => own.has(id) && corpus.topics.get(id)!.source !== 'place').map((id) => corpus.topics.get(id)!.label),
    }));
}

/**
 * The three topics that best say what a paper is about, as plain labels (no weights): the
 * corpus's own headers and keywords first, then its most specific phrases, then subjects.
 */
export function topTopicsOfPaper(corpus: CorpusTopics, key: string, limit = 3): string[] {
  const index = corpus.indexOfKey.get(key);
  if (index === undefined) return [];
  const rank: Partial<Record<TopicSource, number>> = { keyword: 0, header: 1, mined: 2, subject: 3 };
  const phraseRank = new Map(corpus.build.mined.map((m, k) => [`mined:${m.id}`, k]));
  const own = corpus.topicsOfPaper;
  const topics = own
    .of(index)
    .map((id, k) => ({ t: corpus.topics.get(id)!, weight: own.weight(index, k) ?? 0 }))
    .filter(({ t }) => rank[t.source] !== undefined)
    .sort((a, b) => rank[a.t.source]! - rank[b.t.source]! || (phraseRank.get(a.t.id) ?? 0) - (phraseRank.get(b.t.id) ?? 0) || b.weight - a.weight);
  const labels: string[] = [];
  for (const { t } of topics) {
    if (labels.length >= limit) break;
    if (!labels.some((l) => labelKey(l) === labelKey(t.label))) labels.push(t.label);
  }
  return labels;
}

export interface GraphNode {
  id: string;
  kind: 'topic' | 'paper' | 'note';
  label: string;
  source?: TopicSource;
  /** For papers: the citation key; for notes: the URI. */
  ref?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'subtopic' | 'about' | 'cites' | 'tagged' | 'related';
  weight?: number;
}

export interface GraphExport {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** A local graph: how many nodes lie within its depth ("showing 1,500 of 8,200"). */
  total?: number;
  /** More than `total` lie within its depth (counting stopped there). */
  totalAtLeast?: boolean;
}

export interface ExportOptions {
  /** Only this topic (by id or label) and what hangs off it. */
  topic?: string;
  /** Leave places out (they are many and rarely what a reader wants). Default true. */
  withoutPlaces?: boolean;
  /** Add each paper's top related papers. */
  related?: number;
  /** Most nodes in the graph (the full graph of a large library is cut to what a view can draw). */
  maxNodes?: number;
}

/** Nodes and edges for a picture or a file (JSON, DOT, Mermaid). */
export function exportGraph(graph: TopicGraph, corpus: CorpusTopics, options: ExportOptions = {}): GraphExport {
  const steps = exportGraphSteps(graph, corpus, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Counts work done; true each time a step's worth (STEP_WORK) is done: where a generator yields. */
function stepCounter(): (amount?: number) => boolean {
  let work = 0;
  return (amount = 1) => {
    work += amount;
    if (work < STEP_WORK) return false;
    work = 0;
    return true;
  };
}

/**
 * exportGraph a step at a time (each `next()` a bounded piece of work, as CorpusTopics.inSteps),
 * so the server draws the full graph of 100,000 papers between requests. With `maxNodes` the
 * graph is cut: every topic first, then an even share of each topic's papers, notes; `total`
 * says how many nodes the whole graph has.
 */
export function* exportGraphSteps(graph: TopicGraph, corpus: CorpusTopics, options: ExportOptions = {}): Generator<void, GraphExport> {
  const maxNodes = options.maxNodes ?? Infinity;
  const due = stepCounter();
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const paperId = (i: number) => `paper:${graph.papers[i].key}`;
  const paperNodes: number[] = [];
  const addPaper = (i: number) => {
    nodes.set(paperId(i), { id: paperId(i), kind: 'paper', label: graph.papers[i].title, ref: graph.papers[i].key });
    paperNodes.push(i);
  };
  const { wanted, ancestors } = selectTopics(graph, options);
  const topicIds = [...ancestors, ...wanted];
  for (const id of topicIds) {
    if (nodes.size >= maxNodes) break;
    const t = graph.topics.get(id)!;
    nodes.set(id, { id, kind: 'topic', label: t.label, source: t.source });
  }
  for (const id of topicIds) {
    const t = graph.topics.get(id)!;
    if (nodes.has(id) && t.parent && nodes.has(t.parent)) edges.push({ from: t.parent, to: id, kind: 'subtopic' });
  }
  yield;
  // Ancestors are shown for context, without their other papers.
  const listed = topicIds.filter((id) => nodes.has(id) && !ancestors.has(id));
  const paperBudget = maxNodes - Math.min(graph.notes.length, Math.floor(maxNodes / 10));
  const share = Math.max(1, Math.floor((paperBudget - nodes.size) / Math.max(1, listed.length)));
  const seen = new Uint8Array(graph.papers.length);
  let papersInGraph = 0;
  for (const id of topicIds) {
    if (ancestors.has(id)) continue;
    let taken = 0;
    for (const paper of graph.topics.get(id)!.papers.papers()) {
      if (!seen[paper]) {
        seen[paper] = 1;
        papersInGraph++;
        if (taken < share && nodes.size < paperBudget && nodes.has(id)) {
          addPaper(paper);
          taken++;
        }
      }
      if (due()) yield;
    }
  }
  // What the shares left: the topics' next papers, in order.
  for (const id of listed) {
    if (nodes.size >= paperBudget) break;
    for (const paper of graph.topics.get(id)!.papers.papers()) {
      if (nodes.size >= paperBudget) break;
      if (!nodes.has(paperId(paper))) addPaper(paper);
      if (due()) yield;
    }
  }
  // Each paper's topics in the graph (not the ancestors): its own and those notes add it to.
  for (const index of paperNodes) {
    const to = paperId(index);
    const own = corpus.topicsOfPaper;
    const count = own.count(index);
    for (let k = 0; k < count; k++) {
      const topic = own.id(index, k);
      if (nodes.has(topic) && !ancestors.has(topic)) edges.push({ from: topic, to, kind: 'about', weight: own.weight(index, k) });
    }
    for (const topic of graph.noteTopicsOfPaper.get(index) ?? []) if (nodes.has(topic) && !ancestors.has(topic)) edges.push({ from: topic, to, kind: 'about' });
    if (due(1 + count)) yield;
  }
  let notesInGraph = 0;
  for (const note of graph.notes) {
    const noteId = `note:${note.uri}`;
    const cited = note.citations.map((c) => corpus.indexOfKey.get(c.key)).filter((i): i is number => i !== undefined && seen[i] === 1);
    const tagged = note.tags.map((tag) => corpus.topicForTag(tag) ?? `tag:${labelKey(tag)}`).filter((id) => wanted.has(id));
    if (cited.length === 0 && tagged.length === 0) continue;
    notesInGraph++;
    if (nodes.size >= maxNodes) continue;
    nodes.set(noteId, { id: noteId, kind: 'note', label: note.title, ref: note.uri });
    for (const i of new Set(cited)) if (nodes.has(paperId(i))) edges.push({ from: noteId, to: paperId(i), kind: 'cites' });
    for (const id of new Set(tagged)) if (nodes.has(id)) edges.push({ from: noteId, to: id, kind: 'tagged' });
    if (due(1 + note.citations.length)) yield;
  }
  if (options.related) {
    for (const index of paperNodes) {
      const id = paperId(index);
      for (const r of neighboursOf(corpus.build.neighbours, index).slice(0, options.related)) {
        const other = `paper:${graph.papers[r.paper].key}`;
        if (nodes.has(other) && id < other) edges.push({ from: id, to: other, kind: 'related', weight: Math.round(r.score * 100) / 100 });
      }
      if (due(1 + options.related)) yield;
    }
  }
  const total = topicIds.length + papersInGraph + notesInGraph;
  return total > nodes.size ? { nodes: [...nodes.values()], edges, total } : { nodes: [...nodes.values()], edges };
}

function selectTopics(graph: TopicGraph, options: ExportOptions): { wanted: Set<string>; ancestors: Set<string> } {
  const wanted = new Set<string>();
  const ancestors = new Set<string>();
  const add = (id: string) => {
    const t = graph.topics.get(id)!;
    if (options.withoutPlaces !== false && t.source === 'place') return;
    wanted.add(id);
    t.children.forEach(add);
  };
  if (options.topic) {
    const match = findTopic(graph, options.topic);
    if (match) {
      for (let p = match.parent; p; p = graph.topics.get(p)?.parent) ancestors.add(p);
      add(match.id);
    }
  } else {
    graph.roots.forEach(add);
  }
  return { wanted, ancestors };
}

/** A topic by id, else by label: exact, then ignoring case, then normalised ("GNNs" ~ "gnn"). */
export function findTopic(graph: TopicGraph, name: string): Topic | undefined {
  const all = [...graph.topics.values()];
  return (
    graph.topics.get(name) ??
    all.find((t) => t.label === name) ??
    all.find((t) => t.label.toLowerCase() === name.toLowerCase()) ??
    all.find((t) => labelKey(t.label) === labelKey(name))
  );
}

export function toDot(graph: GraphExport): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const shape = { topic: 'ellipse', paper: 'box', note: 'note' };
  const lines = ['digraph litnotes {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const n of graph.nodes) lines.push(`  ${q(n.id)} [label=${q(truncate(n.label, 50))}, shape=${shape[n.kind]}];`);
  for (const e of graph.edges) {
    const style = e.kind === 'related' ? ', style=dashed, dir=none' : e.kind === 'cites' || e.kind === 'tagged' ? ', color=blue' : '';
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.kind)}${style}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

export function toMermaid(graph: GraphExport): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const text = (s: string) => truncate(s, 50).replace(/["[\]{}()<>|#;]/g, ' ');
  const lines = ['graph LR'];
  for (const n of graph.nodes) {
    const id = ids.get(n.id)!;
    lines.push(n.kind === 'topic' ? `  ${id}(("${text(n.label)}"))` : n.kind === 'paper' ? `  ${id}["${text(n.label)}"]` : `  ${id}>"${text(n.label)}"]`);
  }
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)} ${e.kind === 'related' ? '-.-' : '-->'}|${e.kind}| ${ids.get(e.to)}`);
  return lines.join('\n');
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Most neighbours of one node followed outward (a topic of thousands of papers stays readable). */
const LOCAL_FANOUT = 40;
/** Nodes within the depth are counted up to this many ("showing 1,500 of more than 5,000"): counting costs as much as drawing. */
const LOCAL_COUNT_LIMIT = 5000;

export interface LocalOptions {
  /** Most nodes drawn. */
  maxNodes?: number;
  /** Related papers followed from each paper. */
  related?: number;
}

/** localGraph at once (tests, the CLI); the server runs `localGraphSteps` between requests. */
export function localGraph(graph: TopicGraph, corpus: CorpusTopics, center: string, depth: number, options: LocalOptions = {}): GraphExport {
  const steps = localGraphSteps(graph, corpus, center, depth, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The neighbourhood of one node (a note, a paper, a topic) up to `depth` links away, as the
 * graph view's local graph, walked on the topic graph itself: the time it takes grows with the
 * neighbourhood, not with the corpus. Nodes nearer the centre come first, each node's links are
 * followed up to LOCAL_FANOUT, at most `maxNodes` are kept, and `total` says how many lie within
 * the depth. Places are left out. Empty when the centre is not in the graph. A step at a time
 * (about STEP_WORK links looked at): depth 3 around a topic of thousands of papers took 20–80 ms
 * in one piece.
 */
export function* localGraphSteps(graph: TopicGraph, corpus: CorpusTopics, center: string, depth: number, options: LocalOptions = {}): Generator<void, GraphExport> {
  const maxNodes = options.maxNodes ?? 1500;
  const links = new GraphLinks(graph, corpus, options.related ?? 2);
  const centerNode = links.node(center);
  if (!centerNode) return { nodes: [], edges: [], total: 0 };
  const due = stepCounter(); // counts links looked at
  const kept = new Map<string, GraphNode>([[center, centerNode]]);
  const seen = new Set([center]);
  let counting = true;
  let frontier = [center];
  let beyond: string[] = []; // within reach but not drawn: walked only to count
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    const nextBeyond: string[] = [];
    for (const id of frontier) {
      let added = 0;
      for (const other of links.neighbours(id)) {
        // A topic of thousands of papers is walked over several steps.
        if (due()) yield;
        if (seen.has(other)) continue;
        if (added < LOCAL_FANOUT && kept.size < maxNodes) {
          const node = links.node(other);
          if (!node) continue;
          kept.set(other, node);
          next.push(other);
          added++;
        } else if (counting) {
          nextBeyond.push(other);
        } else {
          break;
        }
        seen.add(other);
        if (seen.size >= LOCAL_COUNT_LIMIT) counting = false;
      }
    }
    for (const id of beyond) {
      if (!counting) break;
      for (const other of links.neighbours(id)) {
        if (due()) yield;
        if (seen.has(other)) continue;
        seen.add(other);
        nextBeyond.push(other);
        if (seen.size >= LOCAL_COUNT_LIMIT) {
          counting = false;
          break;
        }
      }
    }
    frontier = next;
    beyond = nextBeyond;
  }
  const edges: GraphEdge[] = [];
  const added = new Set<string>();
  for (const id of kept.keys()) {
    const own = links.ownEdges(id);
    for (const edge of own) {
      if (!kept.has(edge.from) || !kept.has(edge.to)) continue;
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
      if (added.has(key)) continue;
      added.add(key);
      edges.push(edge);
    }
    if (due(1 + own.length)) yield;
  }
  return { nodes: [...kept.values()], edges, total: seen.size, totalAtLeast: !counting };
}

/**
 * The topic graph's links node by node, without building the whole graph. Each edge is
 * produced by one of its ends that has few of them (a paper names its topics; a topic of
 * 15,000 papers is never scanned for edges), so the edges of a local graph cost little.
 */
class GraphLinks {
  constructor(private readonly graph: TopicGraph, private readonly corpus: CorpusTopics, private readonly related: number) {}

  node(id: string): GraphNode | undefined {
    if (id.startsWith('paper:')) {
      const index = this.graph.indexOfKey.get(id.slice(6));
      if (index === undefined) return undefined;
      const paper = this.graph.papers[index];
      return { id: `paper:${paper.key}`, kind: 'paper', label: paper.title, ref: paper.key };
    }
    if (id.startsWith('note:')) {
      const note = this.graph.noteByUri.get(id.slice(5));
      return note && { id, kind: 'note', label: note.title, ref: note.uri };
    }
    const topic = this.graph.topics.get(id);
    return topic && topic.source !== 'place' ? { id, kind: 'topic', label: topic.label, source: topic.source } : undefined;
  }

  /** Each neighbour, the most telling first (a caller stops when it has enough). */
  *neighbours(id: string): Generator<string, void> {
    if (id.startsWith('paper:')) {
      const index = this.graph.indexOfKey.get(id.slice(6));
      if (index === undefined) return;
      for (const uri of this.graph.citedBy.get(index) ?? []) yield `note:${uri}`;
      yield* this.topicsOfPaper(index);
      for (const r of neighboursOf(this.corpus.build.neighbours, index).slice(0, this.related)) yield `paper:${this.graph.papers[r.paper].key}`;
      return;
    }
    if (id.startsWith('note:')) {
      const note = this.graph.noteByUri.get(id.slice(5));
      if (!note) return;
      for (const index of this.citedByNote(note)) yield `paper:${this.graph.papers[index].key}`;
      yield* this.tagsOfNote(note);
      return;
    }
    const topic = this.graph.topics.get(id);
    if (!topic) return;
    if (topic.parent && !this.isPlace(topic.parent)) yield topic.parent;
    for (const child of topic.children) if (!this.isPlace(child)) yield child;
    for (const uri of topic.notes) yield `note:${uri}`;
    const papers = topic.papers.papers();
    for (let k = 0; k < papers.length; k++) yield `paper:${this.graph.papers[papers[k]].key}`;
  }

  /** The edges this node stands for: a topic its parent link, a paper its topics and related papers, a note its citations and tags. */
  ownEdges(id: string): GraphEdge[] {
    const edges: GraphEdge[] = [];
    if (id.startsWith('paper:')) {
      const index = this.graph.indexOfKey.get(id.slice(6))!;
      const own = this.corpus.topicsOfPaper;
      for (let k = 0; k < own.count(index); k++) edges.push({ from: own.id(index, k), to: id, kind: 'about', weight: own.weight(index, k) });
      for (const topic of this.graph.noteTopicsOfPaper.get(index) ?? []) edges.push({ from: topic, to: id, kind: 'about' });
      for (const r of neighboursOf(this.corpus.build.neighbours, index).slice(0, this.related)) {
        const other = `paper:${this.graph.papers[r.paper].key}`;
        const [from, to] = id < other ? [id, other] : [other, id];
        edges.push({ from, to, kind: 'related', weight: Math.round(r.score * 100) / 100 });
      }
    } else if (id.startsWith('note:')) {
      const note = this.graph.noteByUri.get(id.slice(5))!;
      for (const index of this.citedByNote(note)) edges.push({ from: id, to: `paper:${this.graph.papers[index].key}`, kind: 'cites' });
      for (const topic of this.tagsOfNote(note)) edges.push({ from: id, to: topic, kind: 'tagged' });
    } else {
      const parent = this.graph.topics.get(id)?.parent;
      if (parent) edges.push({ from: parent, to: id, kind: 'subtopic' });
    }
    return edges;
  }

  private topicsOfPaper(index: number): string[] {
    const own = this.corpus.topicsOfPaper.of(index).filter((t) => !this.isPlace(t));
    const fromNotes = this.graph.noteTopicsOfPaper.get(index);
    return fromNotes ? [...own, ...fromNotes] : own;
  }

  private citedByNote(note: NoteInfo): number[] {
    const cited = new Set<number>();
    for (const c of note.citations) {
      const index = this.graph.indexOfKey.get(c.key);
      if (index !== undefined) cited.add(index);
    }
    return [...cited];
  }

  private tagsOfNote(note: NoteInfo): string[] {
    return [...new Set(note.tags.map((tag) => this.corpus.topicForTag(tag) ?? `tag:${labelKey(tag)}`))].filter((id) => this.graph.topics.has(id));
  }

  private isPlace(id: string): boolean {
    return this.graph.topics.get(id)?.source === 'place';
  }
}
