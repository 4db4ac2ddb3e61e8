// LaTeX in bibliography fields, turned into the Unicode a reader expects: accents, special
// letters, dashes, ties, escaped symbols, font commands; protective braces dropped.

const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331',
};

const LETTERS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  textbackslash: '\\', textasciitilde: '~', textunderscore: '_', ldots: '…', dots: '…', textellipsis: '…', LaTeX: 'LaTeX', TeX: 'TeX',
  copyright: '©', textregistered: '®', texttrademark: '™', S: '§', P: '¶', dag: '†', ddag: '‡', pounds: '£', euro: '€',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
};

/** Accents, special letters and font commands: the part of LaTeX that starts with a backslash. */
function commandsToUnicode(input: string): string {
  let text = input;
  // Accents: {\"u}, \"{u}, \"u, \'{\i}.
  text = text.replace(/\{?\\(["'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))\}?/g, (whole, accent: string, braced?: string, bare?: string) => {
    const base = (braced ?? bare ?? '').replace(/^\\([ij])$/, '$1');
    return base ? (base + ACCENTS[accent]).normalize('NFC') : whole;
  });
  text = text.replace(/\{?\\([uvHckrdb])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))\}?/g, (whole, accent: string, braced?: string, bare?: string) => {
    const base = (braced ?? bare ?? '').replace(/^\\([ij])$/, '$1');
    return base ? (base + ACCENTS[accent]).normalize('NFC') : whole;
  });
  // Letters and symbols: \ss, {\o}, \ldots{}.
  text = text.replace(/\\([A-Za-z]+)(?:\{\}|\s(?=[^\s]))?/g, (whole, name: string) => LETTERS[name] ?? whole);
  // Font and text commands keep their argument.
  for (let guard = 0; guard < 5 && /\\[A-Za-z]+\s*\{/.test(text); guard++) {
    text = text.replace(/\\([A-Za-z]+)\s*\{([^{}]*)\}/g, (whole, name: string, arg: string) => (TEXT_COMMANDS.has(name) ? arg : whole));
  }
  return text;
}

/** Commands whose argument is kept as plain text. */
const TEXT_COMMANDS = new Set(['textit', 'textbf', 'emph', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textsl', 'mbox', 'text', 'url', 'mathrm', 'mathit', 'mathbf', 'mathcal', 'mathbb', 'ensuremath', 'textnormal', 'uppercase', 'lowercase', 'NoCaseChange', 'nocase']);

const OPEN = '\uE000';
const CLOSE = '\uE001';

export function latexToUnicode(input: string): string {
  // Most text (abstracts especially) has nothing for LaTeX to act on.
  if (!/[\\{}~$`]|--|''/.test(input)) return input.replace(/\s+/g, ' ').trim();
  // Escaped braces are text: set them aside so the protective-brace removal leaves them.
  let text = input.replace(/\\\{/g, OPEN).replace(/\\\}/g, CLOSE).replace(/\\([\^~])\{\}/g, (_, c: string) => (c === '^' ? '\uE002' : '\uE003'));
  if (text.includes('\\')) text = commandsToUnicode(text);
  text = text
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/(?<!\\)~/g, '\u00A0')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/\\\\/g, ' ')
    .replace(/\$([^$]*)\$/g, '$1');
  // Protective braces are for BibTeX's case changes; a reader does not see them.
  text = text.replace(/(?<!\\)[{}]/g, '');
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(new RegExp(OPEN, 'g'), '{')
    .replace(new RegExp(CLOSE, 'g'), '}')
    .replace(/\uE002/g, '^')
    .replace(/\uE003/g, '~');
}
