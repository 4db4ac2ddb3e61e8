// Topic phrases: noun phrases found by a part-of-speech tagger (wink-nlp with its English
// model), ranked by C-value (how often a phrase stands on its own, not only inside a longer
// one, weighted by its length), with variants merged under the form most often written.
// Plain data in and out: the corpus decides the topics; nothing here knows what it is about.
import type winkNLPType from 'wink-nlp';
import { foldToAscii, STOP_WORDS } from '../text';

export interface MinedTopic {
  /** Normalised phrase: "equivariant neural network". */
  id: string;
  /** The form most often written: "equivariant neural networks". */
  label: string;
  /** Indices of the papers whose title or abstract contains it (or a merged variant), ascending. */
  papers: number[];
  /** C-value, lowered for phrases so common in the corpus that they say little. */
  score: number;
  /** A broader phrase this one specialises ("neural network" for "graph neural network"). */
  parent?: string;
  /** Names the field rather than a topic ("neural networks" in a deep-learning library). */
  generic: boolean;
  /**
   * Of the times it is written (at least QUALIFIER_MIN_WRITTEN), the share where a noun follows
   * it in its phrase: "machine learning" in "machine learning tasks", "... techniques", "...
   * community" qualifies other words more than it is written about. 0 when written too seldom.
   */
  qualifying: number;
}

/** Fewest times a phrase is written before its qualifying share says anything. */
const QUALIFIER_MIN_WRITTEN = 3;

/** Words that never begin or end a topic, though a tagger may call them nouns or adjectives. */
const GENERIC = new Set(
  ('paper work works approach approaches method methods result results study studies problem problems task ' +
    'tasks model models framework use way ways number numbers art state case cases set sets data datum ' +
    'experiment experiments performance importance issue issues kind kinds type types part parts lot lots ' +
    'one two three four five first second third many several various different important recent existing ' +
    'novel able such other further key new large small high low simple specific underlying certain given general ' +
    'whole full possible known better improved extensive practical non pre same previous prior own main major ' +
    'separate particular wide broad significant effective efficient good best great strong standard common ' +
    'current typical additional related overall various numerous little much less fewer least top ' +
    'http https www com org github html abstract introduction conclusion paper thing things fact aspect ' +
    'aspects term terms means end order basis example examples respect area areas field fields ' +
    'show shows shown propose proposes proposed demonstrate demonstrates present presents introduce introduces')
    .split(' '),
);

/** Generic words that still end a phrase well after a specific word: "diffusion model", "training data". */
const HEADS_AFTER_SPECIFIC = new Set('model models method methods framework frameworks data datum network networks'.split(' '));

/** Gerunds a tagger reads as verbs that still head a noun phrase after a noun: "machine learning". */
const VERBAL_GERUNDS = new Set(
  'using including containing leading having being making following according regarding involving showing yielding achieving allowing requiring providing given considering compared enabling resulting taking becoming getting'.split(' '),
);

const PHRASE_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
/** Word shapes typical of adjectives; such a word heads a phrase only if the corpus also writes it plural. */
const ADJECTIVE_SUFFIX = /(al|ive|ous|ic|able|ible|ful|less|ary|ant|ent|ar)$/;
const WORD = /^[\p{L}][\p{L}\p{N}'’]*$/u;

/** Singular, lowercase, ASCII: "Networks" -> "network", "symmetries" -> "symmetry". */
export function normalizeWord(word: string): string {
  const w = foldToAscii(word);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ss|us|is|ices)$/.test(w)) return w;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

let tagger: ReturnType<typeof winkNLPType> | undefined;
/** The tagger, loaded on first use (about 0.2 s; a server that never mines never pays it). */
function nlp(): ReturnType<typeof winkNLPType> {
  if (!tagger) {
    const winkNLP = require('wink-nlp') as typeof winkNLPType;
    const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLPType>[0];
    tagger = winkNLP(model, ['sbd', 'pos']);
  }
  return tagger;
}

interface Word {
  raw: string;
  norm: string;
  pos: string;
  /** Joined to the previous word by a hyphen ("loss-landscape"). */
  hyphen: boolean;
}

