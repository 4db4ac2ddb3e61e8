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
import { firstFamily } from './merge';
import type { Author, PaperDate } from './model';
import { foldToAscii, normalizeTitle, STOP_WORDS } from '../text';

type KeySource = { title: string; authors?: Author[]; date: PaperDate; untitled?: boolean };

/** What identifies one copy of a paper across reloads: its title, first author and year. */
export function fingerprint(paper: KeySource): string {
  return `${normalizeTitle(paper.title)}|${firstFamily(paper.authors) ?? ''}|${paper.date.year ?? ''}`;
}

/** Keys given before, by the fingerprint of each copy: what a rebuild must keep resolving. */
export type KeyMemory = Map<string, string[]>;

/** Title words that can make up a key: ASCII, no function words, starting at the first that starts with a letter. */
function keyWords(paper: KeySource): string[] {
  if (paper.untitled) return [];
  // A hyphenated compound is one word ("Bi-dimensional"); a possessive's "s" is no word.
  const title = foldToAscii(paper.title).replace(/([a-z0-9])[-\u2010]([a-z0-9])/g, '$1$2').replace(/['\u2019]s\b/g, '');
  const words = (title.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  const first = words.findIndex((w) => w[0] >= 'a' && w[0] <= 'z');
  return first < 0 ? [] : words.slice(first);
}

function familyPart(paper: KeySource): string {
  const family = paper.authors?.[0]?.family;
  return family ? foldToAscii(family).replace(/[^a-z]/g, '') : '';
}

/**
 * The keys a paper can take, shortest first, from its own data only: the base key, then the
 * base with one more title word at a time, then the base with a short hash of the paper.
 */
export function keyCandidates(paper: KeySource): string[] {
  const family = familyPart(paper);
  const year = paper.date.year !== undefined ? String(paper.date.year) : '';
  const words = keyWords(paper);
  const head = family ? 1 : 2;
  // The year after the first word: the earlier scheme's key (`faenet2023`) stays a prefix of
  // the new one (`faenet2023frame`), so typing an old key still completes to its paper.
  const make = (n: number) => {
    if (family) return `${family}${year}${words.slice(0, n).join('')}`;
    const [first = 'paper', ...rest] = words.slice(0, n);
    return `${first}${year}${rest.join('')}`;
  };
  const candidates = [make(head)];
  for (let n = head + 1; n <= Math.min(words.length, head + 4); n++) candidates.push(make(n));
  candidates.push(`${make(head)}${contentHash(paper)}`);
  return candidates;
}

/** The key this paper gets when no other paper wants the same one. */
export function baseKey(paper: KeySource): string {
  return keyCandidates(paper)[0];
}

/** The key the earlier scheme gave (one title word without authors): kept as an alias. */
export function legacyKey(paper: KeySource): string {
  const family = familyPart(paper);
  const year = paper.date.year !== undefined ? String(paper.date.year) : '';
  const words = (foldToAscii(paper.title).match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP_WORDS.has(w));
  const word = words[0] ?? 'untitled';
  return family ? `${family}${year}${word}` : `${word}${year}`;
}

/** Four base-36 characters from the paper's title, first author and year (FNV-1a). */
function contentHash(paper: KeySource): string {
  const text = `${fingerprint(paper)}`;
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
  // Content order (title, then fingerprint), never file order: the same papers always give
  // the same keys, however the files list them.
  const identityOf = (paper: KeySource) => `${normalizeTitle(paper.title)}\u0000${fingerprint(paper)}`;
  const identity = papers.map(identityOf);
  const order = papers.map((_, i) => i).sort((a, b) => (identity[a] < identity[b] ? -1 : identity[a] > identity[b] ? 1 : a - b));

  for (const i of order) for (const own of papers[i].ownKeys) give(i, own);
  if (memory && memory.size > 0) {
    for (const i of order) for (const copy of papers[i].copies) for (const key of memory.get(fingerprint(copy)) ?? []) give(i, key);
  }
  // Base keys are claimed by each paper without a key of its own and by every copy that had
  // none: a copy that merges into a paper keeps the key it had alone. Claims go in the order
  // of the claiming copy's content, so a merge never hands a paper's key on to another.
  const claims: { i: number; identity: string; key: string }[] = [];
  for (const i of order) {
    const paper = papers[i];
    if (paper.ownKeys.length === 0) claims.push({ i, identity: identity[i], key: baseKey(paper) });
    if (paper.copies.length > 1 || paper.ownKeys.length > 0) {
      for (const copy of paper.copies) if (!copy.ownKey) claims.push({ i, identity: identityOf(copy), key: baseKey(copy) });
    }
  }
  claims.sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : a.i - b.i));
  for (const claim of claims) {
    // The paper's own base key first when it is free: the merged data make the better key.
    if (!result[claim.i].key && papers[claim.i].ownKeys.length === 0) give(claim.i, baseKey(papers[claim.i]));
    give(claim.i, claim.key);
  }
  for (const i of order) {
    if (result[i].key) continue;
    const candidates = keyCandidates(papers[i]);
    if (candidates.some((key) => give(i, key))) continue;
    // Same title, first author and year, yet not one paper (untitled items): a number after
    // the hash, in content order.
    const last = candidates[candidates.length - 1];
    for (let n = 2; !give(i, `${last}${n}`); n++);
  }
  // Aliases last, so they never take a key another paper generates: the base key of a paper
  // that has a bibliography key, then the earlier scheme's keys.
  for (const i of order) give(i, baseKey(papers[i]));
  for (const i of order) give(i, legacyKey(papers[i]));
  for (const i of order) for (const copy of papers[i].copies) if (!copy.ownKey) give(i, legacyKey(copy));
  return result;
}
