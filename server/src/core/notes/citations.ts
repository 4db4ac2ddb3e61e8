// Pandoc citations in Markdown: [@key], [@key, p. 33], [see @a; @b, ch. 1], [-@key],
// in-text @key and @{key}. Not inside code spans, fenced or indented code, front matter,
// e-mail addresses, or after a backslash. Cross-references (@fig-plot, @sec:intro) are not citations.
import { isCrossReference } from '../pandoc/languages';

export interface Citation {
  key: string;
  /** 0-based line and UTF-16 columns of "@" and of the key's end. */
  line: number;
  start: number;
  end: number;
  /** Column where the key text itself starts (after "@" or "@{"). */
  keyStart: number;
  /** Inside [ ... ] (bracketed) or written in the text (in-text). */
  bracketed: boolean;
  /** [-@key]: the author's name is left out. */
  suppressAuthor: boolean;
}

/** Characters Pandoc allows inside a key, between alphanumerics. */
const KEY_BODY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const CITATION = new RegExp(String.raw`(-?)@(?:\{([^{}\s]+)\}|(${KEY_BODY}))`, 'gu');
/** What may stand right before "@": start, space, an opening bracket, ";" (between items). */
const CITATION_LEAD = /[\s[(;]/;

export function scanCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  const lines = text.split(/\r?\n/);
  const skipped = codeLines(lines);
  lines.forEach((line, lineNumber) => {
    if (skipped[lineNumber] || !line.includes('@')) return;
    const masked = maskCodeSpans(line);
    const brackets = bracketSpans(masked);
    for (const match of masked.matchAll(CITATION)) {
      const dash = match[1];
      const at = match.index! + dash.length;
      const before = at - dash.length > 0 ? masked[at - dash.length - 1] : '';
      if (before === '\\' || (before !== '' && !CITATION_LEAD.test(before))) continue;
      const key = match[2] ?? match[3];
      const keyStart = at + (match[2] !== undefined ? 2 : 1);
      const end = at + match[0].length - dash.length;
      if (isCrossReference(key + (masked[end] ?? ''))) continue; // also "@fig-" while typing
      citations.push({
        key,
        line: lineNumber,
        start: at,
        end,
        keyStart,
        bracketed: brackets.some(([open, close]) => open < at && at < close),
        suppressAuthor: dash === '-',
      });
    }
  });
  return citations;
}

/** Marks lines that are front matter, fenced code or indented code. */
export function codeLines(lines: string[]): boolean[] {
  const skip = new Array<boolean>(lines.length).fill(false);
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, n) => n > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (close > 0) {
      for (let n = 0; n <= close; n++) skip[n] = true;
      i = close + 1;
    }
  }
  let fence: string | undefined;
  let previousBlank = true;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (fence !== undefined) {
      skip[i] = true;
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1];
      skip[i] = true;
      continue;
    }
    // Indented code starts after a blank line (not as a list item's continuation).
    if (previousBlank && /^( {4}|\t)/.test(line) && line.trim() !== '') skip[i] = true;
    else if (i > 0 && skip[i - 1] && /^( {4}|\t)/.test(line)) skip[i] = true;
    previousBlank = line.trim() === '';
  }
  return skip;
}

/** Replaces the content of `code spans` with spaces, keeping columns. */
export function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  return line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

/** [open, close] columns of each [...] on the line that holds an "@". */
function bracketSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '[') stack.push(i);
    else if (line[i] === ']' && stack.length > 0) {
      const open = stack.pop()!;
      if (line.slice(open, i).includes('@')) spans.push([open, i]);
    }
  }
  return spans;
}

/**
 * The key being typed at a cursor, for completion: "[see @lim" -> "lim". Undefined when the
 * cursor is not right after "@" or "@partialkey" in a place a citation can stand.
 */
export function citationPrefixAt(lineText: string, character: number): { prefix: string; start: number } | undefined {
  const before = maskCodeSpans(lineText).slice(0, character);
  const match = /(^|[\s[(;-])@(\{?)([^\s@;,\]{}]*)$/u.exec(before);
  if (!match) return undefined;
  const start = character - match[3].length;
  return { prefix: match[3], start };
}
