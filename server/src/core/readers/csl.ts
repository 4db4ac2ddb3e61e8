// CSL-JSON (Zotero, Better BibTeX, pandoc): an array of items with id, title, author,
// issued, abstract, DOI, URL, keyword.
import type { Author, PaperDate, PaperRecord, ParseResult, Problem, Publication } from '../corpus/model';
import { findUrls } from '../text';

export function parseCslJson(text: string, file: string): ParseResult {
  const problems: Problem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const offset = jsonErrorOffset(text, (error as Error).message);
    const line = offset === undefined ? 1 : text.slice(0, offset).split('\n').length;
    return { records: [], problems: [{ file, line, severity: 'error', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const items = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.items) ? (data.items as unknown[]) : undefined;
  if (!items) return { records: [], problems: [{ file, line: 1, severity: 'error', message: 'CSL-JSON is an array of items (or { "items": [...] })' }] };

  const lines = itemLines(text, items.length);
  const records: PaperRecord[] = [];
  const firstLineOfId = new Map<string, number>();
  items.forEach((raw, index) => {
    const line = lines[index] ?? 1;
    const warn = (message: string) => problems.push({ file, line, severity: 'warning', message: `item ${index + 1}: ${message}` });
    if (!isObject(raw)) {
      warn(`is ${raw === null ? 'null' : typeof raw}, not an object; skipped`);
      return;
    }
    try {
      const record = toRecord(raw, file, line, warn);
      if (record.ownKey !== undefined) {
        const first = firstLineOfId.get(record.ownKey);
        if (first !== undefined) {
          warn(`duplicate id "${record.ownKey}" (first at ${file}:${first}); only the first answers to it`);
          problems.push({ file, line: first, severity: 'warning', message: `id "${record.ownKey}" is given again at ${file}:${line}` });
          record.ownKey = undefined;
        } else firstLineOfId.set(record.ownKey, line);
      }
      records.push(record);
    } catch (error) {
      warn(`could not be read (${(error as Error).message}); skipped`);
    }
  });
  return { records, problems };
}

type Warn = (message: string) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text field as text: a number is read as its digits, a list as its items; anything else is skipped with a warning. */
function textOf(item: Record<string, unknown>, field: string, warn: Warn, join = ', '): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(join).trim() || undefined;
  warn(`"${field}" is ${Array.isArray(value) ? 'a list' : typeof value}, not text; ignored`);
  return undefined;
}

function toRecord(item: Record<string, unknown>, file: string, line: number, warn: Warn): PaperRecord {
  const id = textOf(item, 'id', warn);
  let title = textOf(item, 'title', warn, ' ');
  const names = namesOf(item.author, 'author', warn) ?? namesOf(item.editor, 'editor', warn) ?? [];
  // Pandoc cites an item without a title: it stays, shown with what it has.
  const untitled = !title;
  if (!title) title = textOf(item, 'container-title', warn, ' ') ?? textOf(item, 'title-short', warn, ' ') ?? (id ? `Untitled (${id})` : 'Untitled');
  const doi = textOf(item, 'DOI', warn)?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  const url = textOf(item, 'URL', warn, ' ') ?? '';
  const abstract = textOf(item, 'abstract', warn, ' ');
  const urls: string[] = [];
  if (doi) urls.push(`https://doi.org/${doi}`);
  for (const found of [...findUrls(url), ...findUrls(abstract ?? '')]) if (!urls.includes(found)) urls.push(found);
  const arxiv = /arxiv\.org\/abs\/([^\s/?#]+)/i.exec(url)?.[1]?.replace(/v\d+$/, '');
  const record: PaperRecord = {
    title,
    authors: names.length > 0 ? names : undefined,
    authorCount: names.length > 0 ? names.length : undefined,
    date: toDate(item.issued, warn),
    abstract,
    venue: untitled ? undefined : textOf(item, 'container-title', warn, ' '),
    pages: textOf(item, 'page', warn),
    publication: publicationOf(item, warn),
    urls,
    topics: (textOf(item, 'keyword', warn) ?? '').split(/[,;]/).map((k) => k.trim()).filter((k) => k).map((k) => ({ kind: 'keyword' as const, path: [k] })),
    source: { file, line },
    ownKey: id,
    ids: { doi: doi?.toLowerCase(), arxiv },
  };
  if (untitled) record.untitled = true;
  return record;
}

/** Type, volume, issue and publisher, for formatting the reference; undefined when none is given. */
function publicationOf(item: Record<string, unknown>, warn: Warn): Publication | undefined {
  const publication: Publication = {
    type: textOf(item, 'type', warn),
    volume: textOf(item, 'volume', warn),
    issue: textOf(item, 'issue', warn),
    publisher: textOf(item, 'publisher', warn, ' '),
    publisherPlace: textOf(item, 'publisher-place', warn, ' '),
  };
  return Object.values(publication).some((v) => v !== undefined) ? publication : undefined;
}

/** A list of CSL names; a single name object or a plain string ("Doe, Jane and Roe, R.") is read too. */
function namesOf(value: unknown, field: string, warn: Warn): Author[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const authors: Author[] = [];
  for (const name of list) {
    if (typeof name === 'string') {
      for (const part of name.split(/\s+and\s+|;/)) if (part.trim()) authors.push(plainName(part.trim()));
    } else if (isObject(name)) {
      const author = toAuthor(name);
      if (author) authors.push(author);
    } else if (name !== null) warn(`a name in "${field}" is ${typeof name}; ignored`);
  }
  return authors.length > 0 ? authors : undefined;
}

/** "Doe, Jane" or "Jane Doe". */
function plainName(text: string): Author {
  const comma = text.indexOf(',');
  if (comma > 0) {
    const given = text.slice(comma + 1).trim();
    return given ? { family: text.slice(0, comma).trim(), given } : { family: text.slice(0, comma).trim() };
  }
  const words = text.split(/\s+/);
  return words.length > 1 ? { family: words[words.length - 1], given: words.slice(0, -1).join(' ') } : { family: text };
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() || undefined : typeof value === 'number' ? String(value) : undefined;

/**
 * Where JSON.parse failed: older engines say "at position N"; V8 11 quotes the text around the
 * error instead ('..."title": }\n]" is not valid JSON'), ten characters before it.
 */
export function jsonErrorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const quoted = /, (\.\.\.)?"([^]*?)(\.\.\.)?" is not valid JSON/.exec(message);
  if (!quoted) return undefined;
  const at = text.indexOf(quoted[2]);
  if (at < 0) return undefined;
  return quoted[1] ? at + Math.min(10, quoted[2].length) : at;
}

function toAuthor(name: Record<string, unknown>): Author | undefined {
  const literal = str(name.literal);
  if (literal) return { family: literal };
  const family = str(name.family);
  const given = str(name.given);
  if (!family) return given ? { family: given } : undefined;
  const particle = [str(name['dropping-particle']), str(name['non-dropping-particle'])].filter((p) => p).join(' ');
  const author: Author = { family: particle ? `${particle} ${family}` : family };
  if (given) author.given = given;
  const suffix = str(name.suffix);
  if (suffix) author.suffix = suffix;
  return author;
}

/** `issued` as CSL writes it ({ "date-parts": [[2020, 3]] }, raw, literal), or as a string or a year. */
function toDate(issued: unknown, warn: Warn): PaperDate {
  if (issued === undefined || issued === null) return {};
  if (typeof issued === 'string' || typeof issued === 'number') return fromText(String(issued));
  if (!isObject(issued)) {
    warn('"issued" is not a date; ignored');
    return {};
  }
  const parts = issued['date-parts'];
  const first = Array.isArray(parts) ? (Array.isArray(parts[0]) ? parts[0] : parts) : undefined;
  if (first && first.length > 0 && Number.isFinite(Number(first[0])) && first[0] !== null && first[0] !== '') {
    const [year, month, day] = first.map(Number);
    const date: PaperDate = { year };
    if (month >= 1 && month <= 12) date.month = month;
    if (date.month && day >= 1 && day <= 31) date.day = day;
    return date;
  }
  if (typeof parts === 'string') return fromText(parts);
  return fromText(str(issued.raw) ?? str(issued.literal) ?? '');
}

function fromText(text: string): PaperDate {
  const raw = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(text.trim());
  if (!raw) return {};
  const date: PaperDate = { year: Number(raw[1]) };
  if (raw[2] && Number(raw[2]) >= 1 && Number(raw[2]) <= 12) date.month = Number(raw[2]);
  if (date.month && raw[3] && Number(raw[3]) >= 1 && Number(raw[3]) <= 31) date.day = Number(raw[3]);
  return date;
}

/** The line each item starts on: JSON.parse does not say, so the top-level objects are found by scanning. */
function itemLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (c === '{' && depth === 1) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
  }
  return lines;
}
