// Small text helpers shared by the parsers, the keys and the search index.

/** Lowercase ASCII with accents removed: "Zürich" -> "zurich". */
export function foldToAscii(text: string): string {
  // Most corpus text is plain ASCII: skip the Unicode normalisation for it.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** Identity of a title for duplicate detection: case, accents, punctuation and spacing ignored. */
export function normalizeTitle(title: string): string {
  return foldToAscii(title).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Words of a text as lowercase ASCII tokens. */
export function tokenize(text: string): string[] {
  const folded = foldToAscii(text);
  return folded.match(/[a-z0-9]+/g) ?? [];
}

/** Function words that carry no topic: skipped in keys, titles and mined phrases. */
export const STOP_WORDS = new Set(
  ('a an and are as at be been being but by can do does for from has have how in into is it its ' +
    'not of on onto or our over than that the their there these this those through to toward towards ' +
    'under up upon via vs was we were what when where which while who why will with within without ' +
    'you your beyond between among about against across after before more most new using based')
    .split(' '),
);

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g;

/** URLs in prose, without the sentence punctuation or closing bracket that follows them. */
export function findUrls(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    // Trailing punctuation belongs to the sentence; a ")" only to the URL when it opened one.
    for (;;) {
      const last = url[url.length - 1];
      if ('.,;:!?\'"'.includes(last)) url = url.slice(0, -1);
      else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
      else if (last === ']' && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
      else break;
    }
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Dec" or "December" -> 12; undefined when it is not a month name. */
export function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index >= 0 ? index + 1 : undefined;
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** True when a line holds something other than text (NUL or other control bytes). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f]/g);
  return controls !== null && controls.length > sample.length / 100;
}