/** Noun-phrase chunks of a text: runs of adjectives and nouns (hyphenated compounds kept whole). */
export function nounChunks(text: string): Word[][] {
  const doc = nlp().readDoc(text);
  const its = nlp().its;
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const chunks: Word[][] = [];
  let chunk: Word[] = [];
  const close = () => {
    if (chunk.length > 0) chunks.push(chunk);
    chunk = [];
  };
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    // "loss-landscape": a hyphen with no space either side joins the words into one compound.
    if (raw === '-' && spaces[i] === '' && spaces[i + 1] === '' && chunk.length > 0 && WORD.test(values[i + 1] ?? '')) {
      const next = values[i + 1];
      chunk.push({ raw: next, norm: normalizeWord(next), pos: tags[i + 1] === 'VERB' ? 'ADJ' : tags[i + 1], hyphen: true });
      i++;
      continue;
    }
    let pos = tags[i];
    const lower = raw.toLowerCase();
    // "machine learning": a gerund after a noun or adjective heads the phrase.
    if (pos === 'VERB' && lower.endsWith('ing') && chunk.length > 0 && !VERBAL_GERUNDS.has(lower)) pos = 'NOUN';
    if (!PHRASE_POS.has(pos) || !WORD.test(raw) || raw.length < 2 || STOP_WORDS.has(lower)) {
      close();
      continue;
    }
    chunk.push({ raw, norm: normalizeWord(raw), pos, hyphen: false });
  }
  close();
  return chunks;
}

export interface MineOptions {
  /** Fewest papers a phrase must appear in; default grows with the corpus (at least 2). */
  minPapers?: number;
  /** Most topics kept, the best first. */
  maxTopics?: number;
  /** Leave abstracts out (a large corpus: titles say enough and cost far less). */
  titlesOnly?: boolean;
  /** Papers read with their abstracts when not titles only; the rest by title (tagging costs). */
  abstractSample?: number;
  /** Called now and then with the share of papers read (0 to 1). */
  progress?: (done: number) => void;
}

export interface PaperText {
  title: string;
  abstract?: string;
}

const MAX_WORDS = 4;

interface Candidate {
  words: string[];
  papers: number[];
  forms: Map<string, number>;
  written: number;
  /** Of those, the times a noun followed it in its phrase ("machine learning tasks"): it qualified another word. */
  qualifying: number;
  /** Papers whose title says it: a title names what a paper is about, an abstract also its context. */
  titles: number[];
}

/** Reads papers one at a time (so a caller can slice the work), then ranks and merges phrases. */
export class PhraseMiner {
  private readonly candidates = new Map<string, Candidate>();
  /** Normalised words the corpus writes in the plural somewhere: they are nouns. */
  private readonly pluralNouns = new Set<string>();
  private papersRead = 0;
  /** Merged-away variant ids and the phrase they joined. */
  readonly aliases = new Map<string, string>();

  constructor(private readonly options: MineOptions = {}) {}

