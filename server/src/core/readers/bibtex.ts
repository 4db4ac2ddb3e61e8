// BibTeX and BibLaTeX: entries of every type, @string macros with # concatenation, braces and
// quotes, @comment and @preamble, crossref/xdata inheritance, LaTeX to Unicode, name lists.
// A malformed entry is reported with its line and skipped; the rest of the file still loads.
import { latexToUnicode } from './latex';
import type { Author, PaperDate, PaperRecord, ParseResult, Problem, TopicRef } from '../corpus/model';
import { findUrls, monthNumber } from '../text';

export interface BibEntry {
  type: string;
  key: string;
  /** Raw field values after macro expansion, LaTeX still in them; names lowercase. */
  fields: Record<string, string>;
  line: number;
}

const MONTH_MACROS: Record<string, string> = Object.fromEntries(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, String(i + 1)]),
);

class Malformed extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/** Reads the entries of a .bib file. */
export function parseBibEntries(text: string, file: string): { entries: BibEntry[]; problems: Problem[] } {
  const entries: BibEntry[] = [];
  const problems: Problem[] = [];
  const macros: Record<string, string> = { ...MONTH_MACROS };
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const problem = (offset: number, message: string, severity: Problem['severity'] = 'warning') =>
    problems.push({ file, line: lineOf(offset), severity, message });
  const seen = new Map<string, number>();

  let pos = 0;
  while (pos < text.length) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    const head = /^@\s*([A-Za-z]+)\s*([{(])/.exec(text.slice(at, at + 100));
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
      const reader = new FieldReader(text, cursor, macros, (offset, name) => problem(offset, `unknown macro "${name}"; kept as written`));
      if (type === 'string') {
        const [name, value] = reader.field();
        macros[name] = value;
        reader.expect(close);
        pos = reader.pos;
        continue;
      }
      const key = reader.key();
      const fields: Record<string, string> = {};
      while (reader.more(close)) {
        const [name, value] = reader.field();
        if (name in fields) problem(reader.pos, `field "${name}" given twice in @${key}; the first is kept`);
        else fields[name] = value;
      }
      reader.expect(close);
      pos = reader.pos;
      cursor = pos;
      const line = lineOf(at);
      if (seen.has(key)) {
        problem(at, `duplicate key "${key}" (first at line ${seen.get(key)}); this entry is skipped`);
        continue;
      }
      seen.set(key, line);
      entries.push({ type, key, fields, line });
    } catch (error) {
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
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly macros: Record<string, string>,
    private readonly unknownMacro: (offset: number, name: string) => void,
  ) {}

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
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
    const match = /^[^\s,{}()"=#%'~]+/.exec(this.text.slice(this.pos, this.pos + 500));
    if (!match) throw new Malformed('no citation key', this.pos);
    this.pos += match[0].length;
    this.skipSpace();
    if (this.text[this.pos] === ',') this.pos++;
    else if (this.text[this.pos] !== '}' && this.text[this.pos] !== ')') throw new Malformed(`expected "," after key "${match[0]}"`, this.pos);
    return match[0];
  }

  field(): [string, string] {
    this.skipSpace();
    const name = /^[A-Za-z_][\w\-:.+/]*/.exec(this.text.slice(this.pos, this.pos + 100));
    if (!name) throw new Malformed(`expected a field name, found "${this.text.slice(this.pos, this.pos + 15).split('\n')[0]}"`, this.pos);
    this.pos += name[0].length;
    this.expect('=');
    const parts: string[] = [];
    for (;;) {
      this.skipSpace();
      parts.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] !== '#') break;
      this.pos++;
    }
    return [name[0].toLowerCase(), parts.join('')];
  }

  private value(): string {
    const c = this.text[this.pos];
    if (c === '{') return this.delimited('}');
    if (c === '"') return this.delimited('"');
    const word = /^[^\s,{}()"#=]+/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!word) throw new Malformed('expected a value', this.pos);
    this.pos += word[0].length;
    if (/^\d+$/.test(word[0])) return word[0];
    const macro = this.macros[word[0].toLowerCase()];
    if (macro === undefined) this.unknownMacro(this.pos, word[0]);
    return macro ?? word[0];
  }

  /** {...} or "..." with nested braces; an entry opening inside it means the value never closed. */
  private delimited(close: string): string {
    const start = ++this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === close && depth === 0) return this.text.slice(start, this.pos++);
      else if (c === '}' && close === '"') throw new Malformed('unbalanced "}" inside a quoted value', this.pos);
      else if (c === '\n' && /^\s*@\s*[A-Za-z]+\s*[{(]/.test(this.text.slice(this.pos + 1, this.pos + 60))) {
        throw new Malformed('unterminated value (the next entry starts inside it)', this.pos);
      }
    }
    throw new Malformed('unterminated value at the end of the file', start);
  }
}

