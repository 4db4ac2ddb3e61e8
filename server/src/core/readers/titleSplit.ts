// Where does the title end? A one-line listing runs title and abstract together with no
// separator, so every word boundary in the first words is a candidate cut, scored as a person
// would read it: does the next word look like the start of a sentence (an opener, a capital
// followed by lowercase words, an emoji or a "TL;DR:" label), does the title read as a whole
// title (Title Case kept up, no dangling "of", its ":" subtitle kept, brackets closed), does the
// abstract repeat the title's words, how long are titles. The weights of these features are
// learned (a log-linear model over the candidates of a line, trained by
// scripts/listings/train.mjs on labelled real listings) and live in titleSplitWeights.ts.
// The chosen cut's probability among the candidates is its confidence.
//
// No list of titles is involved: only English function words, sentence openers and labels, and
// the learned weights of about a hundred words frequent at the true cuts of the training lines.
import { TITLE_SPLIT_WEIGHTS, TITLE_SPLIT_WORD_WEIGHTS } from './titleSplitWeights';
import { readWords, type Word } from './titleSplitWords';

/** Verbs a submitter's blurb opens with: "Proposes X", "Introduces Y". */
const VERBS = new Set(
  ('proposes introduces presents explores investigates studies shows develops builds provides offers ' +
    'enables addresses tackles uses leverages extends accelerates improves meet try check excited accepted ' +
    'propose introduce present we our this')
    .split(' '),
);

/** Longest title considered, in words. */
const MAX_TITLE_WORDS = 32;
/** Words read from the start of the text: the title and enough abstract to judge it. */
const MAX_TOKENS = MAX_TITLE_WORDS + 8;

export interface TitleSplit {
  title: string;
  abstract: string;
  /** Probability of this cut among the line's candidates (0..1): low means a doubtful split. */
  confidence: number;
}

/** The features, in weight order. Names are stable: the weights file keys by them. */
export const TITLE_SPLIT_FEATURES = [
  'bias',
  // The first abstract word (a) and the one after it (a2).
  'a.plainCap', 'a.acronym', 'a.camel', 'a.lower', 'a.lowerContent', 'a.digit', 'a.symbol', 'a.emoji',
  'a.dollar', 'a.paren', 'a.quote', 'a.opener', 'a.small', 'a.label', 'a.labelColon', 'a.endsColon',
  'a.dash', 'a.single', 'a.hyphenated',
  'a2.lower', 'a2.lowerContent', 'a2.cap', 'a2.digit', 'a2.small', 'a2.colon', 'a2.isVerbLike',
  'a.opener&a2.lower', 'a.plainCap&a2.lower', 'a.plainCap&a2.cap', 'a.acronym&a2.lower', 'a.camel&a2.lower',
  'a.plainCap&a2.small', 'a.opener&a2.cap', 'a.verb', 'a.verb&a2.cap', 'a.questionSoon', 'a.questionSoon&title.hasColon',
  'a.startsExpansion', 'a.insideExpansion', 'a.digit&a2.lower', 'a.plainCap&a2.digit', 'tc&a.opener&capRun2+',
  'title.oneLowerContent', 'title.oneLowerContent&a.inTitle', 'p2.capOpener', 'p2.capOpener&tc',
  // The last title word (p).
  'p.small', 'p.smallLower', 'p.colon', 'p.period', 'p.question', 'p.comma', 'p.dash', 'p.lower',
  'p.lowerContent', 'p.cap', 'p.acronym', 'p.digit', 'p.closeParen', 'p.opener', 'p.hyphenEnd',
  'p.endsSentence&a.plainCap', 'p.emoji', 'p.label', 'p.exclaim', 'p.verb',
  'title.hasEmoji', 'title.hasExclaim', 'title.innerPeriod', 'title.innerLabel',
  // The title as a whole.
  'title.titleCase', 'title.sentenceCase', 'title.lowerContentRatio', 'title.openBracket',
  'title.hasColon', 'title.subtitleWords1', 'title.colonLast',
  'tc&a.plainCap&a2.lower', 'tc&a.plainCap&a2.cap', 'tc&a.lowerContent', 'tc&a.acronym',
  'sc&a.plainCap&a2.lower', 'sc&a.opener', 'sc&a.plainCap', 'sc&a.acronym', 'sc&a.lower',
  'tc&a.capRun1', 'tc&a.capRun2', 'tc&a.capRun3',
  // Names and repetition.
  'a.capMidElsewhere', 'a.lowerElsewhere', 'a.plainCap&lowerElsewhere', 'a.inTitle', 'a.bigramInTitle',
  'a.trigramSoon', 'a.isFirstTitleWord', 'a.startsTitleOpening', 'title.containsOwnOpening',
  'p.capMidElsewhere',
  // Added in session 3: labels a word late, names as the abstract's subject, adjectives ending a
  // title, a title in French or German before an English abstract, lowercase openings.
  'a.labelSoon', 'a.nameThenVerb', 'a.capThenVerb', 'p.adjective', 'p.adjective&a.cap', 'title.foreign',
  'title.foreign&a.opener', 'p.cap&a.plainLower', 'cut.splitsRepeatedPair', 'p.repeatsInTitle',
  'a.opener&capsThenVerb',
  // Session 4: a given name then a capitalised word opens the abstract with a person ("Sara Ahmed challenges").
  'a.givenName&a2.cap', 'a.givenName&a2.cap&verbSoon', 'p.givenName',
  // Session 4: "Open-source", "Self-evolving" open a sentence; a Title Case title writes "Open-Source".
  'a.capHyphenLower', 'tc&a.capHyphenLower',
  // A capitalised function word or pronoun inside the title, not after a sentence end or ":"
  // ("... Readers with Power The Black Book"): a Title Case title writes "the", so a sentence began.
  'title.innerCapFunction', 'tc&title.innerCapFunction',
  // A title never ends on a pronoun or a word that joins clauses ("... wry observation that").
  'p.function',
  // Length prior.
  'len1', 'len2', 'len3', 'len4', 'len5-6', 'len7-9', 'len10-13', 'len14-18', 'len19-25', 'len26-35', 'len36+',
  'chars>200',
] as const;

