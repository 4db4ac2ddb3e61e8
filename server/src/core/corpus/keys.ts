// Citation keys. The contract (README, "Corpus formats"):
// - A key a source gives (BibTeX key, CSL id, biblatex `ids`) is the paper's key or alias.
// - A generated key is read from the paper alone: first author's family name + year + first
//   significant title word (`lim2023empirical` style: `limempirical` when the year is unknown);
//   without author names, the first significant title word + year + the next (`faenet2023frame`).
//   Only when two papers would get the same key does the later one in content order (never
//   file order) take more of its own title words, then a short hash of its own content.
// - A key once given keeps resolving: the previous corpus's keys are remembered per paper and
//   win over fresh ones; a paper that merges with a bibliography entry keeps its generated keys
//   as aliases; keys of the earlier scheme (`faenet2023`) stay as aliases.
import type { MergedPaper } from './merge';
import { fingerprintOf } from './merge';
import type { Author, PaperDate } from './model';
import { foldToAscii, normalizeTitle, STOP_WORDS } from '../text';

type KeySource = { title: string; authors?: Author[]; date: PaperDate; untitled?: boolean };

/** What identifies one copy of a paper across reloads: its title, first author and year. */
export function fingerprint(paper: KeySource): string {
  return fingerprintOf(normalizeTitle(paper.title), paper.authors, paper.date.year);
}

/** Keys given before, by the fingerprint of each copy: what a rebuild must keep resolving. */
export type KeyMemory = Map<string, string[]>;

/**
 * Words so common at the start of titles that a key without author names skips them
 * ("Large Language Models for Code Repair" -> code2023repair): a fixed list, so the key still
 * depends on the paper alone.
 */
const COMMON_TITLE_WORDS = new Set(
  ('learning deep neural network networks model models large language towards toward efficient robust graph graphs data ' +
    'approach approaches method methods framework analysis study survey improving improved understanding unified general ' +
    'scalable fast multi self supervised training generative transformer transformers attention reinforcement system systems ' +
    'vision visual adaptive optimal rethinking via use case novel simple benchmark benchmarking evaluating evaluation ' +
    'machine artificial intelligence ai llm llms lm lms')
    .split(' '),
);

/** A word of a folded title (global: read with exec or match). */
const WORD = /[a-z0-9]+/g;

interface KeyParts {
  family: string;
  year: string;
  /** Title words a key is made of, in the order a key takes them. */
  words: string[];
  /** The earlier scheme's title word. */
  legacyWord: string;
}

function keyParts(paper: KeySource): KeyParts {
  const family = paper.authors?.[0]?.family;
  const year = paper.date.year !== undefined ? String(paper.date.year) : '';
  const folded = paper.untitled ? '' : foldToAscii(paper.title);
  let legacyWord = 'untitled';
  WORD.lastIndex = 0;
  for (let word = WORD.exec(folded); word; word = WORD.exec(folded)) {
    if (!STOP_WORDS.has(word[0])) {
      legacyWord = word[0];
      break;
    }
  }
  // A hyphenated compound is one word ("Bi-dimensional"); a possessive's "s" is no word.
  let title = folded;
  if (/[-\u2010]/.test(title)) title = title.replace(/([a-z0-9])[-\u2010]([a-z0-9])/g, '$1$2');
  if (/['\u2019]/.test(title)) title = title.replace(/['\u2019]s\b/g, '');
  const foldedFamily = family ? foldToAscii(family) : '';
  const familyPart = /[^a-z]/.test(foldedFamily) ? foldedFamily.replace(/[^a-z]/g, '') : foldedFamily;
  // The significant words from the first that starts with a letter; with a name, a key takes
  // at most MAX_KEY_WORDS of them, so the rest of the title is not read.
  let words: string[] = [];
  WORD.lastIndex = 0;
  for (let word = WORD.exec(title); word; word = WORD.exec(title)) {
    const w = word[0];
    if (w.length < 2 || STOP_WORDS.has(w) || (words.length === 0 && !(w[0] >= 'a' && w[0] <= 'z'))) continue;
    words.push(w);
    if (familyPart && words.length === MAX_KEY_WORDS) break;
  }
  if (!familyPart && words.length > 0) {
    // Without a name the title words carry the key: the distinctive ones first.
    const rare = words.filter((w) => !COMMON_TITLE_WORDS.has(w) && w[0] >= 'a' && w[0] <= 'z');
    if (rare.length > 0) words = [...rare, ...words.filter((w) => !rare.includes(w))];
  }
  return { family: familyPart, year, words, legacyWord };
}

/** Title words a key takes at most: the head word and four more (keyCandidates). */
const MAX_KEY_WORDS = 5;

function makeKey(parts: KeyParts, n: number): string {
  if (parts.family) return `${parts.family}${parts.year}${parts.words.slice(0, n).join('')}`;
  // The year after the first word: the earlier scheme's key (`faenet2023`) stays a prefix of
  // the new one (`faenet2023frame`), so typing an old key still completes to its paper.
  const [first = 'paper', ...rest] = parts.words.slice(0, n);
  return `${first}${parts.year}${rest.join('')}`;
}