  /** Reads one paper: its title, and its abstract where the caller can afford tagging it. */
  add(index: number, title: string, abstract?: string): void {
    this.papersRead++;
    const seen = new Set<string>();
    const titleChunks = nounChunks(title);
    const chunks = abstract ? [...titleChunks, ...nounChunks(abstract)] : titleChunks;
    chunks.forEach((chunk, chunkIndex) => {
      const inTitle = chunkIndex < titleChunks.length;
      for (const w of chunk) if (w.pos !== 'ADJ' && /[^s]s$/i.test(w.raw) && w.norm !== foldToAscii(w.raw)) this.pluralNouns.add(w.norm);
      for (let end = 0; end < chunk.length; end++) {
        const last = chunk[end];
        if (end > 0 && chunk[end - 1].norm === last.norm) continue; // "network network": a tagging slip
        if (last.pos === 'ADJ' || (GENERIC.has(last.norm) && !HEADS_AFTER_SPECIFIC.has(last.norm))) continue;
        for (let start = Math.max(0, end - MAX_WORDS + 1); start < end; start++) {
          // A phrase never starts inside a hyphenated compound ("landscape" of "loss-landscape").
          if (chunk[start].hyphen || GENERIC.has(chunk[start].norm)) continue;
          const words = chunk.slice(start, end + 1);
          const id = words.map((w) => w.norm).join(' ');
          const form = words.map((w, k) => (k > 0 ? (w.hyphen ? '-' : ' ') : '') + formOf(w.raw)).join('');
          let candidate = this.candidates.get(id);
          if (!candidate) this.candidates.set(id, (candidate = { words: id.split(' '), papers: [], forms: new Map(), written: 0, qualifying: 0, titles: [] }));
          candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + 1);
          candidate.written++;
          if (end + 1 < chunk.length && chunk[end + 1].pos !== 'ADJ') candidate.qualifying++;
          if (!seen.has(id)) {
            seen.add(id);
            candidate.papers.push(index);
          }
          if (inTitle && candidate.titles[candidate.titles.length - 1] !== index) candidate.titles.push(index);
        }
      }
    });
  }

  finish(): MinedTopic[] {
    const n = this.papersRead;
    const minPapers = this.options.minPapers ?? Math.max(2, Math.ceil(n * 0.004));
    const maxTopics = this.options.maxTopics ?? 60;
    // A phrase must end on a noun: "group equivariant" is a fragment unless "equivariants" is written.
    const headOk = (word: string) => !ADJECTIVE_SUFFIX.test(word) || this.pluralNouns.has(word);
    let kept = [...this.candidates.entries()].filter(([, c]) => c.papers.length >= minPapers && headOk(c.words[c.words.length - 1]));
    this.candidates.clear();

    kept = mergeVariants(kept, this.aliases);
    const byId = new Map(kept);
    // Longer phrases by each shorter phrase inside them, for C-value and for parents.
    const containing = new Map<string, Candidate[]>();
    for (const [, c] of kept) {
      for (let length = 2; length < c.words.length; length++) {
        for (let start = 0; start + length <= c.words.length; start++) {
          const inner = c.words.slice(start, start + length).join(' ');
          if (!byId.has(inner)) continue;
          const list = containing.get(inner) ?? [];
          if (!list.includes(c)) list.push(c);
          containing.set(inner, list);
        }
      }
    }
    const broader = new Set(kept.map(([id]) => broaderPhrase(id, byId)).filter((p): p is string => p !== undefined));
    // C-value: a phrase counts for the papers where it is more than part of a longer phrase.
    const scored = kept.map(([id, c]) => {
      const longer = containing.get(id) ?? [];
      const nested = longer.length === 0 ? 0 : longer.reduce((sum, o) => sum + o.papers.length, 0) / longer.length;
      const titleShare = c.titles.length / c.papers.length;
      const score = Math.log2(c.words.length + 1) * (c.papers.length - nested) * (0.5 + titleShare);
      // Phrases much of the corpus uses ("neural networks" in a deep-learning library), or that
      // are common and specialised by other phrases, name the field: they rank below specific ones.
      const generic = c.papers.length >= 3 && (c.papers.length > n * 0.25 || (c.papers.length > n * 0.1 && broader.has(id)));
      return { id, c, score, generic };
    });
    scored.sort((a, b) => Number(a.generic) - Number(b.generic) || b.score - a.score || b.c.papers.length - a.c.papers.length || (a.id < b.id ? -1 : 1));
    const top = scored.filter((s) => s.score > 0 || s.generic).slice(0, maxTopics);
    const topIds = new Set(top.map((t) => t.id));
    return top.map(({ id, c, score, generic }) => ({
      id,
      label: mostWritten(c.forms),
      papers: c.papers,
      score: Math.round(score * 100) / 100,
      generic,
      qualifying: c.written >= QUALIFIER_MIN_WRITTEN ? Math.round((c.qualifying / c.written) * 100) / 100 : 0,
      parent: topIds.has(broaderPhrase(id, byId) ?? '') ? broaderPhrase(id, byId) : undefined,
    }));
  }
}

/** "Neural" stays capitalised only where the corpus capitalises it mid-sentence (names, acronyms). */
function formOf(raw: string): string {
  return /^[A-Z][a-z]/.test(raw) ? raw.toLowerCase() : raw;
}

