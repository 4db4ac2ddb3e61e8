// BibTeX and BibLaTeX: entries of every type, @string macros with # concatenation, braces and
// quotes, @comment and @preamble, crossref/xdata inheritance, LaTeX to Unicode, name lists.
// A malformed entry is reported with its line and skipped; the rest of the file still loads.
import { latexToUnicode } from './latex';
import type { Author, BibtexTitles, PaperDate, PaperRecord, ParseResult, Problem, Publication, TopicRef } from '../corpus/model';
import { findUrls, monthNumber } from '../text';

export interface BibEntry {
  type: string;
  key: string;
  /** Raw field values after macro expansion, LaTeX still in them; names lowercase. */
  fields: Record<string, string>;
  line: number;
  /** The .bib file the entry is in (several files form one database). */
  file: string;
  /** Fields that came from a crossref or xdata parent, not from the entry itself. */
  inherited?: Set<string>;
}

/** One .bib file of a database. */
export interface BibSource {
  path: string;
  text: string;
}

/** Longest value @string macros may build: a few doubling macros must not take the memory. */
export const MAX_EXPANDED_VALUE = 100_000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The macros every database starts with (BibTeX's month abbreviations). */
export function initialMacros(): Map<string, string> {
  return new Map(MONTHS.map((m, i) => [m, String(i + 1)]));
}

class Malformed extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/** A value that grew past the limit; a @string macro that did is remembered as unusable. */
class TooLong extends Malformed {
  constructor(readonly field: string, at: number) {
    super(`"${field}" grows past ${MAX_EXPANDED_VALUE} characters through @string macros`, at);
  }
}

/** Stands for a macro whose value went over the limit: using it is an error, not a silent name. */
const OVERSIZED = '\u0000oversized';

/**
 * Reads the entries of a .bib file. `macros` is shared by the files of one database: a file
 * sees the @string macros of the files before it.
 */
export function parseBibEntries(
  text: string,
  file: string,
  macros: Map<string, string> = initialMacros(),
): { entries: BibEntry[]; problems: Problem[] } {
  const entries: BibEntry[] = [];
  const problems: Problem[] = [];
  // Lines are counted forward from the last offset asked about (entries come in order), so the
  // file is scanned for line breaks once, without a table of every line.
  let countedTo = 0;
  let countedLine = 1;
  const lineOf = (offset: number) => {
    if (offset < countedTo) {
      countedTo = 0;
      countedLine = 1;
    }
    for (let i = text.indexOf('\n', countedTo); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) countedLine++;
    countedTo = offset;
    return countedLine;
  };
  const problem = (offset: number, message: string, severity: Problem['severity'] = 'warning') =>
    problems.push({ file, line: lineOf(offset), severity, message });

  // One reader for the file, moved to each entry.
  const reader = new FieldReader(text, 0, macros, (offset, name) => problem(offset, `unknown macro "${name}"; kept as written`));
  let pos = 0;
  while (pos < text.length) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    ENTRY_HEAD.lastIndex = at;
    const head = ENTRY_HEAD.exec(text);
    if (!head) {
      pos = at + 1; // an "@" in the text between entries is a comment
      continue;
    }
    const type = head[1].toLowerCase();
    const close = head[2] === '{' ? '}' : ')';
    let cursor = at + head[0].length;
    try {
      if (type === 'comment') {
        pos = skipBalanced(text, at + head[0].length - 1);
        continue;
      }
      if (type === 'preamble') {
        pos = skipBalanced(text, at + head[0].length - 1);
        continue;
      }
      reader.pos = cursor;
      if (type === 'string') {
        const value = reader.field();
        macros.set(reader.currentField, value);
        reader.expect(close);
        pos = reader.pos;
        continue;
      }
      const key = reader.key();
      const fields: Record<string, string> = Object.create(null);
      while (reader.more(close)) {
        const value = reader.field();
        const name = reader.currentField;
        // A lookup, not `in`: `in` with a new string costs a string-table search.
        if (fields[name] !== undefined) problem(reader.pos, `field "${name}" given twice in @${key}; the first is kept`);
        else fields[name] = value;
      }
      reader.expect(close);
      pos = reader.pos;
      cursor = pos;
      const line = lineOf(at);
      entries.push({ type, key, fields, line, file });
    } catch (error) {
      if (type === 'string' && error instanceof TooLong) macros.set(error.field, OVERSIZED);
      const message = error instanceof Malformed ? error.message : String(error);
      problem(at, `malformed @${type} entry: ${message}; skipped`, 'error');
      // Start again at the next line that opens an entry.
      const next = /\n\s*@\s*[A-Za-z]+\s*[{(]/g;
      next.lastIndex = at + 1;
      const found = next.exec(text);
      pos = found ? found.index + 1 : text.length;
    }
  }
  return { entries, problems };
}

// Sticky patterns read in place at a position: no substring per entry or field.
const ENTRY_HEAD = /@\s*([A-Za-z]+)\s*([{(])/y;
const KEY = /[^\s,{}()"=#%'~]{1,500}/y;
const BARE_VALUE = /[^\s,{}()"#=]{1,200}/y;
const NEXT_ENTRY_AT = /\s{0,58}@\s*[A-Za-z]+\s*[{(]/y;
/** The characters a braced or quoted value acts on; the text between them is skipped natively. */
const IN_BRACES = /[\\{}\n]/g;
const IN_QUOTES = /[\\{}"\n]/g;

/** Space as /\s/ has it in the ASCII range, and the Unicode spaces a pasted value may hold. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** Offset just after the bracket matching the one at `open`. */
function skipBalanced(text: string, open: number): number {
  const closeChar = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{' || (c === '(' && closeChar === ')' && depth === 0 && i === open)) depth++;
    else if (c === '}' || (c === ')' && closeChar === ')' && depth === 1)) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Malformed('no closing bracket', open);
}

/** Reads `key,` and `name = value # value` parts of one entry. */
class FieldReader {
  /** The name of the field last read (lowercase). */
  currentField = '';
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly macros: Map<string, string>,
    private readonly unknownMacro: (offset: number, name: string) => void,
  ) {}

  private skipSpace(): void {
    const { text } = this;
    let pos = this.pos;
    while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }

  expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw new Malformed(`expected "${char}" at line offset ${this.pos}`, this.pos);
    this.pos++;
  }

  /** True while another field follows (a trailing comma before the end is allowed). */
  more(close: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] === ',') {
      this.pos++;
      this.skipSpace();
    }
    return this.pos < this.text.length && this.text[this.pos] !== close;
  }

  key(): string {
    this.skipSpace();
    KEY.lastIndex = this.pos;
    const match = KEY.exec(this.text);
    if (!match) throw new Malformed('no citation key', this.pos);
    this.pos += match[0].length;
    this.skipSpace();
    if (this.text[this.pos] === ',') this.pos++;
    else if (this.text[this.pos] !== '}' && this.text[this.pos] !== ')') throw new Malformed(`expected "," after key "${match[0]}"`, this.pos);
    return match[0];
  }

  /** Reads `name = value # value`: returns the value, the name is left in currentField. */
  field(): string {
    this.skipSpace();
    const { text } = this;
    const start = this.pos;
    // A name as /[A-Za-z_][\w\-:.+/]{0,99}/ reads it, scanned in place (no match object per field).
    let c = text.charCodeAt(start);
    let upper = c >= 65 && c <= 90;
    if (!(upper || (c >= 97 && c <= 122) || c === 95)) {
      throw new Malformed(`expected a field name, found "${text.slice(start, start + 15).split('\n')[0]}"`, start);
    }
    let end = start + 1;
    for (const limit = Math.min(text.length, start + 100); end < limit; end++) {
      c = text.charCodeAt(end);
      if (c >= 65 && c <= 90) upper = true;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46 || c === 43 || c === 47)) break;
    }
    this.pos = end;
    const name = text.slice(start, end);
    this.currentField = upper ? name.toLowerCase() : name;
    this.expect('=');
    this.skipSpace();
    let value = this.value();
    this.skipSpace();
    while (this.text.charCodeAt(this.pos) === 35 /* # */) {
      this.pos++;
      this.skipSpace();
      const part = this.value();
      if (value.length + part.length > MAX_EXPANDED_VALUE) throw new TooLong(this.currentField, this.pos);
      value += part;
      this.skipSpace();
    }
    return value;
  }

  private value(): string {
    const c = this.text[this.pos];
    if (c === '{') return this.delimited('}');
    if (c === '"') return this.delimited('"');
    BARE_VALUE.lastIndex = this.pos;
    const word = BARE_VALUE.exec(this.text);
    if (!word) throw new Malformed('expected a value', this.pos);
    this.pos += word[0].length;
    if (/^\d+$/.test(word[0])) return word[0];
    const macro = this.macros.get(word[0].toLowerCase());
    if (macro === OVERSIZED) throw new TooLong(this.currentField, this.pos);
    if (macro === undefined) this.unknownMacro(this.pos, word[0]);
    return macro ?? word[0];
  }

  /** {...} or "..." with nested braces; an entry opening inside it means the value never closed. */
  private delimited(close: string): string {
    const { text } = this;
    const closeCode = close.charCodeAt(0);
    const quoted = close === '"';
    const start = ++this.pos;
    const special = quoted ? IN_QUOTES : IN_BRACES;
    let depth = 0;
    for (let pos = start; pos < text.length; pos++) {
      special.lastIndex = pos;
      if (!special.test(text)) break;
      pos = special.lastIndex - 1;
      const c = text.charCodeAt(pos);
      if (c === 92 /* \\ */) pos++;
      else if (c === 123 /* { */) depth++;
      else if (c === 125 /* } */ && depth > 0) depth--;
      else if (c === closeCode && depth === 0) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      } else if (c === 125 && quoted) {
        this.pos = pos;
        throw new Malformed('unbalanced "}" inside a quoted value', pos);
      } else if (c === 10 /* \n */) {
        NEXT_ENTRY_AT.lastIndex = pos + 1;
        if (NEXT_ENTRY_AT.test(text)) {
          this.pos = pos;
          throw new Malformed('unterminated value (the next entry starts inside it)', pos);
        }
      }
    }
    this.pos = text.length;
    throw new Malformed('unterminated value at the end of the file', start);
  }
}

/**
 * Fields a crossref or xdata parent passes on when the child does not have them. Iterative (a
 * chain thousands deep must not overflow the stack); parents resolve before their children.
 */
function inherit(entries: BibEntry[], byKey: Map<string, BibEntry>, problem: (entry: BibEntry, message: string) => void): void {
  const state = new Map<BibEntry, 'visiting' | 'done'>();
  const none: BibEntry[] = [];
  const parentsOf = (entry: BibEntry): BibEntry[] => {
    if (entry.fields.xdata === undefined && entry.fields.crossref === undefined) return none;
    const keys = [
      ...(entry.fields.xdata ?? '').split(',').map((k) => k.trim()).filter((k) => k),
      ...(entry.fields.crossref?.trim() ? [entry.fields.crossref.trim()] : []),
    ];
    const parents: BibEntry[] = [];
    for (const key of keys) {
      const parent = byKey.get(key.toLowerCase());
      if (parent) parents.push(parent);
      else problem(entry, `@${entry.key} refers to "${key}", which is in no corpus .bib file`);
    }
    return parents;
  };
  for (const start of entries) {
    if (state.has(start)) continue;
    const stack: { entry: BibEntry; parents: BibEntry[]; next: number }[] = [];
    state.set(start, 'visiting');
    stack.push({ entry: start, parents: parentsOf(start), next: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.parents.length) {
        const parent = top.parents[top.next++];
        const seen = state.get(parent);
        if (seen === undefined) {
          state.set(parent, 'visiting');
          stack.push({ entry: parent, parents: parentsOf(parent), next: 0 });
        } else if (seen === 'visiting') {
          problem(top.entry, `@${top.entry.key} and "${parent.key}" inherit from each other; the loop is cut here`);
          top.parents.splice(--top.next, 1);
        }
        continue;
      }
      for (const parent of top.parents) copyFields(parent, top.entry);
      state.set(top.entry, 'done');
      stack.pop();
    }
  }
}

function copyFields(parent: BibEntry, child: BibEntry): void {
  for (const name of Object.keys(parent.fields)) {
    if (name === 'ids' || name === 'crossref' || name === 'xdata') continue;
    // A parent's title is the child's book title (BibLaTeX's inheritance rule).
    const target = name === 'title' && child.fields.title !== undefined ? 'booktitle' : name;
    if (child.fields[target] !== undefined) continue;
    child.fields[target] = parent.fields[name];
    (child.inherited ??= new Set()).add(target);
  }
}

/** "Knuth, Donald E. and {Some Consortium} and van der Berg, Jr, Anna and others". */
export function parseNames(value: string): { authors: Author[]; others: boolean } {
  const authors: Author[] = [];
  let others = false;
  // A tie is a space between name parts ("Jean~Dupont"); an escaped one (\~{n}) is an accent.
  const spaced = value.includes('~') ? value.replace(/(?<!\\)~/g, ' ') : value;
  for (const raw of splitTopLevel(spaced, AND)) {
    const name = raw.trim();
    if (!name) continue;
    if (name.length === 6 && name.toLowerCase() === 'others') {
      others = true;
      continue;
    }
    authors.push(readName(name));
  }
  return { authors, others };
}

/** Whitespace that is not one plain space between words. */
const NOT_SINGLE_SPACED = /\s\s|[^\S ]/;

/** One name of a name list: "{Corporate Name}", "First von Last", "von Last, Jr, First". */
function readName(name: string): Author {
  // Most names are "Last, First" without braces: read without splitting into words.
  const comma = name.indexOf(',');
  if (comma > 0 && name.indexOf(',', comma + 1) < 0 && !name.includes('{')) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    if (family && given && !NOT_SINGLE_SPACED.test(family) && !NOT_SINGLE_SPACED.test(given)) {
      const author: Author = { family: bibFieldText(family) };
      const givenText = bibFieldText(given);
      if (givenText) author.given = givenText;
      return author;
    }
  }
  if (name.startsWith('{') && name.endsWith('}') && splitTopLevel(name.slice(1, -1), BARE_COMMA).length >= 1 && balancedWhole(name)) {
    return { family: bibFieldText(name.slice(1, -1)) }; // {Corporate Name}
  }
  const parts = splitTopLevel(name, COMMA);
  let first: string[];
  let vonLast: string[];
  let jr: string | undefined;
  if (parts.length === 1) {
    const words = splitTopLevel(name, SPACES);
    const vonStart = words.findIndex((w, i) => i < words.length - 1 && isLowercaseWord(w));
    if (vonStart > 0 || (vonStart === 0 && words.length > 1)) {
      first = words.slice(0, vonStart);
      vonLast = words.slice(vonStart);
    } else {
      first = words.slice(0, -1);
      vonLast = words.slice(-1);
    }
  } else {
    vonLast = splitTopLevel(parts[0], SPACES);
    jr = parts.length > 2 ? parts[1] : undefined;
    first = splitTopLevel(parts[parts.length - 1], SPACES);
  }
  const author: Author = { family: bibFieldText(vonLast.join(' ')) };
  const given = bibFieldText(first.join(' '));
  if (given) author.given = given;
  if (jr) author.suffix = bibFieldText(jr);
  return author;
}

function balancedWhole(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

function isLowercaseWord(word: string): boolean {
  // A plain ASCII letter first (most names) answers without the LaTeX pass.
  const c = word.charCodeAt(0);
  if (c >= 97 && c <= 122) return true;
  if (c >= 65 && c <= 90) return false;
  const letter = latexToUnicode(word).match(/\p{L}/u)?.[0];
  return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
}

/** Name separators (global: splitTopLevel walks their matches). */
const AND = /\s+and\s+/gi;
const COMMA = /\s*,\s*/g;
const SPACES = /\s+/g;
const BARE_COMMA = /,/g;

/** Splits on a global separator only outside braces. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  if (!text.includes('{')) return text.split(separator).filter((p) => p.trim() !== '');
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  // The brace depth is carried from one separator to the next: one pass, nothing per character.
  let scanned = 0;
  separator.lastIndex = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    const index = match.index;
    for (; scanned < index; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c === 123) depth++;
      else if (c === 125) depth--;
    }
    if (depth !== 0) continue;
    parts.push(text.slice(start, index));
    start = index + match[0].length;
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}

/**
 * Characters that make a field value more than plain text for latexToUnicode to read: its
 * commands and specials, and every space but " " (/\s/ less the space), which it collapses.
 */
const NOT_PLAIN = /[\\{}~$`^_\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** A field's text: most values (abstracts especially) are plain and need no LaTeX pass. */
export function bibFieldText(value: string): string {
  const plain = !NOT_PLAIN.test(value) && !value.includes('--') && !value.includes("''") && !value.includes('  ');
  return plain ? value.trim() : latexToUnicode(value);
}

function parseDate(fields: Record<string, string>): PaperDate {
  const date: PaperDate = {};
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec((fields.date ?? '').trim());
  if (iso) {
    date.year = Number(iso[1]);
    if (iso[2]) date.month = Number(iso[2]);
    if (iso[3]) date.day = Number(iso[3]);
    return date;
  }
  const year = /\d{4}/.exec(fields.year ?? '');
  if (year) date.year = Number(year[0]);
  const month = (fields.month ?? '').trim();
  if (month) {
    const number = /^\d{1,2}$/.test(month) ? Number(month) : monthNumber(month);
    if (number && number >= 1 && number <= 12) date.month = number;
  }
  if (fields.day && /^\d{1,2}$/.test(fields.day.trim()) && date.month) date.day = Number(fields.day.trim());
  return date;
}

function linksOf(fields: Record<string, string>): { urls: string[]; doi?: string; arxiv?: string } {
  const urls: string[] = [];
  const add = (url: string) => !urls.includes(url) && urls.push(url);
  const doi = fields.doi?.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:/i, '');
  if (doi) add(`https://doi.org/${doi}`);
  for (const url of findUrls(fields.url ?? '')) add(url);
  const archive = (fields.eprinttype ?? fields.archiveprefix ?? '').toLowerCase();
  const eprint = fields.eprint?.trim();
  const arxiv = eprint && (archive === 'arxiv' || /^\d{4}\.\d{4,5}(v\d+)?$/.test(eprint)) ? eprint.replace(/^arxiv:/i, '') : undefined;
  if (arxiv) add(`https://arxiv.org/abs/${arxiv}`);
  return { urls, doi: doi?.toLowerCase(), arxiv: arxiv?.replace(/v\d+$/, '') };
}

export function parseBibtex(text: string, file: string): ParseResult {
  return parseBibDatabase([{ path: file, text }]);
}

/**
 * Several .bib files as one database, in the order given (as \bibliography{a,b,c} and biber's
 * data sources): @string macros and crossref/xdata targets are shared; each problem names the
 * file and line it is about. A file that cannot be read at all is one problem on that file.
 */
export function parseBibDatabase(files: BibSource[]): ParseResult {
  const macros = initialMacros();
  const problems: Problem[] = [];
  const entries: BibEntry[] = [];
  const firstByKey = new Map<string, BibEntry>();
  const byLowerKey = new Map<string, BibEntry>();
  for (const source of files) {
    try {
      const read = parseBibEntries(source.text, source.path, macros);
      problems.push(...read.problems);
      for (const entry of read.entries) {
        const first = firstByKey.get(entry.key);
        if (first) {
          problems.push({ file: entry.file, line: entry.line, severity: 'warning', message: `duplicate key "${entry.key}" (first at ${first.file}:${first.line}); this entry is skipped` });
          if (first.file !== entry.file) {
            problems.push({ file: first.file, line: first.line, severity: 'warning', message: `key "${entry.key}" is given again at ${entry.file}:${entry.line}; that entry is skipped` });
          }
          continue;
        }
        firstByKey.set(entry.key, entry);
        if (!byLowerKey.has(entry.key.toLowerCase())) byLowerKey.set(entry.key.toLowerCase(), entry);
        entries.push(entry);
      }
    } catch (error) {
      problems.push({ file: source.path, line: 1, severity: 'error', message: `could not read this file: ${(error as Error).message}` });
    }
  }
  inherit(entries, byLowerKey, (entry, message) => problems.push({ file: entry.file, line: entry.line, severity: 'warning', message }));
  const records: PaperRecord[] = [];
  for (const entry of entries) {
    try {
      const record = toRecord(entry, problems);
      if (record) records.push(record);
    } catch (error) {
      problems.push({ file: entry.file, line: entry.line, severity: 'error', message: `@${entry.key} could not be read: ${(error as Error).message}; skipped` });
    }
  }
  return { records, problems };
}

/** The journal or proceedings (a crossref parent's title arrives as booktitle), else the publisher. */
function venueOf(f: Record<string, string>): string | undefined {
  const venue = f.journaltitle ?? f.journal ?? (f.title !== undefined ? f.booktitle : undefined) ?? f.publisher ?? f.school ?? f.institution;
  return venue ? bibFieldText(venue) || undefined : undefined;
}

/** BibTeX/BibLaTeX entry types as CSL types (as pandoc maps them). */
const CSL_TYPES: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  booklet: 'pamphlet',
  inbook: 'chapter',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  collection: 'book',
  manual: 'book',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  report: 'report',
  techreport: 'report',
  online: 'webpage',
  unpublished: 'manuscript',
  patent: 'patent',
  dataset: 'dataset',
  software: 'software',
};

/** Type, volume, issue and publisher, for formatting the reference. */
function publicationOf(type: string, f: Record<string, string>, titles: BibtexTitles): Publication {
  const text = (value: string | undefined) => (value ? bibFieldText(value) || undefined : undefined);
  const lower = type.toLowerCase();
  // In an article `number` is the issue; in a report it is the report's number (not kept).
  const issue = f.issue ?? (lower === 'article' ? f.number : undefined);
  return {
    type: CSL_TYPES[lower] ?? (f.journal || f.journaltitle ? 'article-journal' : 'article'),
    volume: text(f.volume),
    issue: text(issue),
    publisher: text(f.publisher ?? f.school ?? f.institution ?? f.organization),
    publisherPlace: text(f.location ?? f.address),
    bibtex: titles,
  };
}

/**
 * The titles as written, for the preview to sentence-case as pandoc does, only where they say
 * more than the text the paper keeps (most titles are plain: nothing is kept twice).
 */
function bibtexTitles(type: string, f: Record<string, string>, rawTitle: string, title: string, venue: string | undefined): BibtexTitles {
  const titles: BibtexTitles = { type };
  const language = f.langid ?? f.hyphenation;
  if (language !== undefined) titles.language = language;
  if (rawTitle.trim() !== title) titles.title = rawTitle;
  // pandoc's rule for the container: the book title of an entry with its own title and no journal.
  if (f.title !== undefined && f.booktitle && !f.journal && !f.journaltitle) {
    titles.booktitle = venue !== undefined && f.booktitle.trim() === venue ? '' : f.booktitle;
    if (f.booksubtitle) titles.booksubtitle = f.booksubtitle;
    if (f.booktitleaddon) titles.booktitleaddon = f.booktitleaddon;
  }
  const ownTitle = f.title !== undefined;
  const subtitle = ownTitle ? f.subtitle : f.booksubtitle;
  const addon = ownTitle ? f.titleaddon : f.booktitleaddon;
  if (subtitle) titles.subtitle = subtitle;
  if (addon) titles.titleaddon = addon;
  return titles;
}

function toRecord(entry: BibEntry, problems: Problem[]): PaperRecord | undefined {
  if (entry.type === 'xdata') return undefined; // a container of shared fields, not a paper
  const { file } = entry;
  const f = entry.fields;
  const rawTitle = f.title ?? f.booktitle ?? '';
  const title = bibFieldText(rawTitle);
  if (!title) {
    problems.push({ file, line: entry.line, severity: 'warning', message: `@${entry.key} has no title; skipped` });
    return undefined;
  }
  const names = f.author ? parseNames(f.author) : f.editor ? parseNames(f.editor) : undefined;
  const abstract = f.abstract ? bibFieldText(f.abstract) : undefined;
  const links = linksOf(f);
  const venue = venueOf(f);
  const topics: TopicRef[] = [];
  const keywords = f.keywords ?? f.keyword;
  if (keywords) {
    for (const keyword of keywords.split(/[,;]/)) {
      const text = bibFieldText(keyword);
      if (text) topics.push({ kind: 'keyword', path: [text] });
    }
  }
  const urls = [...links.urls];
  // Only a text with "://" can hold a URL: most abstracts are not scanned.
  for (const url of abstract?.includes('://') ? findUrls(abstract) : []) if (!urls.includes(url)) urls.push(url);
  // An identifier inherited from a parent (the proceedings' DOI) names the volume, not this
  // paper: it is kept as a link but never used to merge papers.
  const inherited = entry.inherited;
  const aliases = f.ids ? f.ids.split(',').map((k) => k.trim()).filter((k) => k && k !== entry.key) : [];
  const record: PaperRecord = {
    title,
    authors: names && names.authors.length > 0 ? names.authors : undefined,
    // "and others" says there are more authors than named: the count is then unknown.
    authorCount: names && !names.others && names.authors.length > 0 ? names.authors.length : undefined,
    date: parseDate(f),
    abstract,
    venue,
    pages: f.pages ? bibFieldText(f.pages) || undefined : undefined,
    publication: publicationOf(entry.type, f, bibtexTitles(entry.type, f, rawTitle, title, venue)),
    urls,
    topics,
    source: { file, line: entry.line },
    ownKey: entry.key,
    ids: { doi: inherited?.has('doi') ? undefined : links.doi, arxiv: inherited?.has('eprint') ? undefined : links.arxiv },
  };
  if (aliases.length > 0) record.aliasKeys = aliases;
  return record;
}