type FeatureName = (typeof TITLE_SPLIT_FEATURES)[number];
const F = Object.fromEntries(TITLE_SPLIT_FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/**
 * Word features: some words open an abstract far more often than they end a title ("Large",
 * "Recent", "While") and others the reverse ("Learning", "Models"). The trainer picks the
 * words frequent at true cuts of its training lines and learns a weight for each as the
 * abstract's first word ("a=word") and as the title's last word ("p=word"); their indices
 * follow TITLE_SPLIT_FEATURES.
 */
let openingWords = new Map<string, number>();
let closingWords = new Map<string, number>();

/**
 * Sets the word features' vocabularies (the trainer does, before reading its lines); returns every
 * feature's name in weight order. The shipped weights' scores are cached per spelling, so only
 * candidateFeatureLists and scoreCandidates with other weights see a changed vocabulary.
 */
export function useTitleSplitVocabulary(opening: readonly string[], closing: readonly string[]): string[] {
  const base = TITLE_SPLIT_FEATURES.length;
  openingWords = new Map(opening.map((w, i) => [w, base + i]));
  closingWords = new Map(closing.map((w, i) => [w, base + opening.length + i]));
  return [...TITLE_SPLIT_FEATURES, ...opening.map((w) => `a=${w}`), ...closing.map((w) => `p=${w}`)];
}

const WEIGHTS = Float64Array.from(
  useTitleSplitVocabulary(Object.keys(TITLE_SPLIT_WORD_WEIGHTS.opening), Object.keys(TITLE_SPLIT_WORD_WEIGHTS.closing)),
  (name, i) =>
    i < TITLE_SPLIT_FEATURES.length
      ? (TITLE_SPLIT_WEIGHTS[name] ?? 0)
      : ((name.startsWith('a=') ? TITLE_SPLIT_WORD_WEIGHTS.opening : TITLE_SPLIT_WORD_WEIGHTS.closing)[name.slice(2)] ?? 0),
);

/**
 * Everything the features of one line need, computed once. Its arrays are scratch space shared by
 * every line: a context is valid until the next splitContext call (lines are split one at a time).
 */
export interface SplitContext {
  text: string;
  words: Word[];
  offsets: number[];
  /** Per word: how often its lowercase form stands capitalised mid-sentence in the window. */
  capMidCount: Int32Array;
  /** Per word: 1 when it is capitalised not after a sentence end (likely a name wherever it recurs). */
  capMid: Int32Array;
  /** Per word: how often its lowercase form stands in lowercase in the window. */
  lowerCount: Int32Array;
  /** Per word: the first index where its stem stands, <= its own. */
  firstStem: Int32Array;
  /** Prefix counts over words[0..i): lowercase content words, capitalised content words, open brackets. */
  lowerContentBefore: Int32Array;
  capContentBefore: Int32Array;
  /** Prefix counts over words[0..i): capitalised function words or pronouns not after a sentence end ("Power The Black"). */
  capFunctionBefore: Int32Array;
  bracketDepthBefore: Int32Array;
  /** Prefix counts over words[0..i): emoji, words ending in "!", words ending a sentence with ".", labels with ":". */
  emojiBefore: Int32Array;
  exclaimBefore: Int32Array;
  periodBefore: Int32Array;
  labelBefore: Int32Array;
  /** Prefix counts over words[0..i): French or German function words. */
  foreignBefore: Int32Array;
  /** Per word: index of the next word ending in "?" (n when none), and of the next ending a sentence with ".". */
  nextQuestion: Int32Array;
  nextPeriod: Int32Array;
  /** Per word: 2 where words spelled out by a following "(ABC)" start, 1 inside them. */
  expansion: Int32Array;
  /** Per word j: the first index where the stems of words[j..j+2) (and j..j+3) stand, <= j. */
  firstBigram: Int32Array;
  firstTrigram: Int32Array;
  /** Per word j: 1 when the stems of words[j..j+2) stand together again elsewhere in the window. */
  pairRepeats: Int32Array;
  /** Index of the first ":"-ending word, or -1. */
  firstColon: number;
  /** Where the title's first two words recur, or -1. */
  openingRepeat: number;
}

/**
 * Scratch arrays for one line's context, allocated once and reused by every line: a 100k-line
 * listing allocated two dozen small arrays a line (plain ones, as typed arrays each took an
 * off-heap buffer), and allocating and collecting them was a tenth of the split's time.
 */
const scratchPool: Int32Array[] = [];
let scratchUsed = 0;

/** The next scratch array, its first n entries set to value (the rest are never read). */
function filled(n: number, value: number): Int32Array {
  if (scratchUsed === scratchPool.length) scratchPool.push(new Int32Array(MAX_TOKENS + 2));
  const array = scratchPool[scratchUsed++];
  array.fill(value, 0, n);
  return array;
}

function isContent(w: Word): boolean {
  return !w.small && w.core.length > 0;
}

/**
 * Whether a word after a given name could be the family name: Capitalised, and never a pronoun,
 * a function word or a sentence's opener ("... Denbel Nesta | We are" ends the title on a name).
 * Small words are function words too.
 */
function familyNameLike(w: Word): boolean {
  return w.shape === 'plainCap' && !w.functionWord && !w.opener;
}

/**
 * A table from integer keys (word ids, which are hashes, and word pairs and triples) to values,
 * emptied in O(1) between lines by a stamp: an entry counts only when written under the current
 * stamp. Small and open-addressed, as a line holds at most MAX_TOKENS keys; an array indexed by
 * the key grew to megabytes and cost a cache miss per lookup. Kept per process, as lines are read
 * one at a time.
 */
class StampedHashTable {
  private static readonly SIZE = 256; // a power of two, over 4 times MAX_TOKENS
  private readonly keys = new Int32Array(StampedHashTable.SIZE);
  private readonly values = new Int32Array(StampedHashTable.SIZE);
  private readonly stamps = new Int32Array(StampedHashTable.SIZE);
  private stamp = 1;

  clear(): void {
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** The value of key, or -1; when absent and value >= 0, stores value under key. */
  getOrSet(key: number, value: number): number {
    const mask = StampedHashTable.SIZE - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 24;
    while (this.stamps[slot] === this.stamp) {
      if (this.keys[slot] === key) return this.values[slot];
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.keys[slot] = key;
    this.values[slot] = value;
    return -1;
  }
}

const localLower = new StampedHashTable();
const localStem = new StampedHashTable();
const firstPair = new StampedHashTable();
const firstTriple = new StampedHashTable();

/** Per word: a line-local id of words[i]'s id (0, 1, 2 ... in order of first sight). */
function localIds(words: Word[], idOf: (w: Word) => number, table: StampedHashTable): Int32Array {
  table.clear();
  const ids = filled(words.length, 0);
  let next = 0;
  for (let i = 0; i < words.length; i++) {
    const local = table.getOrSet(idOf(words[i]), next);
    ids[i] = local < 0 ? next++ : local;
  }
  return ids;
}

export function splitContext(text: string): SplitContext | undefined {
  const { words, offsets } = readWords(text, MAX_TOKENS);
  if (words.length < 2) return undefined;
  scratchUsed = 0;
  const n = words.length;
  const lowerIds = localIds(words, (w) => w.lowerId, localLower);
  const capMidByLower = filled(n, 0);
  const lowerByLower = filled(n, 0);
  const capMid = filled(n, 0);
  const lowerContentBefore = filled(n + 1, 0);
  const capContentBefore = filled(n + 1, 0);
  const capFunctionBefore = filled(n + 1, 0);
  const bracketDepthBefore = filled(n + 1, 0);
  const emojiBefore = filled(n + 1, 0);
  const exclaimBefore = filled(n + 1, 0);
  const periodBefore = filled(n + 1, 0);
  const labelBefore = filled(n + 1, 0);
  const foreignBefore = filled(n + 1, 0);
  let firstColon = -1;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    emojiBefore[i + 1] = emojiBefore[i] + (w.emoji ? 1 : 0);
    exclaimBefore[i + 1] = exclaimBefore[i] + (w.endsExclaim ? 1 : 0);
    periodBefore[i + 1] = periodBefore[i] + (w.endsPeriod ? 1 : 0);
    labelBefore[i + 1] = labelBefore[i] + (i > 0 && w.label && w.endsColon ? 1 : 0);
    foreignBefore[i + 1] = foreignBefore[i] + (w.foreign ? 1 : 0);
    if (w.capShaped && i > 0 && !words[i - 1].endsSentence) {
      capMid[i] = 1;
      capMidByLower[lowerIds[i]]++;
    }
    if (w.shape === 'lower') lowerByLower[lowerIds[i]]++;
    const content = i > 0 && isContent(w);
    lowerContentBefore[i + 1] = lowerContentBefore[i] + (content && w.shape === 'lower' ? 1 : 0);
    capContentBefore[i + 1] = capContentBefore[i] + (content && w.shape !== 'lower' && w.shape !== 'symbol' && w.shape !== 'digit' ? 1 : 0);
    const innerCapFunction = i > 0 && w.functionWord && w.shape === 'plainCap' && !words[i - 1].endsSentence && !words[i - 1].dash;
    capFunctionBefore[i + 1] = capFunctionBefore[i] + (innerCapFunction ? 1 : 0);
    bracketDepthBefore[i + 1] = bracketDepthBefore[i] + w.bracketBalance;
    if (firstColon < 0 && w.endsColon) firstColon = i;
  }
  const capMidCount = filled(n, 0);
  const lowerCount = filled(n, 0);
  for (let i = 0; i < n; i++) {
    capMidCount[i] = capMidByLower[lowerIds[i]];
    lowerCount[i] = lowerByLower[lowerIds[i]];
  }
  const nextQuestion = filled(n + 1, n);
  const nextPeriod = filled(n + 1, n);
  for (let i = n - 1; i >= 0; i--) {
    const w = words[i];
    nextQuestion[i] = w.endsQuestionMark ? i : nextQuestion[i + 1];
    nextPeriod[i] = w.endsPeriod || w.endsExclaim ? i : nextPeriod[i + 1];
  }
  const expansion = filled(n, 0);
  for (let j = 1; j < n; j++) {
    // "Large Language Models (LLMs)": the initials of the words before "(LLMs)" spell it.
    if (!words[j].openParen) continue;
    const letters = words[j].core.replace(/[^\p{Lu}]/gu, '');
    const m = letters.length;
    if (m < 2 || m > j) continue;
    let initials = '';
    for (let i = j - m; i < j; i++) initials += words[i].core.charAt(0).toUpperCase();
    if (initials !== letters) continue;
    expansion[j - m] = 2;
    for (let i = j - m + 1; i <= j; i++) expansion[i] = 1;
  }
  const stems = localIds(words, (w) => w.stemId, localStem);
  const firstStem = filled(n, 0);
  const firstOfStem = filled(n, -1);
  for (let i = 0; i < n; i++) {
    if (firstOfStem[stems[i]] < 0) firstOfStem[stems[i]] = i;
    firstStem[i] = firstOfStem[stems[i]];
  }
  // Bigrams and trigrams of line-local stem ids (each < n) as numbers: a*n + b, (a*n + b)*n + c.
  firstPair.clear();
  firstTriple.clear();
  const firstBigram = filled(n, 0);
  const firstTrigram = filled(n, 0);
  const pairRepeats = filled(n, 0);
  for (let j = 0; j < n; j++) {
    firstBigram[j] = j;
    firstTrigram[j] = j;
    if (j + 1 >= n) continue;
    const pair = stems[j] * n + stems[j + 1];
    const pairAt = firstPair.getOrSet(pair, j);
    if (pairAt >= 0) {
      firstBigram[j] = pairAt;
      pairRepeats[j] = 1;
      pairRepeats[pairAt] = 1;
    }
    if (j + 2 >= n) continue;
    const tripleAt = firstTriple.getOrSet(pair * n + stems[j + 2], j);
    if (tripleAt >= 0) firstTrigram[j] = tripleAt;
  }
  let openingRepeat = -1;
  for (let i = 2; i + 1 < n && i <= MAX_TITLE_WORDS; i++) {
    if (stems[i] === stems[0] && stems[i + 1] === stems[1]) {
      openingRepeat = i;
      break;
    }
  }
  return {
    text, words, offsets, capMidCount, capMid, lowerCount, firstStem, lowerContentBefore, capContentBefore, capFunctionBefore, bracketDepthBefore,
    emojiBefore, exclaimBefore, periodBefore, labelBefore, foreignBefore, nextQuestion, nextPeriod, expansion, firstBigram, firstTrigram, pairRepeats, firstColon, openingRepeat,
  };
}

function lengthFeature(k: number): number {
  if (k <= 4) return F.len1 + k - 1;
  if (k <= 6) return F['len5-6'];
  if (k <= 9) return F['len7-9'];
  if (k <= 13) return F['len10-13'];
  if (k <= 18) return F['len14-18'];
  if (k <= 25) return F['len19-25'];
  if (k <= 35) return F['len26-35'];
  return F['len36+'];
}

/** Can the title end after words[0..k)? Hard rules a person never breaks. */
export function isCandidate(ctx: SplitContext, k: number): boolean {
  const p = ctx.words[k - 1];
  if (p.endsColon || p.dash) return false; // "Open Problem:" is never a whole title
  // "... Representation Learning Symmetry | learning has proven": an abstract does not open with
  // a plain lowercase word right after a capitalised one.
  const a = ctx.words[k];
  // Nor with a lowercase verb ("... Language Models | can argue").
  if (k > 1 && p.shape !== 'lower' && p.shape !== 'digit' && p.shape !== 'symbol' && !p.small && (a.verbLike || a.plainLower4)) return false;
  if (k === 1) {
    // A one-word title only when that word is a name: never "The", "A", "How".
    if (p.small || p.opener || p.shape === 'lower' || p.shape === 'symbol' || p.text.length < 3) return false;
    // ... and the abstract after it opens as a sentence does: "Notes | on reading slowly" is one title.
    if (a.shape === 'lower') return false;
    // A ":" in the line's first words ends a title's head: "Halcyon Daze: cultural ...", "Reading
    // Harry Potter: A personal ..." (a label such as "TL;DR:" still opens an abstract).
    if (ctx.firstColon >= 1 && ctx.firstColon <= 3 && !ctx.words[ctx.firstColon].label) return false;
    // Nor does an abstract open with bare punctuation: "Notice | & note".
    if (!a.emoji && a.shape === 'symbol' && !/[\p{L}\p{N}]/u.test(a.text)) return false;
  }
  return true;
}

type Emit = (feature: number, value: number) => void;

/** Features of the abstract's first word alone: the same in every line, so scoring caches their sum per spelling. */
function openingWordFeatures(a: Word, emit: Emit): void {
  if (a.shape === 'plainCap') emit(F['a.plainCap'], 1);
  if (a.shape === 'acronym') emit(F['a.acronym'], 1);
  if (a.shape === 'camel') emit(F['a.camel'], 1);
  if (a.shape === 'lower') emit(F['a.lower'], 1);
  if (a.shape === 'lower' && !a.small) emit(F['a.lowerContent'], 1);
  if (a.shape === 'digit') emit(F['a.digit'], 1);
  if (a.shape === 'symbol') emit(F['a.symbol'], 1);
  if (a.emoji) emit(F['a.emoji'], 1);
  if (a.text.startsWith('$')) emit(F['a.dollar'], 1);
  if (a.openParen) emit(F['a.paren'], 1);
  if (a.quote) emit(F['a.quote'], 1);
  if (a.opener) emit(F['a.opener'], 1);
  if (a.small) emit(F['a.small'], 1);
  if (a.label) emit(F['a.label'], 1);
  if (a.endsColon) emit(F['a.endsColon'], 1);
  if (a.dash) emit(F['a.dash'], 1);
  if (a.core.length === 1) emit(F['a.single'], 1);
  if (a.core.includes('-')) emit(F['a.hyphenated'], 1);
  if (VERBS.has(a.lower) && a.shape !== 'lower') emit(F['a.verb'], 1);
  const word = openingWords.get(a.lower);
  if (word !== undefined) emit(word, 1);
}

/** Features of the title's last word alone (cached likewise). */
function closingWordFeatures(p: Word, emit: Emit): void {
  if (p.small) emit(F['p.small'], 1);
  if (p.small && p.shape === 'lower') emit(F['p.smallLower'], 1);
  if (p.endsColon) emit(F['p.colon'], 1);
  if (p.endsPeriod) emit(F['p.period'], 1);
  if (p.endsQuestion) emit(F['p.question'], 1);
  if (p.endsComma) emit(F['p.comma'], 1);
  if (p.dash) emit(F['p.dash'], 1);
  if (p.shape === 'lower') emit(F['p.lower'], 1);
  if (p.shape === 'lower' && !p.small) emit(F['p.lowerContent'], 1);
  if (p.shape === 'plainCap' || p.shape === 'camel') emit(F['p.cap'], 1);
  if (p.shape === 'acronym') emit(F['p.acronym'], 1);
  if (p.shape === 'digit') emit(F['p.digit'], 1);
  if (p.text.endsWith(')')) emit(F['p.closeParen'], 1);
  if (p.text.endsWith('-')) emit(F['p.hyphenEnd'], 1);
  if (p.emoji) emit(F['p.emoji'], 1);
  if (p.label) emit(F['p.label'], 1);
  if (p.text.endsWith('!')) emit(F['p.exclaim'], 1);
  if (p.adjectiveLike && p.shape !== 'lower') emit(F['p.adjective'], 1);
  if (p.givenName) emit(F['p.givenName'], 1);
  if (p.functionWord && !p.small) emit(F['p.function'], 1);
  const word = closingWords.get(p.lower);
  if (word !== undefined) emit(word, 1);
}

/**
 * Calls emit(feature, value) for each active feature of the cut before words[k].
 */
export function candidateFeatures(ctx: SplitContext, k: number, emit: Emit): void {
  openingWordFeatures(ctx.words[k], emit);
  closingWordFeatures(ctx.words[k - 1], emit);
  cutFeatures(ctx, k, emit);
}

/** The features of the cut before words[k] that look at more than one word. */
function cutFeatures(ctx: SplitContext, k: number, emit: Emit): void {
  const { words } = ctx;
  const n = words.length;
  const a = words[k];
  const a2 = k + 1 < n ? words[k + 1] : undefined;
  const p = words[k - 1];
  emit(F.bias, 1);

  const aPlain = a.shape === 'plainCap';
  const a2Lower = a2 !== undefined && a2.shape === 'lower';
  const a2LowerContent = a2Lower && !a2!.small;
  const a2Cap = a2 !== undefined && (a2.shape === 'plainCap' || a2.shape === 'camel' || a2.shape === 'acronym') && !a2.small;
  if (a.label && (a.endsColon || a2?.dash)) emit(F['a.labelColon'], 1);
  if (a2Lower) emit(F['a2.lower'], 1);
  if (a2LowerContent) emit(F['a2.lowerContent'], 1);
  if (a2Cap) emit(F['a2.cap'], 1);
  if (a2?.shape === 'digit') emit(F['a2.digit'], 1);
  if (a2?.small) emit(F['a2.small'], 1);
  if (a2?.endsColon) emit(F['a2.colon'], 1);
  if (a2Lower && a2!.endsSOrEd && !a2!.small) emit(F['a2.isVerbLike'], 1);
  if (a.opener && a2Lower) emit(F['a.opener&a2.lower'], 1);
  if (aPlain && a2Lower) emit(F['a.plainCap&a2.lower'], 1);
  if (aPlain && a2Cap) emit(F['a.plainCap&a2.cap'], 1);
  if (a.shape === 'acronym' && a2Lower) emit(F['a.acronym&a2.lower'], 1);
  if (a.shape === 'camel' && a2Lower) emit(F['a.camel&a2.lower'], 1);
  if (aPlain && a2?.small) emit(F['a.plainCap&a2.small'], 1);
  if (a.opener && a2Cap) emit(F['a.opener&a2.cap'], 1);
  if (a2Cap && VERBS.has(a.lower) && a.shape !== 'lower') emit(F['a.verb&a2.cap'], 1);
  if (ctx.expansion[k] === 2) emit(F['a.startsExpansion'], 1);
  if (ctx.expansion[k] === 1) emit(F['a.insideExpansion'], 1);
  if (ctx.nextQuestion[k] < ctx.nextPeriod[k] && ctx.nextQuestion[k] - k < 12) {
    emit(F['a.questionSoon'], 1);
    if (ctx.firstColon >= 0 && ctx.firstColon < k) emit(F['a.questionSoon&title.hasColon'], 1);
  }

  if (p.opener && k > 1) emit(F['p.opener'], 1);
  if ((p.endsPeriod || p.endsQuestion) && aPlain) emit(F['p.endsSentence&a.plainCap'], 1);
  const p2 = k >= 3 ? words[k - 2] : undefined;
  if (p2 && p2.opener && !p2.small && p2.shape === 'plainCap') {
    // "... Oversight Large Language | Models can": an opener two words back starts the abstract.
    emit(F['p2.capOpener'], 1);
    if (ctx.lowerContentBefore[k] === 0) emit(F['p2.capOpener&tc'], 1);
  }
  if (VERBS.has(p.lower) && p.shape !== 'lower' && k > 1) emit(F['p.verb'], 1);
  if (ctx.emojiBefore[k] > 0) emit(F['title.hasEmoji'], 1);
  if (ctx.exclaimBefore[k - 1] > 0) emit(F['title.hasExclaim'], 1);
  if (ctx.periodBefore[k - 1] > 0) emit(F['title.innerPeriod'], 1);
  if (ctx.labelBefore[k] > 0) emit(F['title.innerLabel'], 1);

  const lowerContent = ctx.lowerContentBefore[k];
  const capContent = ctx.capContentBefore[k];
  const tc = lowerContent === 0 && capContent >= 1;
  const sc = lowerContent >= 1;
  if (tc) emit(F['title.titleCase'], 1);
  if (sc) emit(F['title.sentenceCase'], 1);
  if (lowerContent + capContent > 0) emit(F['title.lowerContentRatio'], lowerContent / (lowerContent + capContent));
  if (ctx.bracketDepthBefore[k] > 0) emit(F['title.openBracket'], 1);
  if (ctx.firstColon >= 0 && ctx.firstColon < k - 1) {
    emit(F['title.hasColon'], 1);
    if (k - ctx.firstColon - 1 === 1) emit(F['title.subtitleWords1'], 1);
  }
  if (p.endsColon) emit(F['title.colonLast'], 1);
  if (lowerContent === 1 && capContent >= 3) {
    emit(F['title.oneLowerContent'], 1);
    if (a.stem.length > 3 && ctx.firstStem[k] < k) emit(F['title.oneLowerContent&a.inTitle'], 1);
  }
  if (a.shape === 'digit' && a2Lower) emit(F['a.digit&a2.lower'], 1);
  if (aPlain && a2?.shape === 'digit') emit(F['a.plainCap&a2.digit'], 1);
  if (tc && aPlain && a2Lower) emit(F['tc&a.plainCap&a2.lower'], 1);
  if (tc && aPlain && a2Cap) emit(F['tc&a.plainCap&a2.cap'], 1);
  if (tc && a.shape === 'lower' && !a.small) emit(F['tc&a.lowerContent'], 1);
  if (tc && a.shape === 'acronym') emit(F['tc&a.acronym'], 1);
  if (sc && aPlain && a2Lower) emit(F['sc&a.plainCap&a2.lower'], 1);
  if (sc && a.opener) emit(F['sc&a.opener'], 1);
  if (sc && aPlain) emit(F['sc&a.plainCap'], 1);
  if (sc && a.shape === 'acronym') emit(F['sc&a.acronym'], 1);
  if (sc && a.shape === 'lower') emit(F['sc&a.lower'], 1);
  if (tc && a.shape !== 'lower') {
    // Capitalised words from a up to the first lowercase content word: 1 in "Existing methods".
    let run = 0;
    for (let i = k; i < n && run < 4; i++) {
      const w = words[i];
      if (w.shape === 'lower' && !w.small) break;
      if (!w.small) run++;
    }
    if (run >= 2 && a.opener) emit(F['tc&a.opener&capRun2+'], 1);
    if (run === 1) emit(F['tc&a.capRun1'], 1);
    else if (run === 2) emit(F['tc&a.capRun2'], 1);
    else if (run >= 3) emit(F['tc&a.capRun3'], 1);
  }

  const capMid = ctx.capMidCount[k] - ctx.capMid[k];
  if (capMid > 0 && a.shape !== 'lower') emit(F['a.capMidElsewhere'], 1);
  const lowerElsewhere = ctx.lowerCount[k] > 0;
  if (lowerElsewhere) emit(F['a.lowerElsewhere'], 1);
  if (aPlain && lowerElsewhere) emit(F['a.plainCap&lowerElsewhere'], 1);
  if (a.stem.length > 3 && !a.small && ctx.firstStem[k] < k) emit(F['a.inTitle'], 1);
  if (a2 && ctx.firstBigram[k] + 1 < k) emit(F['a.bigramInTitle'], 1);
  if (trigramSoon(ctx, k)) emit(F['a.trigramSoon'], 1);
  const firstCore = words[0].lower;
  if (k > 1 && a.lower === firstCore && firstCore.length > 2) emit(F['a.isFirstTitleWord'], 1);
  if (ctx.openingRepeat === k) emit(F['a.startsTitleOpening'], 1);
  if (ctx.openingRepeat > 0 && ctx.openingRepeat < k) emit(F['title.containsOwnOpening'], 1);
  if (p.shape !== 'lower' && ctx.capMidCount[k - 1] > 1) emit(F['p.capMidElsewhere'], 1);

  if (a2?.label && a2.text.includes(':')) emit(F['a.labelSoon'], 1);
  if (a.capShaped && !a.opener && a2 !== undefined) {
    const a3 = k + 2 < n ? words[k + 2] : undefined;
    // "Jacqueline Woodson is ...", "Debbie Reese, a former ...": a name as the subject.
    if (aPlain && familyNameLike(a2) && (a2.endsComma || a3?.verbLike)) emit(F['a.nameThenVerb'], 1);
    if (a2.verbLike) emit(F['a.capThenVerb'], 1);
  }
  if (a.opener && a.capShaped) {
    // "... Oversight | Large Language Models can ...": an opener, capitalised words, then the verb.
    let i = k + 1;
    while (i < n && i <= k + 3 && words[i].capShaped) i++;
    if (i > k + 1 && i < n && words[i].verbLike) emit(F['a.opener&capsThenVerb'], 1);
  }
  if (p.adjectiveLike && p.shape !== 'lower' && a.capShaped) emit(F['p.adjective&a.cap'], 1);
  if (ctx.foreignBefore[k] >= 2) {
    emit(F['title.foreign'], 1);
    if (a.opener && a.capShaped) emit(F['title.foreign&a.opener'], 1);
  }
  if (k > 1 && p.capShaped && !p.small && a.plainLower4) emit(F['p.cap&a.plainLower'], 1);
  // "... with Jacqueline | Woodson is": the cut splits a pair of words the line holds together elsewhere.
  if (k >= 2 && !p.small && ctx.pairRepeats[k - 1] === 1) emit(F['cut.splitsRepeatedPair'], 1);
  if (k >= 2 && !p.small && p.stem.length > 3 && ctx.firstStem[k - 1] < k - 1) emit(F['p.repeatsInTitle'], 1);

  if (a.givenName && a2 !== undefined && familyNameLike(a2) && ctx.lowerCount[k] === 0) {
    emit(F['a.givenName&a2.cap'], 1);
    const a3 = k + 2 < n ? words[k + 2] : undefined;
    const a4 = k + 3 < n ? words[k + 3] : undefined;
    if (a2.endsComma || a3?.verbLike || (a3?.capShaped && (a3.endsComma || a4?.verbLike))) emit(F['a.givenName&a2.cap&verbSoon'], 1);
  }

  if (ctx.capFunctionBefore[k] > 0) {
    emit(F['title.innerCapFunction'], 1);
    if (ctx.lowerContentBefore[k] === 0) emit(F['tc&title.innerCapFunction'], 1);
  }
  if (a.capHyphenLower) {
    emit(F['a.capHyphenLower'], 1);
    if (tc) emit(F['tc&a.capHyphenLower'], 1);
  }

  emit(lengthFeature(k), 1);
  if (ctx.offsets[k] - ctx.offsets[0] > 200) emit(F['chars>200'], 1);
}

/** Three title words in a row within the abstract's first six ("Strategies for the generation of ..."). */
function trigramSoon(ctx: SplitContext, k: number): boolean {
  const end = Math.min(k + 6, ctx.words.length - 2);
  for (let j = k; j < end; j++) if (ctx.firstTrigram[j] + 2 < k) return true;
  return false;
}

/** Sum of weights over the features one word emits; cached per spelling for the shipped weights. */
function wordScore(word: Word, features: (w: Word, emit: Emit) => void, weights: ArrayLike<number>): number {
  let score = 0;
  features(word, (f, v) => {
    score += weights[f] * v;
  });
  return score;
}

function openingScore(a: Word, weights: ArrayLike<number>): number {
  if (weights !== WEIGHTS) return wordScore(a, openingWordFeatures, weights);
  if (Number.isNaN(a.openingScore)) a.openingScore = wordScore(a, openingWordFeatures, weights);
  return a.openingScore;
}

function closingScore(p: Word, weights: ArrayLike<number>): number {
  if (weights !== WEIGHTS) return wordScore(p, closingWordFeatures, weights);
  if (Number.isNaN(p.closingScore)) p.closingScore = wordScore(p, closingWordFeatures, weights);
  return p.closingScore;
}

/** Scores of every cut k = 1..K (undefined where a hard rule forbids it). */
export function scoreCandidates(ctx: SplitContext, weights: ArrayLike<number> = WEIGHTS): (number | undefined)[] {
  const limit = Math.min(ctx.words.length - 1, MAX_TITLE_WORDS);
  const scores: (number | undefined)[] = [undefined];
  let score = 0;
  const emit = (f: number, v: number) => {
    score += weights[f] * v;
  };
  for (let k = 1; k <= limit; k++) {
    if (!isCandidate(ctx, k)) {
      scores.push(undefined);
      continue;
    }
    score = openingScore(ctx.words[k], weights) + closingScore(ctx.words[k - 1], weights);
    cutFeatures(ctx, k, emit);
    scores.push(score);
  }
  return scores;
}

/** For training: the active features of every cut k = 1..K (undefined where a hard rule forbids it). */
export function candidateFeatureLists(ctx: SplitContext): ([number, number][] | undefined)[] {
  const limit = Math.min(ctx.words.length - 1, MAX_TITLE_WORDS);
  const lists: ([number, number][] | undefined)[] = [undefined];
  for (let k = 1; k <= limit; k++) {
    if (!isCandidate(ctx, k)) {
      lists.push(undefined);
      continue;
    }
    const list: [number, number][] = [];
    candidateFeatures(ctx, k, (f, v) => list.push([f, v]));
    lists.push(list);
  }
  return lists;
}

/** Without the spaces (and "&nbsp;"s) at its end; a loop, as a regex would backtrack over a long run. */
function trimEndSpace(title: string): string {
  let end = title.trimEnd().length;
  while (end >= 6 && title.startsWith('&nbsp;', end - 6)) end = title.slice(0, end - 6).trimEnd().length;
  return title.slice(0, end);
}

/** Splits "Title Abstract..." text; undefined when no plausible split exists. */
export function splitTitleAndAbstract(text: string): TitleSplit | undefined {
  const ctx = splitContext(text);
  if (!ctx) return undefined;
  const scores = scoreCandidates(ctx);
  let best = -1;
  let max = -Infinity;
  for (let k = 1; k < scores.length; k++) {
    const s = scores[k];
    if (s !== undefined && s > max) {
      max = s;
      best = k;
    }
  }
  if (best < 0) return undefined;
  let total = 0;
  for (const s of scores) if (s !== undefined) total += Math.exp(s - max);
  // Cut the original text (no re-joining, so the abstract keeps its exact characters).
  return {
    title: trimEndSpace(text.slice(ctx.offsets[0], ctx.offsets[best])),
    abstract: text.slice(ctx.offsets[best]).trimEnd(),
    confidence: 1 / total,
  };
}
