// The words of a listing line as the title splitter sees them. Listings of 100,000 lines and more
// repeat the same few thousand spellings ("we", "Learning", "models."), so each spelling is read
// once into a Word and later lines find it by hashing their characters in place: no substring,
// no regular expression and no string hashing per word, which is where the time of a large
// listing went. Words also carry small integer ids for their lowercase form and stem, so a line's
// counts and repeats are array lookups.

import { GIVEN_NAMES } from './titleSplitNames';

/** What is known about one spelling, shared by every line that uses it. */
export interface Word {
  text: string;
  core: string;
  lower: string;
  stem: string;
  /** Ids of `lower` and `stem`: their 32-bit hashes (equal strings, equal ids; a line's few words practically never collide). */
  lowerId: number;
  stemId: number;
  shape: 'plainCap' | 'acronym' | 'camel' | 'lower' | 'digit' | 'symbol';
  emoji: boolean;
  small: boolean;
  opener: boolean;
  label: boolean;
  endsColon: boolean;
  endsPeriod: boolean;
  endsQuestion: boolean;
  /** Ends in "!" and in "?" (endsQuestion covers both). */
  endsExclaim: boolean;
  endsQuestionMark: boolean;
  endsComma: boolean;
  dash: boolean;
  openParen: boolean;
  quote: boolean;
  /** Net brackets the word opens: "(ABC" is 1, "x)" is -1. */
  bracketBalance: number;
  /** Capitalised (plainCap, camel or acronym): a name when not after a sentence end. */
  capShaped: boolean;
  /** Ends a sentence, so the next word's capital says nothing. */
  endsSentence: boolean;
  /** A French or German function word ("des", "für"): a title in another language than its abstract. */
  foreign: boolean;
  /** A lowercase word a sentence's verb often is: "is", "can", "discusses", "proposed". */
  verbLike: boolean;
  /** An adjective's ending ("-al", "-ic", "-ive", "-ous"): a title rarely ends on one. */
  adjectiveLike: boolean;
  /** A capitalised common English given name ("Debbie", "Sara"): with a capitalised word after it, a person. */
  givenName: boolean;
  /** A plain lowercase word of 4 letters or more, maybe with "," or ";": an abstract's verb or noun, rarely a title's end. */
  plainLower4: boolean;
  /** Capitalised then lowercase after a hyphen ("Open-source", "Thin-film"): sentence case; a Title Case title writes "Open-Source". */
  capHyphenLower: boolean;
  /** A function word or pronoun ("the", "from", "we", "that"): Title Case writes the small ones in lowercase. */
  functionWord: boolean;
  /** Ends in "s" or "ed" (lowercase form): a verb's ending. */
  endsSOrEd: boolean;
  /** The title splitter's score of this word opening the abstract, and ending the title (NaN until first needed). */
  openingScore: number;
  closingScore: number;
}

export const SMALL_WORDS = new Set(
  ('a an the and but or nor for so yet of in on at to by up via with from into onto over under as per ' +
    'vs versus than through without within between among upon toward towards across about after before ' +
    'against along around beyond during near off out past since until while de du la le von van der is are')
    .split(' '),
);

/** Words that commonly open an abstract's first sentence. */
export const SENTENCE_OPENERS = new Set(
  ('we in the this these those our a an here recent recently many most much despite while although ' +
    'though given as to with for it its there such one several some however previous prior since over ' +
    'existing current currently modern very among due even both each every how what when why whether ' +
    'can do is are without by from on at under building motivated inspired traditionally typically ' +
    'standard conventional state nowadays today large deep if let consider suppose i hi excited thanks ' +
    'introducing introduces introduce proposes presents present accepted try check project code paper ' +
    'new just imagine ever have no unlike reinforcement all after during through using based ' +
    'although understanding generating solving estimating recovering predicting')
    .split(' '),
);

/** Words that label the abstract: "TL;DR:", "Abstract:", "Summary". */
export const LABELS = new Set(
  // Not "Paper", "Code" or "Project": ordinary title nouns ("Mine Only Paper We study ...").
  ('tl;dr tldr tl abstract summary overview highlights highlight motivation background introduction ' +
    'keywords contributions tl;dr: zusammenfassung résumé purpose byline objective objectives')
    .split(' '),
);

