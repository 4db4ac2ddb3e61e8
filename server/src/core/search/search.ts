// Fuzzy search over the corpus that stays fast at 100k papers and scales to 1M.
//
// fuse.js alone scans every paper on every query (about 1 s at 100k papers). So a token index
// (postings.ts) finds candidates first: exact, prefix and typo'd-prefix matches of each query
// word in the key, title, author names (names.ts), year and abstract, through a sorted
// vocabulary walked as a trie with a bounded edit distance (fuzzyPrefix.ts) rather than a scan.
// The best hundred candidates are then ranked by fuse.js on key, title, authors and year, with
// the token score (which carries the abstract matches) added (rank.ts), so a keystroke costs
// about the same whatever the corpus size. Nothing is built on first use: what a query needs is
// built in the constructor, except abstract words, which a server indexes in slices afterwards
// (until then queries match keys, titles, authors and years).
import type { Paper } from '../corpus/model';
import { editsAllowed, fuzzyPrefixRanges, vocabularyColumns, vocabularyColumnsInSteps } from './fuzzyPrefix';
import { authorText, authorTokens } from './names';
import { ABSTRACT, EMPTY_INDEX, KEY, PostingBuilder, find, lowerBound, searchTokens, type PostingIndex } from './postings';
import { FuseRanker, topIndices, type RankDoc } from './rank';
import { SEARCH_SNAPSHOT_VERSION, packStrings, papersFingerprint, postingSnapshot, restorePostings, restorePostingsInSteps, unpackStrings, validPacked, type SearchSnapshot } from './snapshot';

export type MatchField = 'key' | 'title' | 'author' | 'year' | 'abstract';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** The field where the best match was found. */
  field: MatchField;
}

export interface SearchOptions {
  /** Leave abstract words out until indexAbstracts() is called (a server does it in slices). */
  deferAbstracts?: boolean;
  /** false: the caller runs warmUp()/warmUpSteps() when it suits it (a server: after "ready"). */
  warmUp?: boolean;
  /** fromSnapshot: the papers' abstract lengths (-1: none) when their texts are not attached yet. */
  abstractLengths?: Int32Array;
}

const FIELDS: MatchField[] = ['key', 'title', 'author', 'year', 'abstract'];
const TITLE = 1;
const AUTHOR = 2;
const YEAR = 3;
const NO_FIELD = 255;
/** A paper's scratch slots (see PaperSearch.slots). */
const SLOT = 4;
const SCORE = 0;
const WORD_SCORE = 1;
const COVERAGE = 2;
const FIELD_SLOT = 3;
const FIELD_WEIGHT = [6, 4, 4, 3, 1];
/** Score factor of a match: exact word, clean prefix, then by edits (one, two). */
const EXACT = 1;
const PREFIX = 0.75;
const TYPO = [PREFIX, 0.5, 0.35];
/** The most a typo match weighs (a key's typo weighs as a title word: see collect). */
const TYPO_CEILING = Math.max(...FIELD_WEIGHT.slice(KEY + 1)) * TYPO[1];
/** What collect() looks for: clean matches (exact and prefix), typos, or both. */
const CLEAN = 1;
const TYPOS = 2;
/** Leaders fuse.js reorders (the first screen of a list): its bitap match costs about 0.05 ms a paper. */
const FUSE_RERANKS = 10;
/** Leaders whose ranking text is kept between keystrokes (see rankDoc). */
const RANK_DOCS_KEPT = 512;
/** A query is a few words; the rest of a pasted page is not looked at (the cost stays bounded). */
export const MAX_QUERY_CHARS = 256;
const MAX_QUERY_WORDS = 12;

interface TokenIndex {
  postings: PostingIndex;
  /** The vocabulary's first characters in columns, for the typo walk (vocabularyColumns). */
  columns: Uint8Array;
  /** Shortest query word expanded as a prefix (the last word typed: any length in names). */
  minPrefix: number;
  /** Most postings one word's prefix expansion may visit (a word of 4 letters or more). */
  prefixBudget: number;
  /** Most postings one word's typo expansion may visit. */
  typoBudget: number;
  /** Words in more than this share of papers are not matched (at least 1000 papers). */
  maxShare: number;
}

const NAMED_INDEX = { minPrefix: 1, prefixBudget: 10000, typoBudget: 5000, maxShare: 1 };
const ABSTRACT_INDEX = { minPrefix: 4, prefixBudget: 4000, typoBudget: 2000, maxShare: 0.2 };