function mostWritten(forms: Map<string, number>): string {
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

/**
 * Variants become one phrase: "equivariant networks" / "equivariant neural networks" (a
 * modifier inserted), and a phrase inside another found in the same papers. The merged phrase
 * takes the papers of both and the form written most often.
 */
function mergeVariants(entries: [string, Candidate][], aliases: Map<string, string>): [string, Candidate][] {
  const alive = new Map(entries);
  const sorted = [...entries].sort((a, b) => a[1].words.length - b[1].words.length);
  for (const [id, c] of sorted) {
    if (!alive.has(id)) continue;
    for (const [otherId, o] of sorted) {
      if (otherId === id || !alive.has(otherId) || o.words.length <= c.words.length) continue;
      const inserted = o.words.length === c.words.length + 1 && isInsertion(c.words, o.words);
      const sameInside = ` ${otherId} `.includes(` ${id} `) && samePapers(c.papers, o.papers);
      if (!inserted && !sameInside) continue;
      const [winnerId, winner, loserId, loser] = c.written > o.written ? [id, c, otherId, o] : [otherId, o, id, c];
      winner.papers = union(winner.papers, loser.papers);
      winner.titles = union(winner.titles, loser.titles);
      for (const [form, count] of loser.forms) if (inserted) winner.forms.set(form, (winner.forms.get(form) ?? 0) + count);
      winner.written += inserted ? loser.written : 0;
      winner.qualifying += inserted ? loser.qualifying : 0;
      alive.delete(loserId);
      aliases.set(loserId, winnerId);
      if (winnerId !== id) break;
    }
  }
  return [...alive.entries()];
}

/** `long` is `short` with one word inserted inside it (not at either end). */
function isInsertion(short: string[], long: string[]): boolean {
  if (short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1]) return false;
  for (let skip = 1; skip < long.length - 1; skip++) {
    if (long.filter((_, k) => k !== skip).every((w, k) => w === short[k])) return true;
  }
  return false;
}

function samePapers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((p, k) => p === b[k]);
}

function union(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** The longest kept phrase that ends this one: "neural network" for "graph neural network". */
function broaderPhrase(id: string, kept: Map<string, Candidate>): string | undefined {
  const words = id.split(' ');
  for (let start = 1; start < words.length - 1; start++) {
    const tail = words.slice(start).join(' ');
    if (kept.has(tail)) return tail;
  }
  return undefined;
}

/**
 * Phrases are discovered on at most this many papers (an even sample; tagging runs at some
 * 50,000 words a second here), then found in every title by plain matching.
 */
const TAGGED_SAMPLE = 4000;

/** Topic phrases of a corpus, in one go (the worker and the CLI call this; see PhraseMiner). */
/** Which papers are tagged (every `step`-th), and which of those with their abstracts. */
export function taggingPlan(count: number, options: MineOptions = {}): { step: number; readsAbstract: (index: number) => boolean } {
  const step = Math.max(1, Math.ceil(count / TAGGED_SAMPLE));
  const withAbstracts = options.titlesOnly ? 0 : (options.abstractSample ?? 800);
  const abstractStep = Math.max(1, Math.ceil(count / Math.max(1, withAbstracts)));
  return { step, readsAbstract: (index) => withAbstracts > 0 && index % step === 0 && index % abstractStep === 0 };
}

export function mineTopics(papers: PaperText[], options: MineOptions = {}): MinedTopic[] {
  const miner = new PhraseMiner(options);
  const { step, readsAbstract } = taggingPlan(papers.length, options);
  let done = 0;
  for (let index = 0; index < papers.length; index += step) {
    const paper = papers[index];
    const useAbstract = readsAbstract(index) && paper.abstract;
    miner.add(index, paper.title, useAbstract ? paper.abstract : undefined);
    if (++done % 500 === 0) options.progress?.((0.8 * index) / papers.length);
  }
  const topics = miner.finish();
  if (step > 1) fileUntaggedPapers(papers, step, topics, miner.aliases);
  return topics;
}

/** Papers left out of the tagged sample get the phrases their titles contain (no tagging). */
function fileUntaggedPapers(papers: PaperText[], step: number, topics: MinedTopic[], aliases: Map<string, string>): void {
  const byId = new Map<string, MinedTopic>(topics.map((t) => [t.id, t]));
  for (const [alias, id] of aliases) {
    let target: string | undefined = id;
    while (target && !byId.has(target)) target = aliases.get(target);
    if (target) byId.set(alias, byId.get(target)!);
  }
  const added = new Map<MinedTopic, number[]>();
  papers.forEach((paper, index) => {
    if (index % step === 0) return;
    const words = (paper.title.match(/[\p{L}][\p{L}\p{N}'’]*/gu) ?? []).map(normalizeWord);
    for (let start = 0; start < words.length; start++) {
      for (let length = 2; length <= MAX_WORDS && start + length <= words.length; length++) {
        const topic = byId.get(words.slice(start, start + length).join(' '));
        if (!topic) continue;
        const list = added.get(topic) ?? [];
        if (list[list.length - 1] !== index) list.push(index);
        added.set(topic, list);
      }
    }
  });
  for (const [topic, list] of added) topic.papers = union(topic.papers, list);
}