/** French and German function words: two of them in a title say it is not in English. */
const FOREIGN_WORDS = new Set(
  ('des du la le les à et pour dans une un sur par au aux avec entre die der das und für mit über zur zum ' +
    'im vom den dem ein eine einer bei nach auf als')
    .split(' '),
);

/** Lowercase words that are a sentence's verb: the abstract's subject ends before them. */
const VERBS = new Set(
  ('is are was were has have had can may might will would could should must does do did remains ' +
    'became becomes').split(' '),
);

/** Pronouns and words that join clauses: with the small words, what a Title Case title keeps in lowercase or never holds. */
const FUNCTION_WORDS = new Set('we our this these those here it its there that which whose his her their'.split(' '));

/** Bullets that open a blurb like an emoji does. */
const BULLET = /^[•▪►➢✓✔→☞]/;

function verbLike(lower: string, small: boolean): boolean {
  if (VERBS.has(lower)) return true;
  return !small && lower.length > 4 && /^[a-z]+(?:[^s]s|ed)$/.test(lower);
}

function adjectiveLike(lower: string): boolean {
  return lower.length > 5 && ADJECTIVE_ENDINGS.some((ending) => lower.endsWith(ending));
}
const ADJECTIVE_ENDINGS = ['al', 'ic', 'ive', 'ous', 'ful', 'ary'];

/** Ends in "s" or "ed". */
function endsSOrEd(lower: string): boolean {
  return lower.endsWith('s') || lower.endsWith('ed');
}

/** verbLike for a word of letters a-z only: /^[a-z]+(?:[^s]s|ed)$/ is then an ending's test. */
function plainVerbLike(lower: string, small: boolean): boolean {
  if (VERBS.has(lower)) return true;
  if (small || lower.length <= 4) return false;
  return lower.endsWith('ed') || (lower.endsWith('s') && !lower.endsWith('ss'));
}