const headWords = (parts: KeyParts) => (parts.family ? 1 : 2);

/**
 * The keys a paper can take, shortest first, from its own data only: the base key, then the
 * base with one more title word at a time, then the base with a short hash of the paper.
 */
export function keyCandidates(paper: KeySource, parts = keyParts(paper)): string[] {
  const head = headWords(parts);
  const candidates = [makeKey(parts, head)];
  for (let n = head + 1; n <= Math.min(parts.words.length, head + 4); n++) candidates.push(makeKey(parts, n));
  candidates.push(`${candidates[0]}${contentHash(fingerprint(paper))}`);
  return candidates;
}

/** The key this paper gets when no other paper wants the same one. */
export function baseKey(paper: KeySource): string {
  const parts = keyParts(paper);
  return makeKey(parts, headWords(parts));
}

/** The key the earlier scheme gave (one title word without authors): kept as an alias. */
export function legacyKey(paper: KeySource): string {
  return legacyOf(keyParts(paper));
}

function legacyOf(parts: KeyParts): string {
  return parts.family ? `${parts.family}${parts.year}${parts.legacyWord}` : `${parts.legacyWord}${parts.year}`;
}

/** Four base-36 characters from the paper's title, first author and year (FNV-1a). */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 36 ** 4).toString(36).padStart(4, '0');
}

/**
 * Assigns each paper a unique key and its aliases, in this order of precedence: keys the
 * sources give; keys remembered from the previous corpus; generated keys, papers taken in
 * content order (title, then fingerprint), never file order; last, aliases that keep older
 * keys resolving (each copy's own generated key, the earlier scheme's key).
 */
export function assignKeys(papers: MergedPaper[], memory?: KeyMemory): { key: string; aliases: string[] }[] {
  const result: { key: string; aliases: string[] }[] = papers.map(() => ({ key: '', aliases: [] }));
  const taken = new Set<string>();
  const give = (i: number, key: string) => {
    if (taken.has(key)) return false;
    taken.add(key);
    if (result[i].key) result[i].aliases.push(key);
    else result[i].key = key;
    return true;
  };
  // Content order (the fingerprint starts with the title), never file order: the same papers
  // always give the same keys, however the files list them.
  const identity = papers.map((paper) => paper.fingerprint);
  const order = papers.map((_, i) => i).sort((a, b) => (identity[a] < identity[b] ? -1 : identity[a] > identity[b] ? 1 : a - b));
  const parts = papers.map((paper) => keyParts(paper));
  const base = parts.map((p) => makeKey(p, headWords(p)));

  for (const i of order) for (const own of papers[i].ownKeys) give(i, own);
  if (memory && memory.size > 0) {
    for (const i of order) for (const print of papers[i].copyFingerprints) for (const key of memory.get(print) ?? []) give(i, key);
  }
  // Base keys are claimed by each paper without a key of its own and by every copy that had
  // none: a copy that merges into a paper keeps the key it had alone. Claims go in the order
  // of the claiming copy's content, so a merge never hands a paper's key on to another.
  type Claim = { i: number; identity: string; key: string };
  const byContent = (a: Claim, b: Claim) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : a.i - b.i);
  const paperClaims: Claim[] = [];
  const copyClaims: Claim[] = [];
  for (const i of order) {
    const paper = papers[i];
    if (paper.ownKeys.length === 0) paperClaims.push({ i, identity: identity[i], key: base[i] });
    if (paper.copies.length > 1 || paper.ownKeys.length > 0) {
      paper.copies.forEach((copy, c) => {
        if (!copy.ownKey) copyClaims.push({ i, identity: paper.copyFingerprints[c], key: baseKey(copy) });
      });
    }
  }
  // Paper claims are in content order already; the few copy claims are sorted and merged in.
  copyClaims.sort(byContent);
  const claims: Claim[] = [];
  for (let p = 0, c = 0; p < paperClaims.length || c < copyClaims.length; ) {
    if (c >= copyClaims.length || (p < paperClaims.length && byContent(paperClaims[p], copyClaims[c]) <= 0)) claims.push(paperClaims[p++]);
    else claims.push(copyClaims[c++]);
  }
  for (const claim of claims) {
    // The paper's own base key first when it is free: the merged data make the better key.
    if (!result[claim.i].key && papers[claim.i].ownKeys.length === 0) give(claim.i, base[claim.i]);
    give(claim.i, claim.key);
  }
  for (const i of order) {
    if (result[i].key) continue;
    const candidates = keyCandidates(papers[i], parts[i]);
    if (candidates.some((key) => give(i, key))) continue;
    // Same title, first author and year, yet not one paper (untitled items): a number after
    // the hash, in content order.
    const last = candidates[candidates.length - 1];
    for (let n = 2; !give(i, `${last}${n}`); n++);
  }
  // Aliases last, so they never take a key another paper generates: the base key of a paper
  // that has a bibliography key, then the earlier scheme's keys.
  for (const i of order) give(i, base[i]);
  for (const i of order) give(i, legacyOf(parts[i]));
  for (const i of order) if (papers[i].copies.length > 1) for (const copy of papers[i].copies) if (!copy.ownKey) give(i, legacyKey(copy));
  return result;
}
