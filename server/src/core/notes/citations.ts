// Pandoc citations in Markdown: [@key], [@key, p. 33], [see @a; @b, ch. 1], [-@key],
// in-text @key and @{key}. Not inside code spans, fenced or indented code, front matter,
// e-mail addresses, or after a backslash.

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
    const inBrackets = bracketedColumns(masked);
    for (const match of masked.matchAll(CITATION)) {
      const dash = match[1];
      const at = match.index! + dash.length;
      const before = at - dash.length > 0 ? masked[at - dash.length - 1] : '';
      if (before === '\\' || (before !== '' && !CITATION_LEAD.test(before))) continue;
      const key = match[2] ?? match[3];
      const keyStart = at + (match[2] !== undefined ? 2 : 1);
      const end = at + match[0].length - dash.length;
      citations.push({
        key,
        line: lineNumber,
        start: at,
        end,
        keyStart,
        bracketed: inBrackets(at),
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

/**
 * Replaces `code spans` (backticks included) with spaces, keeping columns. CommonMark's rule: a
 * run of N backticks opens a span that the next run of exactly N backticks closes; a run with no
 * such closer is literal. One pass over the runs (a regex for this backtracks on long runs).
 */
export function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  const runs = backtickRuns(line);
  // For each run length, the runs of that length in order, and how far the walk has used them.
  const byLength = new Map<number, { runs: number[]; next: number }>();
  runs.forEach((run, index) => {
    const entry = byLength.get(run.length);
    if (entry) entry.runs.push(index);
    else byLength.set(run.length, { runs: [index], next: 0 });
  });
  const parts: string[] = [];
  let copied = 0;
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r];
    const same = byLength.get(open.length)!;
    while (same.next < same.runs.length && same.runs[same.next] <= r) same.next++;
    if (same.next >= same.runs.length) continue; // no closer: literal backticks
    const closeIndex = same.runs[same.next];
    const close = runs[closeIndex];
    parts.push(line.slice(copied, open.start), ' '.repeat(close.start + close.length - open.start));
    copied = close.start + close.length;
    r = closeIndex;
  }
  if (parts.length === 0) return line;
  parts.push(line.slice(copied));
  return parts.join('');
}

/** Maximal runs of backticks. */
function backtickRuns(line: string): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) !== 96) continue;
    const start = i;
    while (i + 1 < line.length && line.charCodeAt(i + 1) === 96) i++;
    runs.push({ start, length: i - start + 1 });
  }
  return runs;
}

/**
 * Whether a column lies inside a [...] holding an "@" (a bracketed citation). Brackets pair like
 * parentheses; "\\[" is not one. Linear: "@" counts by prefix sums, coverage by a sweep.
 */
function bracketedColumns(line: string): (column: number) => boolean {
  const atsBefore = new Int32Array(line.length + 1);
  for (let i = 0; i < line.length; i++) atsBefore[i + 1] = atsBefore[i] + (line.charCodeAt(i) === 64 ? 1 : 0);
  const depthChange = new Int32Array(line.length + 1);
  const stack: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '[') stack.push(i);
    else if (c === ']' && stack.length > 0) {
      const open = stack.pop()!;
      if (atsBefore[i] - atsBefore[open] > 0) {
        depthChange[open + 1]++;
        depthChange[i]--;
      }
    }
  }
  const covered = new Uint8Array(line.length);
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    depth += depthChange[i];
    covered[i] = depth > 0 ? 1 : 0;
  }
  return (column) => covered[column] === 1;
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
