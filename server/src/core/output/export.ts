// Writing papers back out as a bibliography (BibTeX or CSL-JSON), so pandoc --citeproc can
// render notes that cite them. Only what is known is written.
import type { Author, Paper } from '../corpus/model';

const BIB_SPECIAL = /[\\{}%&#_$^~]/g;

/**
 * Text for a BibTeX field: LaTeX's special characters escaped (so every brace in the output is
 * ours and balanced), line breaks as spaces (a line starting "@type{" inside a value reads as a
 * new entry to recovering parsers).
 */
function bibText(text: string): string {
  const escaped = oneLine(text).replace(BIB_SPECIAL, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
  // "--", "''" and "``" are ligatures to LaTeX: keep them as the characters they were.
  return escaped.replace(/([-'`])(?=\1)/g, '$1{}');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/**
 * A verbatim field (DOI, URL, eprint): written as it is, which LaTeX needs, so whatever could end
 * the field early is removed: backslashes, line breaks, and braces unless they pair up.
 */
function bibVerbatim(text: string): string {
  const plain = oneLine(text).replace(/\\/g, '');
  let depth = 0;
  for (const c of plain) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) break;
  }
  return depth === 0 ? plain : plain.replace(/[{}]/g, '');
}

/** Characters a BibTeX key cannot hold (they end it, or start a comment or a string). */
const KEY_UNSAFE = /[\s,{}()"=#%'~\\]/g;

/** The key as BibTeX can hold it: each unsafe character becomes "_". */
export function bibKey(key: string): string {
  return key.replace(KEY_UNSAFE, '_') || '_';
}

/** "Smith and Jones" as one name must stay one name: braces keep " and " and "," in it. */
function bibNamePart(text: string): string {
  const escaped = bibText(text);
  return /,|\sand\s/i.test(text) ? `{${escaped}}` : escaped;
}

function bibName(author: Author): string {
  const family = author.family.includes(',') || /\sand\s/i.test(author.family) || !author.given ? `{${bibText(author.family)}}` : bibText(author.family);
  const parts = [family];
  if (author.suffix) parts.push(bibNamePart(author.suffix));
  if (author.given) parts.push(bibNamePart(author.given));
  return parts.join(', ');
}

/**
 * Papers as BibTeX entries. Keys are made safe (bibKey) and kept distinct; `renamed` hears of each
 * key that had to change, so a caller can say so.
 */
export function toBibtex(papers: Paper[], renamed: (key: string, written: string) => void = () => {}): string {
  // Keys already safe keep their names; a key made safe must not take one of them.
  const used = new Set(papers.map((p) => p.key).filter((key) => bibKey(key) === key));
  return papers
    .map((paper) => {
      let key = paper.key;
      if (bibKey(key) !== key) {
        key = bibKey(paper.key);
        for (let n = 2; used.has(key); n++) key = `${bibKey(paper.key)}_${n}`;
        used.add(key);
      }
      if (key !== paper.key) renamed(paper.key, key);
      const fields: [string, string][] = [['title', `{${bibText(paper.title)}}`]];
      if (paper.authors?.length) fields.push(['author', paper.authors.map(bibName).join(' and ') + (paper.authorCount === undefined ? ' and others' : '')]);
      if (paper.date.year !== undefined) {
        const { year, month, day } = paper.date;
        const two = (n: number) => String(n).padStart(2, '0');
        fields.push(['date', month === undefined ? String(year) : day === undefined ? `${year}-${two(month)}` : `${year}-${two(month)}-${two(day)}`]);
        fields.push(['year', String(year)]);
      }
      if (paper.abstract) fields.push(['abstract', bibText(paper.abstract)]);
      if (paper.ids?.doi) fields.push(['doi', bibVerbatim(paper.ids.doi)]);
      if (paper.ids?.arxiv) fields.push(['eprint', bibVerbatim(paper.ids.arxiv)], ['eprinttype', 'arxiv']);
      const url = paper.urls.find((u) => !u.startsWith('https://doi.org/') && !u.startsWith('https://arxiv.org/abs/'));
      if (url) fields.push(['url', bibVerbatim(url)]);
      const keywords = paper.topics.filter((t) => t.kind === 'keyword').map((t) => t.path.join(' > '));
      if (keywords.length) fields.push(['keywords', bibText(keywords.join(', '))]);
      const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
      return `@${paper.ids?.doi || paper.date.year !== undefined ? 'article' : 'misc'}{${key},\n${body}\n}`;
    })
    .join('\n\n')
    .concat(papers.length ? '\n' : '');
}

export function toCslJson(papers: Paper[]): string {
  return JSON.stringify(papers.map(cslItemOf), null, 2) + '\n';
}

export type CslItem = { id: string } & Record<string, unknown>;

/**
 * A paper as a CSL-JSON item under the key it was cited with (here, not beside citeproc-js, so
 * the server can make items without loading citeproc: it runs in a worker).
 */
export function paperToCsl(paper: Paper, key = paper.key): CslItem {
  return { ...cslItemOf(paper), id: key };
}

/**
 * A paper as a CSL-JSON item: what a reference list shows (container, volume, issue, pages,
 * publisher, DOI, URL) under the type its source gives, else "article".
 */
export function cslItemOf(paper: Paper): Record<string, unknown> & { id: string } {
  const publication = paper.publication;
  const item: Record<string, unknown> & { id: string } = { id: paper.key, type: publication?.type ?? 'article', title: paper.title };
  if (paper.authors?.length) {
    item.author = paper.authors.map((a) => (a.given || a.suffix ? { family: a.family, given: a.given, suffix: a.suffix } : { literal: a.family }));
  }
  const { year, month, day } = paper.date;
  if (year !== undefined) item.issued = { 'date-parts': [[year, month, day].filter((n) => n !== undefined)] };
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.ids?.doi) item.DOI = paper.ids.doi;
  const url = paper.urls.find((u) => !u.startsWith('https://doi.org/'));
  if (url) item.URL = url;
  const keywords = paper.topics.filter((t) => t.kind === 'keyword').map((t) => t.path.join(' > '));
  if (keywords.length) item.keyword = keywords.join(', ');
  // A BibTeX book's venue is its publisher (for the card): a reference names it once.
  if (paper.venue && paper.venue !== publication?.publisher) item['container-title'] = paper.venue;
  if (publication?.volume) item.volume = publication.volume;
  if (publication?.issue) item.issue = publication.issue;
  if (paper.pages) item.page = paper.pages;
  if (publication?.publisher) item.publisher = publication.publisher;
  if (publication?.publisherPlace) item['publisher-place'] = publication.publisherPlace;
  return item;
}
