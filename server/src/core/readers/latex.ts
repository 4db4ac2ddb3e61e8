// LaTeX in bibliography fields, turned into the text a reader expects. One left-to-right scan
// (linear in the input, no backtracking regex): accents, special letters and symbols (the
// table of unicode2latex, which Better BibTeX maintains), dashes and quotes, `~` as a space,
// math read as text. A command we do not know is dropped and its arguments are kept, so
// `\proglang{R}` reads "R" and `{\em Survey}` reads "Survey"; protective braces are dropped.
import { latex2unicode } from 'unicode2latex';

type TableValue = string | { text?: string; math?: string };
const TABLE = latex2unicode as unknown as Record<string, TableValue | undefined>;

/** Accent commands and the combining mark each puts on its argument. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331', t: '\u0361',
};

/** Letters the table spells differently from what a title wants. */
const OWN: Record<string, string> = {
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', LaTeXe: 'LaTeX2e', ldots: '…', dots: '…', textellipsis: '…',
  textquotesingle: "'", slash: '/', textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textunderscore: '_',
  log: 'log', ln: 'ln', exp: 'exp', sin: 'sin', cos: 'cos', tan: 'tan', max: 'max', min: 'min', lim: 'lim', sup: 'sup', inf: 'inf',
  det: 'det', arg: 'arg', dim: 'dim', ker: 'ker', deg: 'deg', gcd: 'gcd', Pr: 'Pr',
  '\\': ' ', par: ' ', newline: ' ', linebreak: ' ', quad: ' ', qquad: ' ', enspace: ' ', space: ' ', textvisiblespace: ' ',
};

/** Commands whose (first) braced argument is not text: it is dropped with the command. */
const DROP_ARGUMENT = new Set([
  'hspace', 'vspace', 'hskip', 'vskip', 'kern', 'label', 'ref', 'eqref', 'pageref', 'index', 'cite', 'citep', 'citet', 'nocite',
  'href', 'hyperref', 'color', 'textcolor', 'fontsize', 'selectfont', 'fontfamily', 'usefont', 'bibstring', 'setlength', 'addtolength',
  'rule', 'raisebox', 'phantom', 'hphantom', 'vphantom', 'include', 'input', 'hypertarget', 'vphantom',
]);

