// Pandoc's sentence-casing of BibTeX titles. BibTeX titles are written in title case with
// {braces} around what must keep its capitals; pandoc (its BibTeX reader, for English entries)
// turns them into sentence case before citeproc sees them, so a style that prints titles as
// given (APA) shows "Deep learning for GPU systems", and a style that title-cases them can.
// The rules, checked against pandoc --citeproc: a word capitalised as a name is ("Deep", not
// "BERT", "iPhone", "3D") is lowercased unless it starts the title or a sentence (after ". ",
// "? ", "! " or ": "); the last word is lowercased even then; words split at apostrophes and
// hyphens ("X-Ray" -> "x-ray"); a braced group and math are kept as written (`{\'E}tats` keeps
// its É), a command's argument is not (pandoc lowercases inside `\emph{…}` too). Straight
// apostrophes between letters become ’.

/** Languages pandoc sentence-cases (langid / hyphenation values, lowercased). */
const ENGLISH = /^(?:english|american|british|usenglish|ukenglish|canadian|australian|newzealand|en(?:[-_].*)?)$/i;

interface Segment {
  latex: string;
  /** A `{...}` group: its case is kept. */
  kept: boolean;
}

/** The title split into braced groups (kept) and the rest, at brace depth 0. */
function segments(raw: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let afterCommand = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      // A command name or an escaped character: a group right after it is its argument.
      let j = i + 1;
      if (/[A-Za-z]/.test(raw[j] ?? '')) while (/[A-Za-z]/.test(raw[j] ?? '')) j++;
      else j++;
      afterCommand = /[A-Za-z]/.test(raw[i + 1] ?? '');
      i = j - 1;
      continue;
    }
    if (c === '{') {
      let depth = 0;
      let j = i;
      for (; j < raw.length; j++) {
        if (raw[j] === '\\') j++;
        else if (raw[j] === '{') depth++;
        else if (raw[j] === '}' && --depth === 0) break;
      }
      if (!afterCommand) {
        if (i > start) out.push({ latex: raw.slice(start, i), kept: false });
        out.push({ latex: raw.slice(i + 1, j), kept: true });
        start = j + 1;
      }
      i = j;
      afterCommand = false;
      continue;
    }
    if (c === '$') {
      // Math keeps its case.
      const close = raw.indexOf('$', i + 1);
      if (close > i) {
        if (i > start) out.push({ latex: raw.slice(start, i), kept: false });
        out.push({ latex: raw.slice(i, close + 1), kept: true });
        start = close + 1;
        i = close;
        continue;
      }
    }
    if (!/\s/.test(c)) afterCommand = false;
  }
  if (start < raw.length) out.push({ latex: raw.slice(start), kept: false });
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether the text between two words ends a sentence: ". ", "? ", "! " or ": ", maybe then "(" or "“" (a scan from the end). */
function endsSentence(between: string): boolean {
  let k = between.length;
  while (k > 0 && !/\s/.test(between[k - 1])) k--;
  let m = k;
  while (m > 0 && /\s/.test(between[m - 1])) m--;
  return m < k && m > 0 && /[.?!:]/.test(between[m - 1]);
}
const isCapitalized = (word: string) => /^\p{Lu}\p{Ll}*$/u.test(word);
const isLower = (word: string) => /^\p{Ll}+$/u.test(word);

/**
 * A BibTeX title as pandoc hands it to citeproc: sentence case, each braced group kept and
 * marked `<span class="nocase">` (citeproc-js keeps its case whatever the style does). Undefined
 * for an entry in another language (langid / hyphenation), whose title pandoc leaves alone.
 */
