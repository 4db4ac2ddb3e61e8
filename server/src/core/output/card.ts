// The paper card: what a hover, the CLI's `show` and the command palette display.
import type { Author, Paper, PaperDate } from '../corpus/model';
import { MONTH_NAMES } from '../text';
import { latexToUnicode } from '../readers/latex';

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

export interface CitingNote {
  uri: string;
  /** What to call the note: its file name. */
  name: string;
  /** 0-based lines of its citations of the paper. */
  lines: number[];
}

export interface CardExtras {
  /** How many notes cite the paper (known to the server, not the corpus). */
  citedBy?: number;
  /** The notes citing it, for links that open them (Markdown card only). */
  citedIn?: CitingNote[];
  /** Related papers to list under the card. */
  related?: Paper[];
  /** Cut the abstract after this many characters, with a link to the whole card (hovers). */
  abstractLimit?: number;
}

/** The commands a card links to: the client trusts exactly these in hovers and completion. */
export const CARD_COMMANDS = ['litnotes.openNote', 'litnotes.showPaper'] as const;
const MAX_TOPICS = 3;
const MAX_CITING_LINKS = 8;

/** "NeurIPS, pp. 12–34": where the paper appeared, when the source says. */
export function formatVenue(paper: Pick<Paper, 'venue' | 'pages'>): string {
  const pages = paper.pages ? `${/^\d+\s*[-–]+\s*\d+$/.test(paper.pages) ? 'pp.' : 'p.'} ${paper.pages.replace(/\s*[-–]+\s*/, '–')}` : '';
  return [paper.venue ? plainText(paper.venue) : '', pages].filter((s) => s).join(', ');
}

/** At most three topics, by their last label, no weights: what a reader scans for. */
export function cardTopics(paper: Paper): string[] {
  const labels: string[] = [];
  for (const topic of paper.topics) {
    if (topic.kind === 'place') continue;
    const label = plainText(topic.path[topic.path.length - 1] ?? '');
    if (label && !labels.some((l) => l.toLowerCase() === label.toLowerCase())) labels.push(label);
    if (labels.length === MAX_TOPICS) break;
  }
  return labels;
}

/** LaTeX left in titles and abstracts (listings keep it verbatim) as the text it stands for. */
export function plainText(text: string): string {
  return /[\\{}$]/.test(text) ? latexToUnicode(text) : text;
}

/** The card as plain text, for a terminal. */
export function cardText(paper: Paper, extras: CardExtras = {}): string {
  const lines = [plainText(paper.title), `@${paper.key}`, formatAuthors(paper), formatDate(paper.date)];
  const venue = formatVenue(paper);
  if (venue) lines.push(venue);
  // The hover's three topics by their last label, no weights (`litnotes show --json` has them all).
  const topics = cardTopics(paper);
  const places = paper.topics.filter((t) => t.kind === 'place');
  if (topics.length > 0) lines.push(`Topics: ${topics.join(' · ')}`);
  if (places.length > 0) lines.push(`Places: ${places.map((t) => t.path[t.path.length - 1]).join('; ')}`);
  if (extras.citedBy !== undefined) lines.push(`Cited in ${extras.citedBy} note${extras.citedBy === 1 ? '' : 's'}`);
  lines.push('', paper.abstract ? plainText(paper.abstract) : '(no abstract)');
  if (paper.urls.length > 0) lines.push('', ...paper.urls.map((u) => `Link: ${u}`));
  if (extras.related && extras.related.length > 0) lines.push('', 'Related:', ...extras.related.map((p) => `  @${p.key}  ${plainText(p.title)}`));
  lines.push('', ...paper.sources.map((s) => `Source: ${s.file}:${s.line}`));
  return lines.join('\n');
}

/**
 * The card as Markdown, for a hover, completion documentation and Show Paper: title, authors,
 * date, venue and pages, the abstract, three topics, the notes citing it and related papers as
 * links. Corpus text and keys are untrusted: every character Markdown or HTML could act on is
 * escaped; the only links are http(s) URLs the entry gives and `command:` links to this
 * extension's own commands, whose arguments are URL-encoded JSON.
 */
export function cardMarkdown(paper: Paper, extras: CardExtras = {}): string {
  const byline = [formatAuthors(paper), formatDate(paper.date), formatVenue(paper)].filter((s) => s).map(escapeMarkdown);
  const parts = [`**${escapeMarkdown(plainText(paper.title))}**`, `${byline.join(' · ')} · ${markdownKey(paper.key)}`];
  parts.push(paper.abstract ? escapeMarkdown(cutAbstract(plainText(paper.abstract), paper.key, extras.abstractLimit)) + moreLink(paper, extras.abstractLimit) : '*(no abstract)*');
  const topics = cardTopics(paper);
  if (topics.length > 0) parts.push(`*Topics:* ${topics.map(escapeMarkdown).join(' · ')}`);
  const links = paper.urls.filter(isSafeUrl);
  if (links.length > 0) parts.push(links.map((u) => `[${escapeMarkdown(u)}](${encodeUrl(u)})`).join(' · '));
  if (extras.citedBy !== undefined) parts.push(citedInLine(extras.citedBy, extras.citedIn));
  if (extras.related && extras.related.length > 0) {
    parts.push(`*Related:* ${extras.related.map((p) => commandLink(`${markdownKey(p.key)} ${escapeMarkdown(plainText(p.title))}`, 'litnotes.showPaper', { key: p.key })).join(' · ')}`);
  }
  return parts.join('\n\n');
}

function citedInLine(count: number, notes: CitingNote[] | undefined): string {
  if (count === 0) return '*Not cited in your notes yet*';
  const head = `*Cited in ${count} note${count === 1 ? '' : 's'}*`;
  if (!notes || notes.length === 0) return head;
  const shown = notes.slice(0, MAX_CITING_LINKS).map((note) => {
    const line = note.lines[0] ?? 0;
    return commandLink(`${escapeMarkdown(note.name)}:${line + 1}`, 'litnotes.openNote', { uri: note.uri, line });
  });
  const more = notes.length > shown.length ? ` and ${notes.length - shown.length} more` : '';
  return `${head}: ${shown.join(' · ')}${more}`;
}

function cutAbstract(abstract: string, _key: string, limit: number | undefined): string {
  if (limit === undefined || abstract.length <= limit) return abstract;
  const cut = abstract.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}

function moreLink(paper: Paper, limit: number | undefined): string {
  if (limit === undefined || !paper.abstract || paper.abstract.length <= limit) return '';
  return ` ${commandLink('(whole card)', 'litnotes.showPaper', { key: paper.key })}`;
}

/**
 * A key as Markdown shows it: a code span (a key can hold any character), fenced by more
 * backticks than any run inside it, so nothing in it is a link, an image, HTML or an autolink.
 */
export function markdownKey(key: string): string {
  const text = `@${key}`.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * `[label](command:id?args)` with the label already escaped. The arguments are JSON, fully
 * percent-encoded (parentheses too), so nothing in them can end the link or start another.
 */
export function commandLink(label: string, command: (typeof CARD_COMMANDS)[number], args: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify([args])).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](command:${command}?${encoded})`;
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
