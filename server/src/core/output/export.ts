// Writing papers back out as a bibliography (BibTeX or CSL-JSON), so pandoc --citeproc can
// render notes that cite them. Only what is known is written.
import type { Author, Paper } from '../corpus/model';

const BIB_SPECIAL = /[\\{}%&#_$^~]/g;

/** Text for a BibTeX field: LaTeX's special characters escaped, capitals protected. */
function bibText(text: string): string {
  const escaped = text.replace(BIB_SPECIAL, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
  // "--", "''" and "``" are ligatures to LaTeX: keep them as the characters they were.
  return escaped.replace(/([-'`])(?=\1)/g, '$1{}');
}

function bibName(author: Author): string {
  const family = author.family.includes(',') || !author.given ? `{${bibText(author.family)}}` : bibText(author.family);
  const parts = [family];
  if (author.suffix) parts.push(bibText(author.suffix));
  if (author.given) parts.push(bibText(author.given));
  return parts.join(', ');
}

export function toBibtex(papers: Paper[]): string {
  return papers
    .map((paper) => {
      const fields: [string, string][] = [['title', `{${bibText(paper.title)}}`]];
      if (paper.authors?.length) fields.push(['author', paper.authors.map(bibName).join(' and ') + (paper.authorCount === undefined ? ' and others' : '')]);
      if (paper.date.year !== undefined) {
        const { year, month, day } = paper.date;
        const two = (n: number) => String(n).padStart(2, '0');
        fields.push(['date', month === undefined ? String(year) : day === undefined ? `${year}-${two(month)}` : `${year}-${two(month)}-${two(day)}`]);
        fields.push(['year', String(year)]);
      }
      if (paper.abstract) fields.push(['abstract', bibText(paper.abstract)]);
      if (paper.ids?.doi) fields.push(['doi', paper.ids.doi]);
      if (paper.ids?.arxiv) fields.push(['eprint', paper.ids.arxiv], ['eprinttype', 'arxiv']);
      const url = paper.urls.find((u) => !u.startsWith('https://doi.org/') && !u.startsWith('https://arxiv.org/abs/'));
      if (url) fields.push(['url', url]);
      const keywords = paper.topics.filter((t) => t.kind === 'keyword').map((t) => t.path.join(' > '));
      if (keywords.length) fields.push(['keywords', bibText(keywords.join(', '))]);
      const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
      return `@${paper.ids?.doi || paper.date.year !== undefined ? 'article' : 'misc'}{${paper.key},\n${body}\n}`;
    })
    .join('\n\n')
    .concat(papers.length ? '\n' : '');
}

export function toCslJson(papers: Paper[]): string {
  const items = papers.map((paper) => {
    const item: Record<string, unknown> = { id: paper.key, type: 'article', title: paper.title };
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
    return item;
  });
  return JSON.stringify(items, null, 2) + '\n';
}
