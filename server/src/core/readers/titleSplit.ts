// Where does the title end? The one-line listing runs title and abstract together with no
// separator, so the split is read from the shape of the words:
//
// 1. Title case ("Frame Averaging for Invariant and Equivariant Network Design Many machine ...").
//    Every content word of such a title is capitalised, so the first lowercase content word
//    ("machine") lies inside the abstract, and the abstract starts at the last capitalised word
//    before it ("Many"). Two corrections: a parenthesised acronym ("Crystal Structure Prediction
//    (CSP) is") starts with the words it abbreviates, and an abstract that repeats the title's
//    words starts where the repetition does.
// 2. Sentence case ("Hidden symmetries of ReLU networks The parameter space ..."). The abstract
//    starts at a capitalised word followed by a lowercase one, like any sentence. Proper nouns
//    inside the title look the same, so a word that the abstract also capitalises mid-sentence is
//    taken for a name, and a typical sentence opener or a repetition of title words wins over a
//    bare capitalised word.
//
// No list of titles is involved: only English function words and sentence openers.

const SMALL_WORDS = new Set(
  ('a an the and but or nor for so yet of in on at to by up via with from into onto over under as per ' +
    'vs versus than through without within between among upon toward towards across about after before ' +
    'against along around beyond during near off out past since until while de du la le von van der')
    .split(' '),
);

/** Words that commonly open an abstract's first sentence. */
const SENTENCE_OPENERS = new Set(
  ('we in the this these those our a an here recent recently many most much despite while although ' +
    'though given as to with for it its there such one several some however previous prior since over ' +
    'existing current currently modern very among due even both each every how what when why whether ' +
    'can do is are without by from on at under building motivated inspired traditionally typically ' +
    'standard conventional state recently nowadays today large deep if let consider suppose')
    .split(' '),
);

export interface TitleSplit {
  title: string;
  abstract: string;
  /** How the split was found, for diagnostics and tests. */
  method: 'title-case' | 'sentence-case' | 'fallback';
}

/** Splits "Title Abstract..." text; undefined when no plausible split exists. */
export function splitTitleAndAbstract(text: string): TitleSplit | undefined {
  // A title ends within its first words: read at most 150 of them, with their offsets, and cut
  // the original text there (no re-joining, so the abstract keeps its exact characters).
  const tokens: string[] = [];
  const offsets: number[] = [];
  const word = /\S+/g;
  for (let m = word.exec(text); m && tokens.length < 150; m = word.exec(text)) {
    tokens.push(m[0]);
    offsets.push(m.index);
  }
  if (tokens.length < 2) return undefined;
  const make = (k: number, method: TitleSplit['method']): TitleSplit => ({
    title: text.slice(offsets[0], offsets[k]).trimEnd(),
    abstract: text.slice(offsets[k]).trimEnd(),
    method,
  });

  const titleCase = titleCaseBoundary(tokens);
  if (titleCase !== undefined) return make(titleCase, 'title-case');
  const sentenceCase = sentenceCaseBoundary(tokens);
  if (sentenceCase !== undefined) return make(sentenceCase, 'sentence-case');
  const anyCapital = tokens.findIndex((t, i) => i > 0 && startsUpper(t));
  return anyCapital > 0 ? make(anyCapital, 'fallback') : undefined;
}

