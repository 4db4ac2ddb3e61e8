// The paper card: what a hover, the CLI's `show` and the command palette display.
import type { Author, Paper, PaperDate, TopicRef } from '../corpus/model';
import { MONTH_NAMES } from '../text';

export function formatAuthors(paper: Pick<Paper, 'authors' | 'authorCount'>): string {
  if (paper.authors && paper.authors.length > 0) {
    // Names without a count: the source said "and others".
    return paper.authors.map(formatAuthor).join(', ') + (paper.authorCount === undefined ? ' et al.' : '');
  }
  if (paper.authorCount !== undefined) return `${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'} (names not given)`;
  return 'authors unknown';
}

export function formatAuthor(author: Author): string {
  const name = author.given ? `${author.given} ${author.family}` : author.family;
  return author.suffix ? `${name}, ${author.suffix}` : name;
}

/** "Dec 9, 2024", "Feb 10 (year unknown)", "2021", or "date unknown". */
export function formatDate(date: PaperDate): string {
  const month = date.month !== undefined ? MONTH_NAMES[date.month - 1]?.slice(0, 3) : undefined;
  const monthDay = month ? (date.day !== undefined ? `${month} ${date.day}` : month) : undefined;
  if (date.year !== undefined) return monthDay ? `${monthDay}, ${date.year}` : String(date.year);
  return monthDay ? `${monthDay} (year unknown)` : 'date unknown';
}

/** "Smith 2021", "Smith et al.", "5 authors, 2023": a short label for lists. */
export function shortCredit(paper: Paper): string {
  const first = paper.authors?.[0]?.family;
  const who = first
    ? paper.authors!.length > 2 ? `${first} et al.` : paper.authors!.map((a) => a.family).join(' & ')
    : paper.authorCount !== undefined ? `${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}` : '';
  const year = paper.date.year !== undefined ? String(paper.date.year) : '';
  return [who, year].filter((s) => s).join(', ');
}

export function formatTopic(topic: TopicRef): string {
  const label = topic.path.join(' › ');
  const kind = topic.kind === 'place' ? 'place: ' : topic.kind === 'header' ? 'topic: ' : '';
  return topic.weight !== undefined ? `${kind}${label} (${topic.weight})` : `${kind}${label}`;
}

export interface CardExtras {
  /** How many notes cite the paper (known to the server, not the corpus). */
  citedBy?: number;
  /** Related papers to list under the card. */
  related?: Paper[];
}

/** The card as plain text, for a terminal. */
export function cardText(paper: Paper, extras: CardExtras = {}): string {
  const lines = [paper.title, `@${paper.key}`, formatAuthors(paper), formatDate(paper.date)];
  const subjects = paper.topics.filter((t) => t.kind !== 'place');
  const places = paper.topics.filter((t) => t.kind === 'place');
  if (subjects.length > 0) lines.push(`Topics: ${subjects.map(formatTopic).join('; ')}`);
  if (places.length > 0) lines.push(`Places: ${places.map((t) => t.path[t.path.length - 1]).join('; ')}`);
  if (extras.citedBy !== undefined) lines.push(`Cited in ${extras.citedBy} note${extras.citedBy === 1 ? '' : 's'}`);
  lines.push('', paper.abstract ?? '(no abstract)');
  if (paper.urls.length > 0) lines.push('', ...paper.urls.map((u) => `Link: ${u}`));
  if (extras.related && extras.related.length > 0) lines.push('', 'Related:', ...extras.related.map((p) => `  @${p.key}  ${p.title}`));
  lines.push('', ...paper.sources.map((s) => `Source: ${s.file}:${s.line}`));
  return lines.join('\n');
}

/**
 * The card as Markdown, for a hover. Corpus text is untrusted: every character Markdown or
 * HTML could act on is escaped, and links are only the http(s) URLs the abstract contains.
 */
export function cardMarkdown(paper: Paper, extras: CardExtras = {}): string {
  const parts = [`**${escapeMarkdown(paper.title)}**`, `\`@${paper.key}\` · ${escapeMarkdown(formatAuthors(paper))} · ${escapeMarkdown(formatDate(paper.date))}`];
  const subjects = paper.topics.filter((t) => t.kind !== 'place');
  if (subjects.length > 0) parts.push(`*Topics:* ${subjects.map((t) => escapeMarkdown(formatTopic(t))).join('; ')}`);
  if (extras.citedBy !== undefined) parts.push(`*Cited in ${extras.citedBy} note${extras.citedBy === 1 ? '' : 's'}*`);
  parts.push(paper.abstract ? escapeMarkdown(paper.abstract) : '*(no abstract)*');
  const links = paper.urls.filter(isSafeUrl);
  if (links.length > 0) parts.push(links.map((u) => `[${escapeMarkdown(u)}](${encodeUrl(u)})`).join(' · '));
  if (extras.related && extras.related.length > 0) {
    parts.push(`*Related:* ${extras.related.map((p) => `\`@${p.key}\` ${escapeMarkdown(p.title)}`).join('; ')}`);
  }
  return parts.join('\n\n');
}

/**
 * Escapes what Markdown or HTML would act on inside a paragraph (emphasis, code, links,
 * images, tables, math, raw HTML) and what would start a block at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]|~$<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/^(\s*)([#+\-=]|\d+[.)])/gm, (_, space: string, marker: string) => `${space}\\${marker}`);
}

function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s()<>]+$/.test(url);
}

function encodeUrl(url: string): string {
  return url.replace(/[()<> ]/g, (c) => encodeURIComponent(c));
}