export function bibtexSentenceCase(raw: string, toText: (latex: string) => string, language?: string): string | undefined {
  if (language && !ENGLISH.test(language.trim())) return undefined;
  const parts = segments(raw).map((s) => {
    const text = toText(s.latex);
    // The conversion trims: keep the spaces that separated this part from its neighbours.
    const lead = text && /^\s/.test(s.latex) ? ' ' : '';
    const trail = text && /\s$/.test(s.latex) ? ' ' : '';
    return { text: lead + text + trail, kept: s.kept };
  });
  // Every word with its part, to know the first and the last word of the whole title.
  const words: { part: number; index: number; word: string }[] = [];
  parts.forEach((p, part) => {
    for (const m of p.text.matchAll(WORD)) words.push({ part, index: m.index!, word: m[0] });
  });
  const changed = new Map<string, string>();
  let sentenceStart = true;
  let previousEnd = { part: 0, index: 0 };
  words.forEach((w, n) => {
    if (n > 0) {
      // What lies between the previous word and this one decides whether a sentence starts.
      const between = parts
        .slice(previousEnd.part, w.part + 1)
        .map((p, k) => {
          const at = previousEnd.part + k;
          return p.text.slice(at === previousEnd.part ? previousEnd.index : 0, at === w.part ? w.index : undefined);
        })
        .join('');
      sentenceStart = endsSentence(between);
    }
    previousEnd = { part: w.part, index: w.index + w.word.length };
    if (parts[w.part].kept) return;
    const first = n === 0;
    const last = n === words.length - 1 && !first;
    let word = w.word;
    if (isCapitalized(word) && (last || !(first || sentenceStart))) word = word.toLowerCase();
    else if ((first || sentenceStart) && !last && (isCapitalized(word) || isLower(word))) word = word[0].toUpperCase() + word.slice(1);
    if (word !== w.word) changed.set(`${w.part}:${w.index}`, word);
  });
  return parts
    .map((p, part) => {
      if (p.kept) return p.text.trim() ? `${p.text.startsWith(' ') ? ' ' : ''}<span class="nocase">${p.text.trim()}</span>${p.text.endsWith(' ') ? ' ' : ''}` : p.text;
      return p.text.replace(WORD, (word, index: number) => changed.get(`${part}:${index}`) ?? word);
    })
    .join('')
    .replace(/(?<=[\p{L}\p{N}]|<\/span>)'(?=\p{L})/gu, '’')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entry types whose `booktitle` is the container pandoc sentence-cases too. */
const CHAPTER_LIKE = new Set(['incollection', 'inbook', 'inproceedings', 'conference', 'inreference', 'bookinbook']);

/**
 * A title with its subtitle and title addition as pandoc joins them for citeproc: each part in
 * sentence case on its own, the subtitle after ": " (a space alone when the title ends in
 * ":", "?", "!" or "."), the addition after ". " (biblatex's `subtitle`, `titleaddon`).
 */
function joinedTitle(main: string, subtitle: string | undefined, addon: string | undefined, caseOf: (latex: string) => string): string {
  let title = caseOf(main);
  if (subtitle?.trim()) title += (/[:?!.]$/.test(title) ? ' ' : ': ') + caseOf(subtitle);
  if (addon?.trim()) title += (/[?!.]$/.test(title) ? ' ' : '. ') + caseOf(addon);
  return title;
}

/**
 * What pandoc gives citeproc as an entry's title and (for chapters and proceedings papers) its
 * book title, where that differs from the text the reader keeps (the reader's title has no
 * subtitle): for the preview's references.
 */
export function pandocBibtexTitles(type: string, fields: Record<string, string>, toText: (latex: string) => string): { cslTitle?: string; cslContainerTitle?: string } {
  const language = fields.langid ?? fields.hyphenation;
  const caseOf = (latex: string) => bibtexSentenceCase(latex, toText, language) ?? toText(latex);
  const out: { cslTitle?: string; cslContainerTitle?: string } = {};
  const ownTitle = fields.title !== undefined;
  const title = fields.title ?? fields.booktitle;
  const cased = title ? joinedTitle(title, ownTitle ? fields.subtitle : fields.booksubtitle, ownTitle ? fields.titleaddon : fields.booktitleaddon, caseOf) : undefined;
  if (cased && cased !== toText(title!)) out.cslTitle = cased;
  if (ownTitle && fields.booktitle && !fields.journal && !fields.journaltitle && CHAPTER_LIKE.has(type.toLowerCase())) {
    const container = joinedTitle(fields.booktitle, fields.booksubtitle, fields.booktitleaddon, caseOf);
    if (container && container !== toText(fields.booktitle)) out.cslContainerTitle = container;
  }
  return out;
}