/** The word without surrounding quotes, brackets and punctuation. */
function core(token: string): string {
  // Most words have nothing around them: skip the two replacements.
  if (/^[\p{L}\p{N}]/u.test(token) && /[\p{L}\p{N}]$/u.test(token)) return token;
  return token.replace(/^[("'“‘[{]+/, '').replace(/[)"'”’\]},.:;!?]+$/, '');
}

function startsUpper(token: string): boolean {
  return /^\p{Lu}/u.test(core(token));
}

function startsLower(token: string): boolean {
  return /^\p{Ll}/u.test(core(token));
}

function isSmallWord(token: string): boolean {
  return SMALL_WORDS.has(core(token).toLowerCase());
}

/** Lowercase and not a function word: cannot stand in a title-case title. */
function isLowerContent(token: string): boolean {
  return startsLower(token) && !isSmallWord(token);
}

/** "Colloids", "The", "Symmetry-based", "A": capitalised like a sentence start, not an acronym. */
function isPlainCapitalized(token: string): boolean {
  return /^\p{Lu}(\p{Ll}+(-\p{Ll}+)*)?$/u.test(core(token));
}

function isOpener(token: string): boolean {
  return SENTENCE_OPENERS.has(core(token).toLowerCase());
}

function endsSentenceOrClause(token: string): boolean {
  return /[.:!?]$/.test(token) || /^[-–—]+$/.test(token);
}

function fold(token: string): string {
  return core(token).toLowerCase();
}

/** Crude stem, enough to match "Isogenies" with "isogenies" and "Graphs" with "graph". */
function stem(word: string): string {
  return word.replace(/(ies|es|s)$/, '');
}

function titleCaseBoundary(tokens: string[]): number | undefined {
  const firstLower = tokens.findIndex((t, i) => i > 0 && isLowerContent(t));
  if (firstLower < 0) return undefined;
  let k = -1;
  for (let j = firstLower - 1; j >= 1; j--) {
    if (startsUpper(tokens[j])) {
      k = j;
      break;
    }
  }
  if (k < 1) return undefined;

  // "(CSP)" is never a sentence start: the abstract starts with the words it abbreviates.
  while (k > 1 && tokens[k].startsWith('(')) {
    const letters = core(tokens[k]).replace(/[^\p{Lu}]/gu, '');
    const expansion = tokens.slice(k - letters.length, k);
    const initials = expansion.map((t) => core(t)[0] ?? '').join('').toUpperCase();
    k = letters.length > 1 && k - letters.length >= 1 && initials === letters ? k - letters.length : k - 1;
  }

  // An abstract that opens by repeating the title ("Crystal Structure Prediction by ...
  // Crystal Structure Prediction (CSP) is") starts at the repetition.
  let runStart = k;
  while (runStart > 1 && startsUpper(tokens[runStart - 1]) && !isSmallWord(tokens[runStart - 1])) runStart--;
  for (let j = runStart; j < k; j++) {
    if (repeatsBigram(tokens, j)) {
      k = j;
      break;
    }
  }

  if (k === 1 && !isOpener(tokens[1])) return undefined;
  if (endsOnFunctionWord(tokens, k)) return undefined;
  return k;
}

/** "Pruning of" or "Learning on" is never a whole title. */
function endsOnFunctionWord(tokens: string[], k: number): boolean {
  const last = tokens[k - 1];
  return isSmallWord(last) && core(last) === last && k > 1;
}

/** Does tokens[j..j+2) stand earlier in tokens[0..j)? */
function repeatsBigram(tokens: string[], j: number): boolean {
  if (j + 1 >= tokens.length) return false;
  const a = stem(fold(tokens[j]));
  const b = stem(fold(tokens[j + 1]));
  for (let i = 0; i + 1 < j; i++) {
    if (stem(fold(tokens[i])) === a && stem(fold(tokens[i + 1])) === b) return true;
  }
  return false;
}

function sentenceCaseBoundary(tokens: string[]): number | undefined {
  const limit = Math.min(tokens.length - 1, 80);
  let best: { index: number; score: number } | undefined;
  let first: number | undefined;
  for (let j = 1; j < limit; j++) {
    if (endsSentenceOrClause(tokens[j - 1]) && first !== undefined) break; // past the first sentence
    if (!isPlainCapitalized(tokens[j])) continue;
    const next = tokens[j + 1];
    if (!(startsLower(next) || /^\d/.test(next) || isSmallWord(next))) continue;
    if (endsSentenceOrClause(tokens[j - 1])) continue; // a subtitle after ":" or "--"
    if (isProperNoun(tokens, j) && !isOpener(tokens[j])) continue;
    if (endsOnFunctionWord(tokens, j)) continue;
    first ??= j;
    const score = (isOpener(tokens[j]) ? 3 : 0) + (repeatsTitleWords(tokens, j) ? 2 : 0) - 0.1 * (j - first);
    if (best === undefined || score > best.score) best = { index: j, score };
  }
  return best?.index;
}

/** A word the rest of the text also capitalises mid-sentence is a name, not a sentence start. */
function isProperNoun(tokens: string[], j: number): boolean {
  const word = core(tokens[j]);
  for (let i = j + 2; i < tokens.length; i++) {
    if (core(tokens[i]) === word && !endsSentenceOrClause(tokens[i - 1])) return true;
  }
  for (let i = 1; i < j; i++) {
    if (core(tokens[i]) === word && !endsSentenceOrClause(tokens[i - 1])) return true;
  }
  return false;
}

/** The abstract's opening words come from the title ("... isogenies ... Isogenies occur"). */
function repeatsTitleWords(tokens: string[], j: number): boolean {
  const titleWords = new Set(tokens.slice(0, j).map((t) => stem(fold(t))));
  const opening = stem(fold(tokens[j]));
  if (opening.length > 3 && titleWords.has(opening)) return true;
  // Or a run of three title words soon after ("Strategies for the generation of periodic ...").
  const titleTrigrams = new Set<string>();
  for (let i = 0; i + 2 < j; i++) titleTrigrams.add([i, i + 1, i + 2].map((x) => stem(fold(tokens[x]))).join(' '));
  for (let i = j; i < Math.min(j + 6, tokens.length - 2); i++) {
    if (titleTrigrams.has([i, i + 1, i + 2].map((x) => stem(fold(tokens[x]))).join(' '))) return true;
  }
  return false;
}
