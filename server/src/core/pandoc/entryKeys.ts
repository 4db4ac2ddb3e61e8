// Where a bibliography entry spells its own key, so a rename can rewrite it in place:
// `@article{KEY,` in BibTeX, `"id": "KEY"` in CSL-JSON. Plain text in, a span out.

/** 0-based line and UTF-16 columns of a key in a file. */
export interface KeySpan {
  line: number;
  start: number;
  end: number;
}

/** A citation key Pandoc reads without braces: starts alphanumeric, inner punctuation between alphanumerics. */
const PLAIN_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;

export function isValidCitationKey(name: string): boolean {
  return PLAIN_KEY.test(name);
}

/** How far past the entry's first line its key may be written. */
const SEARCH_WINDOW = 4000;

/**
 * The span of `key` where the entry starting on 1-based `line` names it; undefined when the
 * entry there has another key (the key is then generated, not the file's own).
 */
export function findEntryKey(text: string, format: 'bibtex' | 'csl-json', line: number, key: string): KeySpan | undefined {
  const from = offsetOfLine(text, line);
  if (from === undefined) return undefined;
  const window = text.slice(from, from + SEARCH_WINDOW);
  let keyOffset: number | undefined;
  if (format === 'bibtex') {
    const match = /@\s*[A-Za-z]+\s*[{(]\s*([^\s,{}()]+)\s*,/.exec(window);
    if (match && match[1] === key) keyOffset = match.index + match[0].indexOf(match[1], match[0].search(/[{(]/));
  } else {
    for (const match of window.matchAll(/"id"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
      let value: unknown;
      try {
        value = JSON.parse(`"${match[1]}"`);
      } catch {
        continue;
      }
      // An escaped key would need re-escaping: only keys written as they read are rewritten.
      if (value === key && match[1] === key) keyOffset = match.index! + match[0].length - 1 - key.length;
      break;
    }
  }
  if (keyOffset === undefined) return undefined;
  return spanAt(text, from + keyOffset, key.length);
}

function offsetOfLine(text: string, line: number): number | undefined {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  return offset;
}

function spanAt(text: string, offset: number, length: number): KeySpan {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const start = offset - (before.lastIndexOf('\n') + 1);
  return { line, start, end: start + length };
}