/** Characters the scan acts on; everything between them is plain text. */
const PLAIN = /[\\{}$~\-`'^_]/g;

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Accent groups open at once (`\"{\"{…`): deeper ones keep their text and lose their mark, so
 * a hostile field costs at most this many passes over its output.
 */
const MAX_OPEN_ACCENTS = 32;

/** An accent whose braced argument is still being read: its mark goes on the argument's first letter. */
interface OpenAccent {
  mark: string;
  depth: number;
  piece: number;
}

/**
 * The text being written. While an accent group is open its text is kept as pieces, so the mark
 * can be put on its first letter without copying what came before; everything else is one
 * growing string (short texts appended, never an array of a million one-character pieces), and
 * consecutive spaces are written once (they are collapsed at the end anyway).
 */
class Output {
  /** Text no open accent can change. */
  private settled = '';
  /** Text since the outermost open accent, by piece. */
  readonly pieces: string[] = [];
  private short = '';
  private spaced = true;

  /** The latest short texts, joined into `short` a thousand at a time (fewer, flatter strings). */
  private batch: string[] = [];

  push(text: string): void {
    if (text.length === 0 || (this.spaced && text === ' ')) return;
    this.batch.push(text);
    if (this.batch.length === 1024) this.gather();
    this.spaced = isSpace(text[text.length - 1]);
  }
  space(): void {
    if (!this.spaced) this.push(' ');
  }
  /** Where the next piece starts (open accents refer to pieces by index). */
  position(): number {
    this.gather();
    if (this.short !== '') this.pieces.push(this.short);
    this.short = '';
    return this.pieces.length;
  }
  /** Pieces from `from` on are one text again: the accent that needed them apart has closed. */
  rejoin(from: number): void {
    this.position();
    this.short = this.pieces.splice(from).join('');
  }
  /** No accent is open: everything so far is final. */
  settle(): void {
    this.gather();
    const text = this.pieces.join('') + this.short;
    this.pieces.length = 0;
    this.short = '';
    // Gathered a thousand at a time, like `batch`: a run of accents settles after each one,
    // and appending each to `settled` built a string of a hundred thousand tiny parts.
    if (text !== '') this.settledBatch.push(text);
    if (this.settledBatch.length === 1024) this.gatherSettled();
  }
  text(): string {
    this.settle();
    this.gatherSettled();
    return this.settled;
  }
  private settledBatch: string[] = [];
  private gatherSettled(): void {
    if (this.settledBatch.length === 0) return;
    this.settled += this.settledBatch.join('');
    this.settledBatch.length = 0;
  }
  private gather(): void {
    if (this.batch.length === 0) return;
    this.short += this.batch.length === 1 ? this.batch[0] : this.batch.join('');
    this.batch.length = 0;
  }
}

export function latexToUnicode(input: string): string {
  // Most text (abstracts especially) has nothing for LaTeX to act on.
  if (!/[\\{}~$`^_]|--|''/.test(input)) return input.replace(/\s+/g, ' ').trim();
  const out = new Output();
  const accents: OpenAccent[] = [];
  let combining = false;
  let math = false;
  let depth = 0;
  const n = input.length;
  let i = 0;

  /** The end of the braced group that opens at `open` (just past its closing brace). */
  const groupEnd = (open: number): number => {
    let level = 0;
    for (let j = open; j < n; j++) {
      const c = input[j];
      if (c === '\\') j++;
      else if (c === '{') level++;
      else if (c === '}' && --level === 0) return j + 1;
    }
    return n;
  };
  const skipSpaces = (from: number) => {
    let j = from;
    while (j < n && isSpace(input[j])) j++;
    return j;
  };

  /** The mark of the accent whose group just closed goes on the first letter written since it opened. */
  const closeAccent = (open: OpenAccent) => {
    out.position();
    if (putMark(out.pieces, open.piece, open.mark)) combining = true;
    else if (open.mark === '\u0303') out.push('~');
    else if (open.mark === '\u0302') out.push('^');
    out.rejoin(open.piece);
  };

  /** An accent's argument: `{u}` opens a group read by the main loop; `{\i}`, `u`, `\i` are read here. */
  const accent = (mark: string, from: number) => {
    const j = skipSpaces(from);
    // `{a}`, the usual form, is one letter: no group to keep open.
    if (input[j] === '{' && input[j + 2] === '}' && isLetter(input[j + 1]) && accents.length < MAX_OPEN_ACCENTS) {
      const pieces = [input[j + 1]];
      putMark(pieces, 0, mark);
      out.push(pieces[0]);
      combining = true;
      i = j + 3;
      return;
    }
    if (input[j] === '{') {
      depth++;
      if (accents.length === 0) out.settle();
      if (accents.length < MAX_OPEN_ACCENTS) accents.push({ mark, depth, piece: out.position() });
      i = j + 1;
      return;
    }
    let base = '';
    let end = j;
    if (input[j] === '\\' && isLetter(input[j + 1])) {
      let k = j + 1;
      while (k < n && isLetter(input[k])) k++;
      const name = input.slice(j + 1, k);
      base = name === 'i' || name === 'j' ? name : lookup(name, false) ?? '';
      end = skipSpaces(k);
    } else if (j < n && !isSpace(input[j]) && input[j] !== '}') {
      base = input[j];
      end = j + 1;
    }
    if (base === '') out.push(mark === '\u0303' ? '~' : mark === '\u0302' ? '^' : '');
    else {
      const pieces = [base];
      putMark(pieces, 0, mark);
      out.push(pieces[0]);
      combining = true;
    }
    i = end;
  };

  while (i < n) {
    const c = input[i];
    if (c === '\\') {
      const next = input[i + 1];
      if (isLetter(next)) {
        let j = i + 1;
        while (j < n && isLetter(input[j])) j++;
        const name = input.slice(i + 1, j);
        const after = skipSpaces(j);
        const spaced = after > j;
        if (name.length === 1 && ACCENTS[name] && (input[after] === '{' || (spaced && isLetter(input[after])))) {
          accent(ACCENTS[name], after);
          continue;
        }
        if (DROP_ARGUMENT.has(name)) {
          let k = after;
          if (input[k] === '*') k = skipSpaces(k + 1);
          if (input[k] === '[') k = skipBracket(input, k);
          k = skipSpaces(k);
          i = input[k] === '{' ? groupEnd(k) : skipWord(input, k);
          continue;
        }
        const value = lookup(name, math);
        if (value === undefined) {
          // Unknown: dropped, its arguments read as text; a space after it still separates words.
          if (spaced) out.space();
        } else {
          out.push(value);
          // After a letter (\ss, \o) the space only ends the command name: "Stra\ss e" is one word.
          if (spaced && !(value.length === 1 && /\p{L}/u.test(value))) out.space();
        }
        i = after;
        continue;
      }
      if (next !== undefined && ACCENTS[next] && !isLetter(next)) {
        accent(ACCENTS[next], i + 2);
        continue;
      }
      if (next === '\\' || next === ' ' || next === '\n' || next === ',' || next === ';' || next === ':' || next === '>') out.space();
      else if (next !== undefined && '&%$#_{}'.includes(next)) out.push(next);
      else if (next !== undefined && !'-/@!'.includes(next)) out.push(next);
      i += 2;
      continue;
    }
    if (c === '$') {
      math = !math;
      i += input[i + 1] === '$' ? 2 : 1;
      continue;
    }
    if (c === '{') {
      depth++;
      i++;
      continue;
    }
    if (c === '}') {
      const open = accents[accents.length - 1];
      if (open !== undefined && open.depth === depth) closeAccent(accents.pop() as OpenAccent);
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (c === '~') {
      out.space();
      i++;
      continue;
    }
    if (math && (c === '^' || c === '_')) {
      i++;
      continue;
    }
    if (!math && c === '-' && input[i + 1] === '-') {
      const triple = input[i + 2] === '-';
      out.push(triple ? '—' : '–');
      i += triple ? 3 : 2;
      continue;
    }
    if (!math && c === '`' && input[i + 1] === '`') {
      out.push('“');
      i += 2;
      continue;
    }
    if (!math && c === "'" && input[i + 1] === "'") {
      out.push('”');
      i += 2;
      continue;
    }
    // A run of plain text is copied in one piece (spaces are collapsed at the end).
    PLAIN.lastIndex = i + 1;
    const next = PLAIN.exec(input);
    const end = next ? next.index : n;
    out.push(input.slice(i, end));
    i = end;
  }
  // Groups left open at the end of the field run to its end.
  for (let open = accents.pop(); open !== undefined; open = accents.pop()) closeAccent(open);
  let text = out.text();
  if (combining) text = text.normalize('NFC');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Puts `mark` after the first letter (and the marks it already has) in `pieces` from `from` on;
 * spaces before that letter are dropped, as a trimmed argument would have none. False when
 * there is no letter. A dotless i or j takes the accent as i or j.
 */
function putMark(pieces: string[], from: number, mark: string): boolean {
  for (let p = from; p < pieces.length; p++) {
    const piece = pieces[p];
    let k = 0;
    while (k < piece.length && isSpace(piece[k])) k++;
    if (k === piece.length) {
      // Spaces only: one is as good (they are collapsed at the end), and cheaper to pass again.
      if (k > 1) pieces[p] = ' ';
      continue;
    }
    let end = k + (piece.codePointAt(k)! > 0xffff ? 2 : 1);
    let first = piece.slice(k, end);
    if (first === 'ı') first = 'i';
    else if (first === 'ȷ') first = 'j';
    while (end < piece.length && /\p{M}/u.test(piece[end])) end++;
    for (let q = from; q < p; q++) pieces[q] = '';
    pieces[p] = first + piece.slice(k + first.length, end) + mark + piece.slice(end);
    return true;
  }
  return false;
}

/** A command's text: our own spellings first, then the table (math or text form). */
function lookup(name: string, math: boolean): string | undefined {
  const own = OWN[name];
  if (own !== undefined) return own;
  const value = TABLE[`\\${name}`];
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : math ? (value.math ?? value.text) : (value.text ?? value.math);
  // A bare combining mark (\vec, \bar used without an argument) is no text on its own.
  if (text === undefined || /^\p{M}+$/u.test(text)) return undefined;
  return text;
}

function skipBracket(input: string, open: number): number {
  const close = input.indexOf(']', open);
  return close < 0 ? input.length : close + 1;
}

/** A dimension or other bare argument ("0.5em", "-2pt"). */
function skipWord(input: string, from: number): number {
  let j = from;
  while (j < input.length && !isSpace(input[j]) && input[j] !== '\\' && input[j] !== '{' && input[j] !== '}') j++;
  return j;
}
