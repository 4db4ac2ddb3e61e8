// Stable citation keys: first author's family name + year + first significant title word,
// leaving out what is unknown. They depend only on the paper's own data, so the same corpus
// always yields the same keys and an unrelated paper never changes them.
import type { MergedPaper } from './merge';
import { foldToAscii, normalizeTitle, STOP_WORDS, tokenize } from '../text';

export function baseKey(paper: Pick<MergedPaper, 'title' | 'authors' | 'date'>): string {
  const family = paper.authors?.[0]?.family;
  const name = family ? foldToAscii(family).replace(/[^a-z]/g, '') : '';
  const year = paper.date.year !== undefined ? String(paper.date.year) : '';
  const words = tokenize(paper.title).filter((w) => !STOP_WORDS.has(w));
  const word = words[0] ?? tokenize(paper.title)[0] ?? 'untitled';
  return name ? `${name}${year}${word}` : `${word}${year}`;
}

/**
 * Assigns each paper a unique key. Papers whose base keys collide are ordered by title (then
 * source), never by file order: the first keeps the base, the others get a, b, c, ...
 * Keys a bibliography file gives are kept as they are and reserved first.
 */
export function assignKeys(papers: MergedPaper[]): { key: string; aliases: string[] }[] {
  const result: { key: string; aliases: string[] }[] = papers.map(() => ({ key: '', aliases: [] }));
  const taken = new Set<string>();
  papers.forEach((paper, i) => {
    const [own, ...others] = paper.ownKeys;
    if (own !== undefined && !taken.has(own)) {
      result[i].key = own;
      taken.add(own);
      for (const alias of others) if (!taken.has(alias)) (result[i].aliases.push(alias), taken.add(alias));
    }
  });

  const byBase = new Map<string, number[]>();
  papers.forEach((paper, i) => {
    if (result[i].key) return;
    const base = baseKey(paper);
    const group = byBase.get(base);
    if (group) group.push(i);
    else byBase.set(base, [i]);
  });
  for (const [base, members] of byBase) {
    members.sort((a, b) => compareIdentity(papers[a], papers[b]));
    let suffix = 0;
    for (const i of members) {
      let key = base;
      while (taken.has(key)) key = base + suffixLetters(suffix++);
      result[i].key = key;
      taken.add(key);
    }
  }
  // A paper whose bibliography key won keeps answering to the key it would have had, so notes
  // written before the bibliography was added still resolve.
  papers.forEach((paper, i) => {
    if (paper.ownKeys.length === 0) return;
    const generated = baseKey(paper);
    if (!taken.has(generated)) {
      result[i].aliases.push(generated);
      taken.add(generated);
    }
  });
  return result;
}

function compareIdentity(a: MergedPaper, b: MergedPaper): number {
  const ta = normalizeTitle(a.title);
  const tb = normalizeTitle(b.title);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const sa = `${a.sources[0]?.file}:${a.sources[0]?.line}`;
  const sb = `${b.sources[0]?.file}:${b.sources[0]?.line}`;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** 0 -> "a", 25 -> "z", 26 -> "aa". */
function suffixLetters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
