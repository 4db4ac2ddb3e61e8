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

export function latexToUnicode(input: string): string {
  // Most text (abstracts especially) has nothing for LaTeX to act on.
  if (!/[\\{}~$`^_]|--|''/.test(input)) return input.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let combining = false;
  let math = false;
  const n = input.length;
  let i = 0;

  /** The end of the braced group that opens at `open` (just past its closing brace). */
  const groupEnd = (open: number): number => {
    let depth = 0;
    for (let j = open; j < n; j++) {
      const c = input[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return j + 1;
    }
    return n;
  };
  const skipSpaces = (from: number) => {
    let j = from;
    while (j < n && isSpace(input[j])) j++;
    return j;
  };

  /** An accent's argument: `{u}`, `{\i}`, `u`, `\i`; returns the base text and where it ends. */
  const accentArgument = (from: number): [string, number] => {
    let j = skipSpaces(from);
    if (input[j] === '{') {
      const end = groupEnd(j);
      return [latexToUnicode(input.slice(j + 1, end - 1)), end];
    }
    if (input[j] === '\\' && isLetter(input[j + 1])) {
      let k = j + 1;
      while (k < n && isLetter(input[k])) k++;
      const name = input.slice(j + 1, k);
      return [name === 'i' || name === 'j' ? name : lookup(name, false) ?? '', skipSpaces(k)];
    }
    if (j < n && !isSpace(input[j]) && input[j] !== '}') return [input[j], j + 1];
    return ['', j];
  };
  const accent = (mark: string, from: number) => {
    const [base, end] = accentArgument(from);
    if (base === '') out.push(mark === '\u0303' ? '~' : mark === '\u0302' ? '^' : '');
    else {
      // The mark goes on the first letter; the rest of a longer argument follows as it is.
      const chars = [...base.replace(/^ı/, 'i').replace(/^ȷ/, 'j')];
      out.push(chars[0] + mark + chars.slice(1).join(''));
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
          if (spaced) out.push(' ');
        } else {
          out.push(value);
          // After a letter (\ss, \o) the space only ends the command name: "Stra\ss e" is one word.
          if (spaced && !(value.length === 1 && /\p{L}/u.test(value))) out.push(' ');
        }
        i = after;
        continue;
      }
      if (next !== undefined && ACCENTS[next] && !isLetter(next)) {
        accent(ACCENTS[next], i + 2);
        continue;
      }
      if (next === '\\' || next === ' ' || next === '\n' || next === ',' || next === ';' || next === ':' || next === '>') out.push(' ');
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
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    if (c === '~') {
      out.push(' ');
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
  let text = out.join('');
  if (combining) text = text.normalize('NFC');
  return text.replace(/\s+/g, ' ').trim();
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
