// Small text helpers shared by the parsers, the keys and the search index.

/** Characters other than ASCII and the punctuation that NFKD and lowercasing keep as it is. */
const NEEDS_FOLDING = /[^\x00-\x7f\u2010\u2012-\u2016\u2018-\u2023\u00a9\u00ab\u00ae\u00b0\u00b1\u00b7\u00bb\u00d7]/;

/** Lowercase ASCII with accents removed: "Zürich" -> "zurich". */
export function foldToAscii(text: string): string {
  // Most corpus text is plain ASCII, or ASCII with typographic punctuation (dashes, quotes,
  // bullets) that NFKD and case leave alone: skip the Unicode normalisation for it.
  if (!NEEDS_FOLDING.test(text)) return text.toLowerCase();
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

/** Lines split at "\n" or "\r\n" (a string split: much faster than a regex split on big texts). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
  }
  return lines;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g;

export interface UrlSpan {
  url: string;
  /** UTF-16 columns of the URL in the text. */
  start: number;
  end: number;
}

/**
 * URLs in prose with their columns, without the sentence punctuation or closing bracket that
 * follows them. Linear: brackets are counted once, then the end is trimmed.
 */
export function scanUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0];
    const open = { '(': 0, ')': 0, '[': 0, ']': 0 };
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === '(' || c === ')' || c === '[' || c === ']') open[c]++;
    }
    let end = raw.length;
    // Trailing punctuation belongs to the sentence; a ")" only to the URL when it opened one.
    while (end > 0) {
      const last = raw[end - 1];
      if ('.,;:!?\'"'.includes(last)) end--;
      else if (last === ')' && open['('] < open[')']) {
        open[')']--;
        end--;
      } else if (last === ']' && open['['] < open[']']) {
        open[']']--;
        end--;
      } else break;
    }
    const start = match.index!;
    spans.push({ url: raw.slice(0, end), start, end: start + end });
  }
  return spans;
}

/** The distinct URLs in prose, in order (see scanUrls). */
export function findUrls(text: string): string[] {
  return [...new Set(scanUrls(text).map((span) => span.url))];
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

/** True when a text holds something other than text (NUL or many other control characters). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 1 && c <= 8) || (c >= 14 && c <= 31)) controls++;
  }
  return controls > sample.length / 100;
}

/** How much of a file binaryReason looks at: enough to tell, little enough to be instant. */
const BINARY_SAMPLE_BYTES = 64 * 1024;

/**
 * Why raw file bytes are not text, or undefined when they are: a NUL byte, or more than 1 in 10
 * bytes (in the first 64 KB) that are control characters or not valid UTF-8. Latin-1 text has a
 * few invalid sequences (accented letters), far below that.
 */
export function binaryReason(bytes: Uint8Array): string | undefined {
  const length = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let bad = 0;
  for (let i = 0; i < length; ) {
    const b = bytes[i];
    if (b === 0) return 'binary file (NUL bytes)';
    if (b < 0x80) {
      if ((b >= 1 && b <= 8) || (b >= 14 && b <= 31 && b !== 27)) bad++;
      i++;
      continue;
    }
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    // A sequence cut by the end of the sample or the file is not counted against it.
    let valid = extra > 0;
    for (let k = 1; valid && k <= extra && i + k < bytes.length; k++) valid = (bytes[i + k] & 0xc0) === 0x80;
    if (valid) i += extra + 1;
    else {
      bad++;
      i++;
    }
  }
  return length > 0 && bad * 10 > length ? 'binary file (not UTF-8 text)' : undefined;
}