/** What the constructor builds (or a snapshot restores) before the first query. */
interface BuiltIndex {
  named: PostingIndex;
  abstracts?: PostingIndex;
  sortedKeys: string[];
  sortedKeyPapers: Int32Array;
}

/** Keys, titles, authors and years in a token index; the keys sorted for key prefixes. */
function buildNamedIndex(papers: Paper[]): BuiltIndex {
  const builder = new PostingBuilder();
  papers.forEach((paper, index) => {
    for (const key of [paper.key, ...paper.aliases]) {
      builder.add(index, key, KEY);
      // "lim2024empirical" is also found as "lim", "2024" and "empirical", weighed as a title
      // word: they are (mostly) the paper's author, year and title words again, and at the
      // key's weight a paper whose key holds a word would outrank one that has it in its title
      // and the next query word as well. The whole key as typed keeps the key's weight.
      // The parts are tokens already (lowercase ASCII letters or digits): no second tokenising.
      const parts = key.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
      if (parts.length > 1) for (const part of parts) builder.addToken(index, part, TITLE);
    }
    builder.add(index, paper.title, TITLE);
    for (const author of paper.authors ?? []) for (const token of authorTokens(author)) builder.addToken(index, token, AUTHOR);
    if (paper.date.year !== undefined) builder.addToken(index, String(paper.date.year), YEAR);
  });
  const keyed = papers
    .flatMap((paper, index) => [paper.key, ...paper.aliases].map((key) => ({ key: key.toLowerCase(), index })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { named: builder.finish(), sortedKeys: keyed.map((k) => k.key), sortedKeyPapers: Int32Array.from(keyed, (k) => k.index) };
}

export class PaperSearch {
  private readonly named: TokenIndex;
  private abstracts: TokenIndex = { postings: EMPTY_INDEX, columns: new Uint8Array(0), ...ABSTRACT_INDEX };
  private abstractBuilder: PostingBuilder | undefined = new PostingBuilder();
  private abstractCursor = 0;
  private abstractLayout: Generator<void, PostingIndex, void> | undefined;
  /** Abstract words being restored from a snapshot (adoptAbstracts) instead of indexed. */
  private abstractRestore: Generator<void, PostingIndex | undefined, void> | undefined;
  /** Abstract words laid out or restored, their typo-walk columns being built (see fuzzyPrefix.ts). */
  private abstractColumns: { postings: PostingIndex; steps: Generator<void, Uint8Array, void> } | undefined;
  /** The papers' fingerprint, once computed or checked against a snapshot's. */
  private fingerprint: string | undefined;
  /** What the warm-up last ran against: nothing yet, keys to years, or abstract words too. */
  private warmedUp: 'no' | 'named' | 'all' = 'no';
  /** Lowercase keys and aliases, sorted, with their papers: the query as a key prefix. */
  private readonly sortedKeys: string[];
  private readonly sortedKeyPapers: Int32Array;
  /**
   * Scratch space reused by every query: per paper, SLOT numbers side by side (score so far,
   * best weight for the current word, words matched, best field). Interleaved, a paper a query
   * touches costs one cache line, not one per array: at 100k papers the arrays outgrow a
   * core's L2 cache and these scattered reads were the search's largest cost.
   */
  private readonly slots: Float32Array;
  private readonly matched: PaperList;
  private readonly touched: PaperList;
  private readonly finalScores: Float32Array;
  private readonly selectBuffer: Float32Array;
  private readonly ranker = new FuseRanker();
  private readonly rankDocs = new Map<number, RankDoc>();

  /** Builds the index of `papers` (`restored`: what fromSnapshot restored instead). */
  constructor(readonly papers: Paper[], options: SearchOptions = {}, restored?: BuiltIndex) {
    const built = restored ?? buildNamedIndex(papers);
    this.named = { postings: built.named, columns: vocabularyColumns(built.named.vocabulary), ...NAMED_INDEX };
    this.sortedKeys = built.sortedKeys;
    this.sortedKeyPapers = built.sortedKeyPapers;
    this.slots = new Float32Array(papers.length * SLOT);
    for (let s = FIELD_SLOT; s < this.slots.length; s += SLOT) this.slots[s] = NO_FIELD;
    this.matched = new PaperList(papers.length);
    this.touched = new PaperList(papers.length);
    this.finalScores = new Float32Array(papers.length);
    this.selectBuffer = new Float32Array(papers.length);
    if (built.abstracts) {
      this.abstracts = { postings: built.abstracts, columns: vocabularyColumns(built.abstracts.vocabulary), ...ABSTRACT_INDEX };
      this.abstractBuilder = undefined;
    } else if (!options.deferAbstracts) this.indexAbstracts();
    if (options.warmUp !== false) this.warmUp();
  }

  /**
   * The built index as plain data (strings and typed arrays, shared with this index: do not
   * change them), for a warm-start cache; abstract words only once they are indexed. See
   * snapshot.ts for the format and encodeSearchSnapshot() for bytes.
   */
  snapshot(): SearchSnapshot {
    return {
      version: SEARCH_SNAPSHOT_VERSION,
      paperCount: this.papers.length,
      fingerprint: papersFingerprint(this.papers),
      named: postingSnapshot(this.named.postings),
      abstracts: this.abstractsIndexed ? postingSnapshot(this.abstracts.postings) : undefined,
      keys: packStrings(this.sortedKeys),
      keyPapers: this.sortedKeyPapers,
    };
  }

  /**
   * The index of `papers` from a snapshot of it, in a fraction of a build's time (it answers
   * every query exactly as the index it was taken from); undefined when the snapshot is of
   * other papers (their number or fingerprint differs), of another version, or does not hold
   * together. Without abstracts in the snapshot, `options.deferAbstracts` works as for a build.
   */
  static fromSnapshot(papers: Paper[], snapshot: SearchSnapshot, options: SearchOptions = {}): PaperSearch | undefined {
    if (snapshot.version !== SEARCH_SNAPSHOT_VERSION || snapshot.paperCount !== papers.length) return undefined;
    if (snapshot.fingerprint !== papersFingerprint(papers, options.abstractLengths)) return undefined;
    const named = restorePostings(snapshot.named, papers.length, ABSTRACT);
    const abstracts = snapshot.abstracts && restorePostings(snapshot.abstracts, papers.length, ABSTRACT + 1);
    const { keys, keyPapers } = snapshot;
    if (!named || (snapshot.abstracts && !abstracts) || !validPacked(keys) || keys.ends.length !== keyPapers.length) return undefined;
    for (let i = 0; i < keyPapers.length; i++) if (keyPapers[i] >>> 0 >= papers.length) return undefined;
    const search = new PaperSearch(papers, options, { named, abstracts, sortedKeys: unpackStrings(keys), sortedKeyPapers: keyPapers });
    search.fingerprint = snapshot.fingerprint;
    return search;
  }

  /**
   * Takes the abstract words from a snapshot of these same papers (a loader indexed them on
   * another thread): indexAbstracts() then restores them in steps instead of indexing. Checked
   * like fromSnapshot, but the papers' fingerprint is computed at most once per index (a
   * restored index has it already: computing it again took 0.3 s at 100k papers, in one block).
   * False when the snapshot is not of these papers or has no abstract words.
   */
  adoptAbstracts(snapshot: SearchSnapshot): boolean {
    if (this.abstractsIndexed || !snapshot.abstracts) return false;
    if (snapshot.version !== SEARCH_SNAPSHOT_VERSION || snapshot.paperCount !== this.papers.length) return false;
    this.fingerprint ??= papersFingerprint(this.papers);
    if (snapshot.fingerprint !== this.fingerprint) return false;
    this.abstractRestore = restorePostingsInSteps(snapshot.abstracts, this.papers.length, ABSTRACT + 1);
    return true;
  }

  /**
   * Runs a few queries of every kind (prefix, typo, several words) so the first keystrokes a
   * writer types do not pay for compiling the search code. Nothing else is built lazily.
   * Once before abstract words are in and once more after: with them a query runs longer loops
   * over more postings, and measured at 100k papers (CPU, one process) the first 200 keystrokes
   * after abstracts came in still cost twice what they cost typed again when the warm-up had
   * only seen the index without them (total 471 against 207 ms; 331 against 113 ms warmed after).
   */
  warmUp(): void {
    for (const step of this.warmUpSteps()) void step;
  }

  /** The warm-up one query at a time, for a server that answers requests in between. */
  *warmUpSteps(): Generator<void> {
    const now = this.abstractsIndexed ? 'all' : 'named';
    if (this.warmedUp === now || this.warmedUp === 'all') return;
    this.warmedUp = now;
    const sample = this.papers.slice(0, 8).flatMap((paper) => searchTokens(paper.title).filter((w) => w.length >= 6).slice(0, 1));
    for (const word of sample) {
      for (const query of [word.slice(0, 1), word.slice(0, 3), word.slice(0, 5), `${word[0]}${word[2]}${word[1]}${word.slice(3)}`, `${word} ${word.slice(0, 4)}`]) {
        this.search(query, 50);
        yield;
      }
    }
  }


  /** True once abstract words are searchable. */
  get abstractsIndexed(): boolean {
    return this.abstractBuilder === undefined;
  }

  /** Bytes held by the token index (typed arrays and vocabulary strings, estimated). */
  indexBytes(): number {
    let bytes = this.slots.byteLength;
    bytes += this.matched.items.byteLength + this.touched.items.byteLength + this.finalScores.byteLength + this.selectBuffer.byteLength;
    bytes += this.sortedKeyPapers.byteLength + this.sortedKeys.reduce((sum, k) => sum + 16 + k.length, 0);
    for (const { postings, columns } of [this.named, this.abstracts]) {
      bytes += columns.byteLength + postings.offsets.byteLength + postings.papers.byteLength + postings.fields.byteLength;
      bytes += postings.vocabulary.reduce((sum, w) => sum + 24 + w.length, 0);
    }
    return bytes;
  }

  /**
   * Indexes abstract words for about budgetMs, then returns; true when all are done.
   * Searches in the meantime match keys, titles, authors and years.
   */
  indexAbstracts(budgetMs = Infinity): boolean {
    const builder = this.abstractBuilder;
    if (!builder) return true;
    const until = performance.now() + budgetMs;
    if (this.abstractRestore) {
      for (;;) {
        const step = this.abstractRestore.next();
        if (step.done) {
          this.abstractRestore = undefined;
          // A snapshot that does not hold together is dropped: the words are indexed instead.
          if (step.value) this.abstractColumns = { postings: step.value, steps: vocabularyColumnsInSteps(step.value.vocabulary) };
          break;
        }
        if (performance.now() > until) return false;
      }
    }
    if (!this.abstractColumns) {
      while (this.abstractCursor < this.papers.length) {
        const abstract = this.papers[this.abstractCursor].abstract;
        if (abstract) builder.add(this.abstractCursor, abstract, ABSTRACT);
        this.abstractCursor++;
        if ((this.abstractCursor & 63) === 0 && performance.now() > until) return false;
      }
      // Laying the postings out is done in steps too (seconds at a million papers).
      this.abstractLayout ??= builder.finishInSteps();
      for (;;) {
        const step = this.abstractLayout.next();
        if (step.done) {
          this.abstractColumns = { postings: step.value, steps: vocabularyColumnsInSteps(step.value.vocabulary) };
          break;
        }
        if (performance.now() > until) return false;
      }
      this.abstractLayout = undefined;
    }
    // The typo walk's columns of the abstract words, in steps as well, before they are searched.
    for (;;) {
      const step = this.abstractColumns.steps.next();
      if (step.done) {
        this.abstracts = { postings: this.abstractColumns.postings, columns: step.value, ...ABSTRACT_INDEX };
        break;
      }
      if (performance.now() > until) return false;
    }
    this.abstractColumns = undefined;
    this.abstractBuilder = undefined;
    return true;
  }

  search(query: string, limit = 20): SearchHit[] {
    query = query.slice(0, MAX_QUERY_CHARS);
    const words = searchTokens(query).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return this.papers.slice(0, limit).map((paper) => ({ paper, score: 0, field: 'key' }));
    const touched = this.touched.clear();
    for (const [position, word] of words.entries()) {
      const matched = this.matched.clear();
      const isLast = position === words.length - 1;
      // "jellyfsh2023" is also looked for as "jellyfsh" and "2023", each at a lower weight.
      const parts = word.match(/[a-z]+|\d+/g) ?? [];
      const variants = [[word, 1], ...(parts.length > 1 ? parts.map((p) => [p, 0.6] as const) : [])] as const;
      const alone = words.length === 1 && variants.length === 1;
      for (const [variant, factor] of variants) {
        const strong = this.collect(this.named, variant, isLast, matched, factor, CLEAN);
        // A word typed alone whose clean matches in keys to years already fill the list with
        // hits no typo or abstract match could outrank: the rest would change nothing shown.
        // The typo walks of the widest prefixes ("tran", "supe") were the slowest keystrokes.
        if (alone && strong >= Math.max(limit, FUSE_RERANKS)) continue;
        this.collect(this.named, variant, isLast, matched, factor, TYPOS);
        this.collect(this.abstracts, variant, isLast, matched, factor, CLEAN | TYPOS);
      }
      const { slots } = this;
      for (let m = 0; m < matched.length; m++) {
        const s = matched.items[m] * SLOT;
        if (slots[s + COVERAGE] === 0) touched.push(matched.items[m]);
        slots[s + SCORE] += slots[s + WORD_SCORE];
        slots[s + COVERAGE]++;
        slots[s + WORD_SCORE] = 0;
      }
    }
    // The query typed as a key prefix ("lim20") puts those papers first.
    const { slots } = this;
    for (const index of this.keysWithPrefix(words.join(''))) {
      const s = index * SLOT;
      if (slots[s + COVERAGE] === 0) touched.push(index);
      slots[s + SCORE] += 20;
      slots[s + FIELD_SLOT] = KEY;
      slots[s + COVERAGE] = Math.max(slots[s + COVERAGE], words.length);
    }

    const finalScores = this.finalScores.subarray(0, touched.length);
    for (let k = 0; k < touched.length; k++) {
      const s = touched.items[k] * SLOT;
      finalScores[k] = slots[s + SCORE] + (slots[s + COVERAGE] >= words.length ? 10 : 0);
    }
    const best = topIndices(finalScores, Math.max(limit, FUSE_RERANKS), this.selectBuffer);
    const hits = best.map((k): SearchHit & { index: number } => {
      const index = touched.items[k];
      return { index, paper: this.papers[index], score: finalScores[k], field: FIELDS[Math.min(slots[index * SLOT + FIELD_SLOT], ABSTRACT)] };
    });
    for (let k = 0; k < touched.length; k++) {
      const s = touched.items[k] * SLOT;
      slots[s + SCORE] = 0;
      slots[s + COVERAGE] = 0;
      slots[s + FIELD_SLOT] = NO_FIELD;
    }
    // fuse.js reorders the leaders (what a list shows first) by how the whole query matches
    // their key, title and authors; the rest keep the token order.
    const leaders = hits.slice(0, FUSE_RERANKS);
    const fuse = this.ranker.scores(leaders.map((hit) => this.rankDoc(hit.index)), query);
    for (const hit of leaders) hit.score += 8 * (1 - (fuse.get(hit.index) ?? 1));
    const byScore = (a: SearchHit, b: SearchHit) => b.score - a.score || (a.paper.key < b.paper.key ? -1 : 1);
    return [...leaders.sort(byScore), ...hits.slice(FUSE_RERANKS)].slice(0, limit).map(({ paper, score, field }) => ({ paper, score, field }));
  }

  /**
   * What fuse.js ranks of a paper. The leaders of one keystroke are mostly those of the next,
   * so the last few hundred are kept (folding their authors' names was a tenth of a search).
   */
  private rankDoc(index: number): RankDoc {
    let doc = this.rankDocs.get(index);
    if (!doc) {
      if (this.rankDocs.size >= RANK_DOCS_KEPT) this.rankDocs.clear();
      this.rankDocs.set(index, (doc = this.newRankDoc(index)));
    }
    return doc;
  }

  private newRankDoc(index: number): RankDoc {
    const paper = this.papers[index];
    return {
      index,
      key: paper.key,
      title: paper.title,
      authors: (paper.authors ?? []).map(authorText).join(', '),
      year: paper.date.year !== undefined ? String(paper.date.year) : '',
    };
  }

  /**
   * Scores each paper of one index matching one query word in its WORD_SCORE slot (the weight of its
   * best match) and adds the papers matched for the first time to `matched`. `phases`: the
   * clean matches (exact and prefix), the typos, or both. Returns how many papers this call
   * lifted above TYPO_CEILING, the most a typo weighs.
   */
  private collect(index: TokenIndex, word: string, isLast: boolean, matched: PaperList, wordFactor: number, phases: number): number {
    const { postings, columns, minPrefix, prefixBudget, typoBudget, maxShare } = index;
    const { vocabulary, offsets, papers, fields } = postings;
    if (vocabulary.length === 0) return 0;
    const maxPostings = Math.max(1000, maxShare * this.papers.length);
    const { slots } = this;
    let strong = 0;
    /** Offers a token's papers; returns the postings visited. */
    const offer = (tokenId: number, factor: number, most = Infinity): number => {
      const from = offsets[tokenId];
      const to = Math.min(offsets[tokenId + 1], from + most);
      // A word in most abstracts says nothing about any one paper (like a stop word).
      if (offsets[tokenId + 1] - from > maxPostings) return 0;
      for (let k = from; k < to; k++) {
        const paper = papers[k];
        const field = fields[k];
        // A key's prefix is mostly its author's name: only the whole key weighs as a key.
        const weight = (field === KEY && factor < EXACT ? FIELD_WEIGHT[TITLE] : FIELD_WEIGHT[field]) * factor * wordFactor;
        const s = paper * SLOT;
        const before = slots[s + WORD_SCORE];
        if (before === 0) matched.push(paper);
        if (weight > before) {
          slots[s + WORD_SCORE] = weight;
          if (weight > TYPO_CEILING && before <= TYPO_CEILING) strong++;
        }
        if (field < slots[s + FIELD_SLOT]) slots[s + FIELD_SLOT] = field;
      }
      return to - from;
    };
    // One to three letters say little: a short prefix visits fewer postings.
    const budget = prefixBudget * Math.min(1, (word.length * word.length) / 16);
    // A short word being typed ("p" of "p123" keys, in every paper; "the"; "201" of a year) is
    // mostly the start of a longer one: its exact match and prefixes offer papers within the
    // short budget, a word's papers cut where it runs out (a year's thousands of papers were
    // the slowest short keystrokes).
    const short = isLast && budget < prefixBudget;
    const exact = find(vocabulary, word);
    let visited = 0;
    if (phases & CLEAN && exact >= 0) visited += offer(exact, EXACT, short ? budget : Infinity);
    // Prefixes: every word may be unfinished, but very short ones only the last one typed.
    if (phases & CLEAN && (word.length >= Math.max(minPrefix, 3) || (isLast && word.length >= minPrefix))) {
      if (!short) visited = 0;
      for (let id = lowerBound(vocabulary, word); id < vocabulary.length && visited < budget; id++) {
        if (!vocabulary[id].startsWith(word)) break;
        if (id !== exact) visited += offer(id, PREFIX, short ? budget - visited : Infinity);
      }
    }
    // Typos, in a finished word or in the one being typed: words that start within one edit
    // (two in words over 8 letters) of it. Closest first, within the same budget.
    // A finished word that is in the index as it stands is taken as meant.
    const edits = !isLast && exact >= 0 ? 0 : editsAllowed(word.length);
    if (phases & TYPOS && edits > 0 && isLetters(word)) {
      const ranges = fuzzyPrefixRanges(vocabulary, word, edits, undefined, columns).sort((a, b) => a.distance - b.distance || a.hi - a.lo - (b.hi - b.lo));
      visited = 0;
      for (const { lo, hi, distance } of ranges) {
        for (let id = lo; id < hi && visited < typoBudget; id++) visited += offer(id, TYPO[distance]);
      }
    }
    return strong;
  }

  private keysWithPrefix(prefix: string, max = 50): number[] {
    const found: number[] = [];
    const keys = this.sortedKeys;
    for (let i = lowerBound(keys, prefix); i < keys.length && found.length < max && keys[i].startsWith(prefix); i++) {
      const index = this.sortedKeyPapers[i];
      if (!found.includes(index)) found.push(index);
    }
    return found;
  }
}

/** A list of paper indices in preallocated memory: a query allocates nothing per paper. */
class PaperList {
  readonly items: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
  }
  clear(): this {
    this.length = 0;
    return this;
  }
  push(index: number): void {
    this.items[this.length++] = index;
  }
}

function isLetters(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}
export { editsAllowed, fuzzyPrefixRanges } from './fuzzyPrefix';
export { SEARCH_SNAPSHOT_VERSION, decodeSearchSnapshot, encodeSearchSnapshot, papersFingerprint, restorePostings, unpackStrings, type SearchSnapshot } from './snapshot';
