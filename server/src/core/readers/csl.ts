// CSL-JSON (Zotero, Better BibTeX, pandoc): an array of items with id, title, author,
// issued, abstract, DOI, URL, keyword.
import type { Author, PaperDate, PaperRecord, ParseResult, Problem } from '../corpus/model';
import { findUrls } from '../text';

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}

interface CslItem {
  id?: string | number;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; raw?: string; literal?: string };
  abstract?: string;
  DOI?: string;
  URL?: string;
  keyword?: string;
  'container-title'?: unknown;
  page?: unknown;
}

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
  const items = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
  if (!items) return { records: [], problems: [{ file, line: 1, severity: 'error', message: 'CSL-JSON is an array of items (or { "items": [...] })' }] };

  const lines = itemLines(text, items.length);
  const records: PaperRecord[] = [];
  items.forEach((raw, index) => {
    const line = lines[index] ?? 1;
    const item = raw as CslItem;
    if (typeof item !== 'object' || item === null || typeof item.title !== 'string' || !item.title.trim()) {
      problems.push({ file, line, severity: 'warning', message: `item ${index + 1} has no title; skipped` });
      return;
    }
    const names = (item.author ?? item.editor ?? []).map(toAuthor).filter((a): a is Author => a !== undefined);
    const doi = item.DOI?.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
    const urls: string[] = [];
    if (doi) urls.push(`https://doi.org/${doi}`);
    for (const url of [...findUrls(item.URL ?? ''), ...findUrls(item.abstract ?? '')]) if (!urls.includes(url)) urls.push(url);
    const arxiv = /arxiv\.org\/abs\/([^\s/?#]+)/i.exec(item.URL ?? '')?.[1]?.replace(/v\d+$/, '');
    records.push({
      title: item.title.trim(),
      authors: names.length > 0 ? names : undefined,
      authorCount: names.length > 0 ? names.length : undefined,
      date: toDate(item.issued),
      abstract: item.abstract?.trim() || undefined,
      venue: typeof item['container-title'] === 'string' ? item['container-title'].trim() || undefined : undefined,
      pages: typeof item.page === 'string' || typeof item.page === 'number' ? String(item.page) : undefined,
      urls,
      topics: (item.keyword ?? '').split(/[,;]/).map((k) => k.trim()).filter((k) => k).map((k) => ({ kind: 'keyword' as const, path: [k] })),
      source: { file, line },
      ownKey: item.id !== undefined ? String(item.id) : undefined,
      ids: { doi: doi?.toLowerCase(), arxiv },
    });
  });
  return { records, problems };
}

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

function toAuthor(name: CslName): Author | undefined {
  if (name.literal) return { family: name.literal };
  if (!name.family) return name.given ? { family: name.given } : undefined;
  const particle = [name['dropping-particle'], name['non-dropping-particle']].filter((p) => p).join(' ');
  const author: Author = { family: particle ? `${particle} ${name.family}` : name.family };
  if (name.given) author.given = name.given;
  if (name.suffix) author.suffix = name.suffix;
  return author;
}

function toDate(issued: CslItem['issued']): PaperDate {
  const parts = issued?.['date-parts']?.[0];
  if (parts && parts.length > 0 && Number.isFinite(Number(parts[0]))) {
    const [year, month, day] = parts.map(Number);
    const date: PaperDate = { year };
    if (month >= 1 && month <= 12) date.month = month;
    if (date.month && day >= 1 && day <= 31) date.day = day;
    return date;
  }
  const raw = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(issued?.raw ?? issued?.literal ?? '');
  if (!raw) return {};
  const date: PaperDate = { year: Number(raw[1]) };
  if (raw[2]) date.month = Number(raw[2]);
  if (raw[3]) date.day = Number(raw[3]);
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
