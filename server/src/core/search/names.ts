// How an author's name is indexed, so the forms a writer types all find it: "van der Berg" as
// "van", "der", "berg" and "vanderberg"; "Müller-Schmidt" as "muller", "schmidt",
// "mullerschmidt" and "muellerschmidt"; "O'Neil" as "o", "neil" and "oneil".
import type { Author } from '../corpus/model';
import { foldToAscii } from '../text';
import { searchTokens as tokenize } from './postings';

/** German umlauts written out ("ü" -> "ue"), the other common spelling of the same name. */
function umlautsWrittenOut(text: string): string {
  return text.replace(/[äöüÄÖÜ]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'ae', Ö: 'oe', Ü: 'ue' })[c] ?? c);
}

/** Every token the author's name is found by (family name forms first, then given names). */
export function authorTokens(author: Author): string[] {
  const tokens = new Set<string>();
  const family = author.family;
  for (const form of /[äöüÄÖÜ]/.test(family) ? [family, umlautsWrittenOut(family)] : [family]) {
    const words = tokenize(form);
    for (const word of words) tokens.add(word);
    // Particles, hyphens and apostrophes joined: "vanderberg", "mullerschmidt", "oneil".
    if (words.length > 1) tokens.add(words.join(''));
  }
  for (const word of tokenize(author.given ?? '')) tokens.add(word);
  return [...tokens];
}

/** The name as fuse.js ranks it: given then family, accents folded. */
export function authorText(author: Author): string {
  return foldToAscii(`${author.given ?? ''} ${author.family}`.trim());
}