function coreOf(token: string): string {
  // Most words have nothing around them: skip the two replacements.
  if (/^[\p{L}\p{N}]/u.test(token) && /[\p{L}\p{N}]$/u.test(token)) return token;
  return token.replace(/^[("'“‘[{«]+/, '').replace(/[)"'”’\]},.:;!?»]+$/, '');
}

/**
 * Crude stem, enough to match "Isogenies" with "isogenies", "Graphs" with "graph" and, as a
 * reader does, "Personalized" with "Personalization" (the first letters of a long word).
 */
function stem(word: string): string {
  // /(ies|es|s)$/ removed, without a regular expression (every new spelling is stemmed).
  const cut = word.endsWith('ies') ? 3 : word.endsWith('es') ? 2 : word.endsWith('s') ? 1 : 0;
  const stemmed = cut ? word.slice(0, word.length - cut) : word;
  return stemmed.length > STEM_LETTERS ? stemmed.slice(0, STEM_LETTERS) : stemmed;
}
const STEM_LETTERS = 7;

function shapeOf(core: string): Word['shape'] {
  if (/^\p{Lu}(\p{Ll}+)?([-–]\p{L}+)*$/u.test(core)) return /^\p{Lu}\p{Ll}*[-–]\p{Lu}/u.test(core) ? 'camel' : 'plainCap';
  if (/^\p{Lu}[\p{Lu}\d]+(s|es)?(-\S*)?$/u.test(core)) return 'acronym';
  if (/^\p{Lu}/u.test(core)) return 'camel';
  // "k-NN", "mRNA", "iPhone": a technical token, not a lowercase word.
  if (/^\p{Ll}/u.test(core)) return /\p{Lu}/u.test(core) ? 'symbol' : 'lower';
  if (/^\p{N}/u.test(core)) return 'digit';
  return 'symbol';
}

function bracketBalance(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
    else if (c === 41 || c === 93 || c === 125) depth--; // ) ] }
  }
  return depth;
}

/** The characters JavaScript's \s matches, so words are what /\S+/ would find. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Spellings kept before the lexicon starts over, so a listing of rare words cannot grow it forever. */
const LEXICON_LIMIT = 200_000;
/**
 * Slots of the table at first; it doubles when half full (2^19 at the limit). A small table
 * stays in the processor's cache: a listing's few thousand spellings need a few KB, where a
 * table sized for the limit (4 MB) cost a cache miss on most lookups.
 */
const FIRST_TABLE_BITS = 12;
/** Bits of the sketch that remembers which hashes were seen once (64 KB). */
const SEEN_BITS = 16;

/** FNV-1a of a string: ids of a word's lowercase form and stem (equal strings, equal ids). */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/**
 * Reads and remembers words; one per process is enough (all state is derived from spellings).
 * A spelling is kept from its second sight on: one seen once (a name, a formula, a made-up
 * word) is read for its line only, a young object that is cheap to collect, instead of growing
 * the table that every later lookup walks (a synthetic listing of new spellings filled it with
 * 127,000 words, most of them seen a few times).
 */
class Lexicon {
  /** Open addressing, two ints per slot: the hash, then the word's index + 1 (0 = empty). Side by side, so a probe touches one cache line. */
  private slots = new Int32Array(2 << FIRST_TABLE_BITS);
  private mask = (1 << FIRST_TABLE_BITS) - 1;
  readonly words: Word[] = [];
  /** 1 where a hash's top bits were seen once: a spelling is kept from its second sight on. */
  private readonly seen = new Uint8Array(1 << SEEN_BITS);

  /** The word text[start..end), whose FNV-1a hash is `hash`. */
  lookup(text: string, start: number, end: number, hash: number): Word {
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[2 * slot + 1];
      if (entry === 0) break;
      if (this.slots[2 * slot] === hash && sameText(this.words[entry - 1].text, text, start, end)) return this.words[entry - 1];
      slot = (slot + 1) & mask;
    }
    const seenAt = hash >>> (32 - SEEN_BITS);
    if (this.seen[seenAt] === 0) {
      this.seen[seenAt] = 1;
      return this.read(text.slice(start, end), hash);
    }
    // A copy: a slice of the line would keep the whole listing alive through the lexicon.
    const word = this.read(Array.from(text.slice(start, end)).join(''), hash);
    this.words.push(word);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = this.words.length;
    if (2 * this.words.length > mask) this.grow();
    return word;
  }

  /** Starts over when full; called between lines only (ids are hashes, so lines never mix generations). */
  makeRoom(): void {
    if (this.words.length < LEXICON_LIMIT) return;
    this.slots = new Int32Array(2 << FIRST_TABLE_BITS);
    this.mask = (1 << FIRST_TABLE_BITS) - 1;
    this.words.length = 0;
    this.seen.fill(0);
  }

  /** Twice the slots, every word placed again by its stored hash. */
  private grow(): void {
    const old = this.slots;
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array(2 * (mask + 1));
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s];
      slots[2 * slot + 1] = old[s + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** What a spelling says; `hash` is its FNV-1a hash (its lowercase form's id when it is lowercase). */
  private read(text: string, hash: number): Word {
    // Most words are plain lowercase or Capitalised letters: no punctuation or shape to look at,
    // so no regular expression (a listing of new spellings reads most words anew on every line).
    const letters = plainLetters(text);
    if (letters !== NOT_PLAIN) {
      const capital = letters === CAPITALISED;
      const lower = capital ? text.toLowerCase() : text;
      const stemmed = stem(lower);
      const small = SMALL_WORDS.has(lower);
      const opener = SENTENCE_OPENERS.has(lower);
      return {
        text, core: text, lower, stem: stemmed, lowerId: capital ? hashOf(lower) : hash, stemId: stemmed === text ? hash : hashOf(stemmed),
        shape: capital ? 'plainCap' : 'lower', emoji: false, small, opener, label: LABELS.has(lower),
        endsColon: false, endsPeriod: false, endsQuestion: false, endsExclaim: false, endsQuestionMark: false, endsComma: false,
        dash: false, openParen: false, quote: false, bracketBalance: 0, capShaped: capital, endsSentence: false,
        foreign: FOREIGN_WORDS.has(lower), verbLike: !capital && plainVerbLike(lower, small), adjectiveLike: adjectiveLike(lower),
        givenName: capital && !opener && !small && GIVEN_NAMES.has(text),
        plainLower4: !capital && text.length >= 4, capHyphenLower: false, functionWord: small || FUNCTION_WORDS.has(lower), endsSOrEd: endsSOrEd(lower),
        openingScore: NaN, closingScore: NaN,
      };
    }
    const core = coreOf(text);
    const lower = core.toLowerCase();
    const stemmed = stem(lower);
    const shape = shapeOf(core);
    return {
      text,
      core,
      lower,
      stem: stemmed,
      lowerId: hashOf(lower),
      stemId: hashOf(stemmed),
      shape,
      emoji: (/\p{Extended_Pictographic}/u.test(text) && !/\p{L}{2}/u.test(text)) || BULLET.test(text),
      small: SMALL_WORDS.has(lower),
      opener: SENTENCE_OPENERS.has(lower),
      label: LABELS.has(lower.replace(/:$/, '')),
      endsColon: text.endsWith(':'),
      endsPeriod: /[^.]\.["')\]]?$/.test(text),
      endsQuestion: /[?!]["')\]]?$/.test(text),
      endsExclaim: text.endsWith('!'),
      endsQuestionMark: text.endsWith('?'),
      endsComma: text.endsWith(','),
      dash: /^[-–—:|]+$/.test(text),
      openParen: /^[([{]/.test(text),
      quote: /^["“‘'«]/.test(text),
      bracketBalance: bracketBalance(text),
      capShaped: shape === 'plainCap' || shape === 'camel' || shape === 'acronym',
      endsSentence: /[.!?:]["')\]]?$/.test(text),
      foreign: FOREIGN_WORDS.has(lower),
      verbLike: shape === 'lower' && verbLike(lower, SMALL_WORDS.has(lower)),
      adjectiveLike: adjectiveLike(lower),
      givenName: shape === 'plainCap' && GIVEN_NAMES.has(core) && !SENTENCE_OPENERS.has(lower) && !SMALL_WORDS.has(lower),
      plainLower4: /^\p{Ll}{4,}[,;]?$/u.test(text),
      capHyphenLower: /^\p{Lu}\p{Ll}+-\p{Ll}/u.test(core),
      functionWord: SMALL_WORDS.has(lower) || FUNCTION_WORDS.has(lower),
      endsSOrEd: endsSOrEd(lower),
      openingScore: NaN,
      closingScore: NaN,
    };
  }
}

const NOT_PLAIN = 0;
const LOWERCASE = 1;
const CAPITALISED = 2;

/** LOWERCASE for /^[a-z]+$/, CAPITALISED for /^[A-Z][a-z]*$/, else NOT_PLAIN; no regular expression. */
function plainLetters(text: string): number {
  if (text.length === 0) return NOT_PLAIN;
  const first = text.charCodeAt(0);
  const capital = first >= 65 && first <= 90;
  if (!capital && (first < 97 || first > 122)) return NOT_PLAIN;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 97 || c > 122) return NOT_PLAIN;
  }
  return capital ? CAPITALISED : LOWERCASE;
}

function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

const lexicon = new Lexicon();

/** "&nbsp;" left in an abstract by an HTML export reads as the space it stands for ("Abstract&nbsp;&nbsp;The"). */
function isNbspEntity(text: string, i: number): boolean {
  return text.charCodeAt(i) === 38 && text.startsWith('&nbsp;', i);
}

/** The first `limit` words of text (as /\S+/g finds them) and where each starts. */
export function readWords(text: string, limit: number): { words: Word[]; offsets: number[] } {
  const words: Word[] = [];
  const offsets: number[] = [];
  lexicon.makeRoom();
  let i = 0;
  const n = text.length;
  while (words.length < limit) {
    while (i < n && (isSpaceCode(text.charCodeAt(i)) || isNbspEntity(text, i))) i += text.charCodeAt(i) === 38 ? 6 : 1;
    if (i >= n) break;
    const start = i;
    // The word's end and its hash in one pass over its characters.
    let hash = 0x811c9dc5;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpaceCode(c) || (c === 38 && isNbspEntity(text, i))) break;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    words.push(lexicon.lookup(text, start, i, hash | 0));
    offsets.push(start);
  }
  return { words, offsets };
}
