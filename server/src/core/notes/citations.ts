// Pandoc citations in Markdown: [@key], [@key, p. 33], [see @a; @b, ch. 1], [-@key],
// in-text @key and @{key}. Not inside code spans, fenced or indented code, front matter,
// e-mail addresses, or after a backslash. Cross-references (@fig-plot, @sec:intro) are not citations.
import { isCrossReference } from '../pandoc/languages';

import { splitLines } from '../text';

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
  /** An in-text citation's bracketed locator, `@key [p. 3]` -> "p. 3" (Pandoc's form). */
  suffix?: string;
}

/** Characters Pandoc allows inside a key, between alphanumerics. */
const KEY_BODY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const CITATION = new RegExp(String.raw`(-?)@(?:\{([^{}\s]+)\}|(${KEY_BODY}))`, 'gu');
/** What may follow "@" in a citation. */
const KEY_START = /[\p{L}\p{N}_{]/u;
/** What may stand right before "@": start, space, an opening bracket, ";" (between items), emphasis (`**@key**`). */
const CITATION_LEAD = /[\s[(;*_]/;

export function scanCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  const lines = splitLines(text);
  const skipped = codeLines(lines);
  lines.forEach((line, lineNumber) => {
    if (!skipped[lineNumber] && line.includes('@')) citationsInLine(maskCodeSpans(line), lineNumber, citations);
  });
  return citations;
}

/** The citations of one line whose code spans are masked already (see maskCodeSpans). */
export function citationsInLine(masked: string, lineNumber: number, into: Citation[]): void {
  if (!masked.includes('@')) return;
  const inBrackets = bracketedColumns(masked);
  for (const match of masked.matchAll(CITATION)) {
    const dash = match[1];
    const at = match.index! + dash.length;
    const before = at - dash.length > 0 ? masked[at - dash.length - 1] : '';
    if (before === '\\' || (before !== '' && !CITATION_LEAD.test(before))) continue;
    if (before === '_' && /[\p{L}\p{N}]/u.test(masked[at - dash.length - 2] ?? '')) continue; // foo_@bar
    const key = match[2] ?? match[3];
    const keyStart = at + (match[2] !== undefined ? 2 : 1);
    const end = at + match[0].length - dash.length;
    if (isCrossReference(key + (masked[end] ?? ''))) continue; // also "@fig-" while typing
    const citation: Citation = { key, line: lineNumber, start: at, end, keyStart, bracketed: inBrackets(at), suppressAuthor: dash === '-' };
    if (!citation.bracketed) {
      const located = inTextSuffixAt(masked, end);
      if (located) citation.suffix = located.suffix;
    }
    into.push(citation);
  }
}

/**
 * Pandoc's locator after an in-text citation: `@key [p. 3]` or `@key[p. 3]`, spaces allowed
 * before the bracket. The bracket holds no "@", "[" or "]" and is not a link's text
 * (`[text](url)`, `[text][ref]`). Returns the text inside and the column after "]". Scans only up
 * to the next "@" or bracket, so a line of citations is read in linear time.
 */
export function inTextSuffixAt(line: string, end: number): { suffix: string; end: number } | undefined {
  let i = end;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  if (line.charCodeAt(i) !== 91 /* [ */) return undefined;
  const open = i;
  for (i = open + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 64 /* @ */ || c === 91 /* [ */) return undefined;
    if (c === 92 /* \ */) i++;
    else if (c === 93 /* ] */) break;
  }
  if (i >= line.length) return undefined;
  const after = line.charCodeAt(i + 1);
  if (after === 40 /* ( */ || after === 91 /* [ */) return undefined;
  const suffix = line.slice(open + 1, i).trim();
  return suffix ? { suffix, end: i + 1 } : undefined;
}

/** Marks lines that are front matter, fenced code or indented code (1: skip). */
export function codeLines(lines: readonly string[]): Uint8Array {
  return codeState(lines).skipped;
}

/**
 * Which lines are code, with the scanner's state entering each line, so that an edit is
 * followed only until the state below it is what it was (updateCodeState).
 */
export interface CodeState {
  /** 1 for a line of front matter or code, which holds no citations. */
  skipped: Uint8Array;
  /**
   * The state entering each line, and after the last: bit 0 whether the line before was blank,
   * the rest the open fence (0: none, else its length * 2, plus 1 for "~").
   */
  entering: Int32Array;
  /** Lines [0, frontEnd) are front matter (0: there is none). */
  frontEnd: number;
}

/** Entering a line after front matter or at the start: no fence, "the line before was blank". */
const START = 1;
/** A fence's length is kept up to this (a closing run must be at least as long). */
const MAX_FENCE = 1 << 28;

export function codeState(lines: readonly string[]): CodeState {
  const skipped = new Uint8Array(lines.length);
  const entering = new Int32Array(lines.length + 1);
  const frontEnd = frontMatterEnd(lines);
  skipped.fill(1, 0, frontEnd);
  entering.fill(START, 0, frontEnd + 1);
  for (let i = frontEnd; i < lines.length; i++) codeStep(lines, i, skipped, entering);
  return { skipped, entering, frontEnd };
}

/**
 * The code state after an edit of lines [first, oldEnd), now [first, newEnd): the lines above
 * keep theirs, the edited ones are scanned, and so are the lines below until one is entered in
 * the same state as before (a fence typed in one line changes what is code far below it, a
 * letter typed does not). Returns the state and the end of the lines scanned (new numbering).
 * Front matter that may have opened, closed or moved is found again by a whole pass.
 */
export function updateCodeState(old: CodeState, lines: readonly string[], edit: { first: number; oldEnd: number; newEnd: number }): { code: CodeState; end: number } | undefined {
  const { first, oldEnd, newEnd } = edit;
  const shift = newEnd - oldEnd;
  if (old.skipped.length + shift !== lines.length) return undefined;
  if (old.frontEnd > 0 ? first < old.frontEnd : isFrontMatterFence(lines[0]) && (first === 0 || anyFrontMatterClose(lines, first, newEnd))) return undefined;
  const n = lines.length;
  if (shift === 0) return updateCodeStateInPlace(old, lines, first, newEnd);
  const skipped = new Uint8Array(n);
  const entering = new Int32Array(n + 1);
  skipped.set(old.skipped.subarray(0, first));
  entering.set(old.entering.subarray(0, first + 1));
  let i = first;
  for (; i < n; i++) {
    const o = i - shift;
    if (i >= newEnd && entering[i] === old.entering[o] && skipped[i - 1] === old.skipped[o - 1]) {
      skipped.set(old.skipped.subarray(o), i);
      entering.set(old.entering.subarray(o + 1), i + 1);
      break;
    }
    codeStep(lines, i, skipped, entering);
  }
  return { code: { skipped, entering, frontEnd: old.frontEnd }, end: i };
}

/**
 * updateCodeState for an edit that keeps the number of lines (most keystrokes): the old
 * state's arrays are updated in place (the old state is used up), so a keystroke in a 10 MB
 * note allocates no 500 KB of typed arrays, whose external memory drove major collections.
 */
function updateCodeStateInPlace(old: CodeState, lines: readonly string[], first: number, newEnd: number): { code: CodeState; end: number } {
  const { skipped, entering } = old;
  const n = lines.length;
  // The values before this edit of entering[i] and skipped[i - 1], as the copying version compares.
  let oldEntering = entering[first];
  let oldSkippedAbove: number | undefined = skipped[first - 1];
  let i = first;
  for (; i < n; i++) {
    if (i >= newEnd && entering[i] === oldEntering && skipped[i - 1] === oldSkippedAbove) break;
    oldEntering = entering[i + 1];
    oldSkippedAbove = skipped[i];
    codeStep(lines, i, skipped, entering);
  }
  return { code: { skipped, entering, frontEnd: old.frontEnd }, end: i };
}

/** One line of the code scan: reads the state entering line i, writes its skip and the next state. */
function codeStep(lines: readonly string[], i: number, skipped: Uint8Array, entering: Int32Array): void {
  const line = lines[i];
  const state = entering[i];
  const first = line.charCodeAt(0);
  // Most lines start with a letter: no fence, no indent, not blank. Skip the string work.
  const plain = first > 32 && first !== 96 && first !== 126;
  const fence = state >>> 1;
  if (fence !== 0) {
    skipped[i] = 1;
    entering[i + 1] = !plain && closesFence(line, fence) ? state & 1 : state;
    return;
  }
  skipped[i] = 0;
  if (plain) {
    entering[i + 1] = 0;
    return;
  }
  const open = fenceOpening(line);
  if (open !== 0) {
    skipped[i] = 1;
    entering[i + 1] = (open << 1) | (state & 1);
    return;
  }
  // Indented code starts after a blank line (not as a list item's continuation).
  const indented = first === 32 ? line.startsWith('    ') : first === 9;
  const blank = isBlank(line);
  if ((state & 1) === 1 && indented && !blank) skipped[i] = 1;
  else if (i > 0 && skipped[i - 1] && indented) skipped[i] = 1;
  entering[i + 1] = blank ? 1 : 0;
}

/** The line after the front matter ("---" first, then "---" or "..."), or 0 when there is none. */
function frontMatterEnd(lines: readonly string[]): number {
  if (!isFrontMatterFence(lines[0])) return 0;
  for (let n = 1; n < lines.length; n++) if (isFrontMatterClose(lines[n])) return n + 1;
  return 0;
}

function isFrontMatterFence(line: string | undefined): boolean {
  return line !== undefined && line.trim() === '---';
}

function isFrontMatterClose(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '---' || trimmed === '...';
}

function anyFrontMatterClose(lines: readonly string[], from: number, to: number): boolean {
  for (let n = Math.max(1, from); n < to; n++) if (isFrontMatterClose(lines[n])) return true;
  return false;
}

/**
 * "```" or "~~~" (or longer) after at most 3 spaces: the fence that opens, as its length * 2
 * (plus 1 for "~"); 0 when the line opens none. A scanner, no garbage.
 */
function fenceOpening(line: string): number {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const mark = line.charCodeAt(i);
  if (mark !== 96 && mark !== 126) return 0;
  let end = i;
  while (line.charCodeAt(end) === mark) end++;
  return end - i >= 3 ? Math.min(end - i, MAX_FENCE) * 2 + (mark === 126 ? 1 : 0) : 0;
}

/** Whether a line closes an open fence: at least its run of the same mark, and only fence characters. */
function closesFence(line: string, fence: number): boolean {
  const length = fence >>> 1;
  const mark = fence & 1 ? 126 : 96;
  const trimmed = line.trim();
  if (trimmed.length < length) return false;
  for (let k = 0; k < length; k++) if (trimmed.charCodeAt(k) !== mark) return false;
  return onlyFenceCharacters(trimmed);
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return false;
  }
  return true;
}

function onlyFenceCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] !== '`' && text[i] !== '~') return false;
  return true;
}

/**
 * Replaces `code spans` (backticks included) with spaces, keeping columns. CommonMark's rule: a
 * run of N backticks opens a span that the next run of exactly N backticks closes; a run with no
 * such closer is literal. One pass over the runs (a regex for this backtracks on long runs).
 */
export function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  // Runs of backticks as (start, length) in typed arrays: a long line has many.
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) !== 96) continue;
    const start = i;
    while (i + 1 < line.length && line.charCodeAt(i + 1) === 96) i++;
    starts.push(start);
    lengths.push(i - start + 1);
  }
  // For each run, the next run of the same length (-1: none), found from the right.
  const nextSame = new Int32Array(starts.length);
  const lastOfLength = new Map<number, number>();
  for (let r = starts.length - 1; r >= 0; r--) {
    nextSame[r] = lastOfLength.get(lengths[r]) ?? -1;
    lastOfLength.set(lengths[r], r);
  }
  let out = '';
  let copied = 0;
  for (let r = 0; r < starts.length; r++) {
    const close = nextSame[r];
    if (close < 0) continue; // no closer: literal backticks
    const end = starts[close] + lengths[close];
    out += line.slice(copied, starts[r]) + ' '.repeat(end - starts[r]);
    copied = end;
    r = close;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/**
 * Whether the "@" at a column lies inside a [...] (a bracketed citation). Brackets pair like
 * parentheses; "\\[" is not one. An "@" at bracket depth d is inside a pair exactly when the
 * depth later drops below d. The "@"s still waiting for that have rising depths, so one pass with
 * a stack of them answers for all, with memory for the "@"s only, none for the brackets.
 */
function bracketedColumns(line: string): (column: number) => boolean {
  const atColumns: number[] = [];
  const atBracketed: boolean[] = [];
  const waiting: number[] = []; // ordinals of "@"s, their depths rising
  const waitingDepth: number[] = [];
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++; // backslash
    else if (c === 91) depth++;
    else if (c === 93 && depth > 0) {
      depth--;
      while (waiting.length > 0 && waitingDepth[waitingDepth.length - 1] > depth) {
        atBracketed[waiting.pop()!] = true;
        waitingDepth.pop();
      }
    } else if (c === 64 && i + 1 < line.length && KEY_START.test(line[i + 1])) {
      // Only an "@" that can start a citation is asked about: a run of "@" costs no memory.
      if (depth > 0) {
        waiting.push(atColumns.length);
        waitingDepth.push(depth);
      }
      atColumns.push(i);
      atBracketed.push(false);
    }
  }
  // Asked in increasing column order (the scan's order): a cursor, no search.
  let cursor = 0;
  return (column) => {
    while (cursor < atColumns.length && atColumns[cursor] < column) cursor++;
    return atColumns[cursor] === column && atBracketed[cursor];
  };
}

/**
 * The key being typed at a cursor, for completion: "[see @lim" -> "lim". Undefined when the
 * cursor is not right after "@" or "@partialkey" in a place a citation can stand.
 */
export function citationPrefixAt(lineText: string, character: number): { prefix: string; start: number } | undefined {
  const before = maskCodeSpans(lineText).slice(0, character);
  // Back over the key's characters to the "@" (a scanner: a regex anchored at the end retries
  // from every "@" of a long line).
  let keyStart = before.length;
  while (keyStart > 0 && !PREFIX_STOP.test(before[keyStart - 1])) keyStart--;
  let at = keyStart - 1;
  if (before[at] === '{') at--;
  if (at < 0 || before[at] !== '@') return undefined;
  if (at > 0 && !PREFIX_LEAD.test(before[at - 1])) return undefined;
  const prefix = before.slice(keyStart);
  return { prefix, start: character - prefix.length };
}

/** A character that ends a key being typed, and one that may stand before its "@". */
const PREFIX_STOP = /[\s@;,\]{}]/u;
const PREFIX_LEAD = /[\s[(;-]/u;