/** Fields a crossref or xdata parent passes on when the child does not have them. */
function inherit(entries: BibEntry[], problem: (line: number, message: string) => void): void {
  const byKey = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
  const resolving = new Set<BibEntry>();
  const resolve = (entry: BibEntry) => {
    if (resolving.has(entry)) return;
    resolving.add(entry);
    const parents = [
      ...(entry.fields.xdata ?? '').split(',').map((k) => k.trim()).filter((k) => k),
      ...(entry.fields.crossref ? [entry.fields.crossref.trim()] : []),
    ];
    for (const parentKey of parents) {
      const parent = byKey.get(parentKey.toLowerCase());
      if (!parent) {
        problem(entry.line, `@${entry.key} refers to "${parentKey}", which is not in this file`);
        continue;
      }
      resolve(parent);
      for (const [name, value] of Object.entries(parent.fields)) {
        if (name === 'ids' || name === 'crossref' || name === 'xdata') continue;
        // A parent's title is the child's book title (BibLaTeX's inheritance rule).
        const target = name === 'title' && entry.fields.title !== undefined ? 'booktitle' : name;
        if (entry.fields[target] === undefined) entry.fields[target] = value;
      }
    }
  };
  entries.forEach(resolve);
}

/** "Knuth, Donald E. and {Some Consortium} and van der Berg, Jr, Anna and others". */
export function parseNames(value: string): { authors: Author[]; others: boolean } {
  const authors: Author[] = [];
  let others = false;
  for (const raw of splitTopLevel(value, /\s+and\s+/i)) {
    const name = raw.trim();
    if (!name) continue;
    if (name.toLowerCase() === 'others') {
      others = true;
      continue;
    }
    if (/^\{[^]*\}$/.test(name) && splitTopLevel(name.slice(1, -1), /,/).length >= 1 && balancedWhole(name)) {
      authors.push({ family: latexToUnicode(name.slice(1, -1)) }); // {Corporate Name}
      continue;
    }
    const parts = splitTopLevel(name, /\s*,\s*/);
    let first: string[];
    let vonLast: string[];
    let jr: string | undefined;
    if (parts.length === 1) {
      const words = splitTopLevel(name, /\s+/);
      const vonStart = words.findIndex((w, i) => i < words.length - 1 && isLowercaseWord(w));
      if (vonStart > 0 || (vonStart === 0 && words.length > 1)) {
        first = words.slice(0, vonStart);
        vonLast = words.slice(vonStart);
      } else {
        first = words.slice(0, -1);
        vonLast = words.slice(-1);
      }
    } else {
      vonLast = splitTopLevel(parts[0], /\s+/);
      jr = parts.length > 2 ? parts[1] : undefined;
      first = splitTopLevel(parts[parts.length - 1], /\s+/);
    }
    const author: Author = { family: latexToUnicode(vonLast.join(' ')) };
    const given = latexToUnicode(first.join(' '));
    if (given) author.given = given;
    if (jr) author.suffix = latexToUnicode(jr);
    authors.push(author);
  }
  return { authors, others };
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
  const letter = latexToUnicode(word).match(/\p{L}/u)?.[0];
  return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
}

/** Splits on a separator only outside braces. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  if (!text.includes('{')) return text.split(separator).filter((p) => p.trim() !== '');
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const global = new RegExp(separator.source, separator.flags.includes('g') ? separator.flags : separator.flags + 'g');
  const depthAt: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    depthAt[i] = depth;
  }
  for (const match of text.matchAll(global)) {
    const index = match.index!;
    if ((index === 0 ? 0 : depthAt[index - 1]) !== 0) continue;
    parts.push(text.slice(start, index));
    start = index + match[0].length;
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
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

/** The journal or proceedings (a crossref parent's title arrives as booktitle), else the publisher. */
function venueOf(f: Record<string, string>): string | undefined {
  const venue = f.journaltitle ?? f.journal ?? (f.title !== undefined ? f.booktitle : undefined) ?? f.publisher ?? f.school ?? f.institution;
  return venue ? latexToUnicode(venue) || undefined : undefined;
}

export function parseBibtex(text: string, file: string): ParseResult {
  const { entries, problems } = parseBibEntries(text, file);
  inherit(entries, (line, message) => problems.push({ file, line, severity: 'warning', message }));
  const records: PaperRecord[] = [];
  for (const entry of entries) {
    if (entry.type === 'xdata') continue; // a container of shared fields, not a paper
    const f = entry.fields;
    const title = latexToUnicode(f.title ?? f.booktitle ?? '');
    if (!title) {
      problems.push({ file, line: entry.line, severity: 'warning', message: `@${entry.key} has no title; skipped` });
      continue;
    }
    const names = f.author ? parseNames(f.author) : f.editor ? parseNames(f.editor) : undefined;
    const abstract = f.abstract ? latexToUnicode(f.abstract) : undefined;
    const links = linksOf(f);
    const topics: TopicRef[] = (f.keywords ?? f.keyword ?? '')
      .split(/[,;]/)
      .map((k) => latexToUnicode(k))
      .filter((k) => k)
      .map((k) => ({ kind: 'keyword' as const, path: [k] }));
    const urls = [...links.urls];
    for (const url of abstract ? findUrls(abstract) : []) if (!urls.includes(url)) urls.push(url);
    records.push({
      title,
      authors: names && names.authors.length > 0 ? names.authors : undefined,
      // "and others" says there are more authors than named: the count is then unknown.
      authorCount: names && !names.others && names.authors.length > 0 ? names.authors.length : undefined,
      date: parseDate(f),
      abstract,
      venue: venueOf(f),
      pages: f.pages ? latexToUnicode(f.pages) : undefined,
      urls,
      topics,
      source: { file, line: entry.line },
      ownKey: entry.key,
      ids: { doi: links.doi, arxiv: links.arxiv },
    });
  }
  return { records, problems };
}
