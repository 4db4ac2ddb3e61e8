// A markdown-it plugin for Pandoc citations, for VS Code's Markdown preview: `[see @a, p. 3;
// -@b]` and in-text `@a` become formatted citations, and the reference list goes where Pandoc
// puts it (a `::: {#refs}` div, else the end, under a "References" heading unless one exists).
// The formatting itself is a callback (citeproc runs in the language server); until it answers,
// citations show as written. Pure: no editor import.
import type MarkdownIt from 'markdown-it';
import type { PandocMeta } from '../pandoc/meta';
import { readPandocMeta } from '../pandoc/meta';
import { isCrossReference } from '../pandoc/languages';
import { inTextSuffixAt } from '../notes/citations';
import type { CitationCluster, CiteItem, RenderedCitations } from './citeproc';

export type { CitationCluster, PandocMeta };

type StateInline = MarkdownIt.StateInline;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

export interface CitationPreviewOptions {
  /** Formatted citations for the document's clusters, or undefined while they are being made. */
  render(clusters: CitationCluster[], meta: PandocMeta, env: unknown): RenderedCitations | undefined;
}

const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const IN_TEXT = new RegExp(String.raw`@(?:\{([^{}\s]+)\}|(${KEY}))`, 'uy');
const CLUSTER_ITEM = new RegExp(String.raw`^([^@]*?)(-?)@(?:\{([^{}\s]+)\}|(${KEY}))([^@]*)$`, 'su');
const REFS_DIV = /^:::+\s*\{\s*#refs\b[^}]*\}\s*(?:\n:::+\s*)?$/;

/** The items of `[...]` if it is a Pandoc citation, else undefined. */
export function parseCluster(content: string): CiteItem[] | undefined {
  if (!content.includes('@')) return undefined;
  const items: CiteItem[] = [];
  for (const part of content.split(';')) {
    const match = CLUSTER_ITEM.exec(part.trim());
    if (!match) return undefined;
    const [, prefix, dash, braced, plain, suffix] = match;
    if (prefix && /[\p{L}\p{N}_]$/u.test(prefix)) return undefined; // an e-mail address
    const key = braced ?? plain;
    if (isCrossReference(key + (suffix[0] ?? ''))) return undefined;
    items.push({ key, prefix: prefix || undefined, suffix: suffix || undefined, suppressAuthor: dash === '-' });
  }
  return items;
}

function bracketedCitation(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b /* [ */) return false;
  let depth = 0;
  let end = -1;
  for (let i = pos; i < state.posMax; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0 || src[end + 1] === '(' || src[end + 1] === '[') return false; // a link
  const items = parseCluster(src.slice(pos + 1, end));
  if (!items) return false;
  if (!silent) {
    const token = state.push('litnotes_citation', '', 0);
    token.meta = { cluster: { items, inText: false } satisfies CitationCluster, source: src.slice(pos, end + 1) };
  }
  state.pos = end + 1;
  return true;
}

function inTextCitation(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x40 /* @ */) return false;
  // Not inside a word or an e-mail address, nor escaped; after "-", "_" or "*" it is one (pandoc
  // reads `-@key` in a sentence as an in-text citation after a dash, `_@key_` as emphasis).
  if (pos > 0 && /[\p{L}\p{N}.+\\@]/u.test(src[pos - 1])) return false;
  if (pos > 1 && src[pos - 1] === '_' && /[\p{L}\p{N}]/u.test(src[pos - 2])) return false;
  IN_TEXT.lastIndex = pos;
  const match = IN_TEXT.exec(src);
  if (!match) return false;
  const key = match[1] ?? match[2];
  let end = pos + match[0].length;
  if (isCrossReference(key + (src[end] ?? ''))) return false;
  // `@key [p. 3]`: the bracket is the citation's locator (Pandoc: "Key (2024, p. 3)").
  const located = inTextSuffixAt(src, end);
  const suffix = located && located.end <= state.posMax ? located.suffix : undefined;
  if (suffix) end = located!.end;
  const items: CiteItem[] = [{ key, suffix }];
  // `@key [p. 3; @other]`: the bracket goes on with more citations (one cluster: "Key (2024, p. 3; Other, 2020)").
  const more = suffix ? undefined : inTextBracketWithCitations(src, end, state.posMax);
  if (more) {
    items[0].suffix = more.suffix;
    items.push(...more.items);
    end = more.end;
  }
  if (!silent) {
    const token = state.push('litnotes_citation', '', 0);
    token.meta = { cluster: { items, inText: true } satisfies CitationCluster, source: src.slice(pos, end) };
  }
  state.pos = end;
  return true;
}

/**
 * Pandoc's `@key [suffix; @b; @c]` after an in-text citation: a bracket whose first part (no "@")
 * is the key's suffix and whose other parts are citation items. Scans to the bracket's end only.
 */
function inTextBracketWithCitations(src: string, end: number, max: number): { suffix?: string; items: CiteItem[]; end: number } | undefined {
  let open = end;
  while (src[open] === ' ' || src[open] === '\t') open++;
  if (src[open] !== '[') return undefined;
  let close = -1;
  for (let i = open + 1; i < max; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') return undefined;
    else if (c === ']') {
      close = i;
      break;
    }
  }
  if (close < 0 || src[close + 1] === '(' || src[close + 1] === '[') return undefined;
  const content = src.slice(open + 1, close);
  const semicolon = content.indexOf(';');
  if (semicolon < 0 || content.slice(0, semicolon).includes('@')) return undefined;
  const items = parseCluster(content.slice(semicolon + 1));
  if (!items) return undefined;
  const suffix = content.slice(0, semicolon).trim();
  return { suffix: suffix || undefined, items, end: close + 1 };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A DOI or URL in an entry's text (citeproc escapes it: no "<", '"' or space) becomes a link, as
 * pandoc writes it; a trailing full stop or comma stays text.
 */
const ENTRY_URL = /(?<![="\w])https?:\/\/[^\s<>"]+?(?=[.,;:]?(?:\s|<|$))/g;
const linkUrls = (entry: string) => entry.replace(ENTRY_URL, (url) => `<a href="${url}">${url}</a>`);

function bibliographyHtml(rendered: RenderedCitations): string {
  const entries = rendered.bibliography.map((entry, i) => {
    const key = rendered.bibliographyKeys[i];
    const linked = linkUrls(entry);
    return key ? linked.replace(/^<div class="csl-entry">/, `<div id="ref-${escapeHtml(key)}" class="csl-entry" role="doc-biblioentry">`) : linked;
  });
  return `<div id="refs" class="references csl-bib-body hanging-indent" role="doc-bibliography">\n${entries.join('\n')}\n</div>\n`;
}

interface DocumentCitations {
  clusters: CitationCluster[];
  meta: PandocMeta;
}

/** Where the env carries this render's formatted citations (set just before rendering). */
const RENDERED = Symbol('litnotes.citations');
type RenderEnv = { [RENDERED]?: RenderedCitations | null } & Record<string, unknown>;

/**
 * After parsing: number the citations, note the document's clusters and front matter in a
 * hidden token, and put a placeholder for the reference list where Pandoc puts it. Formatting
 * waits for rendering: VS Code parses without the document in env and caches the tokens, while
 * each render gets env.currentDocument.
 */
function collectCitations(state: StateCore): void {
  const clusters: CitationCluster[] = [];
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    for (const child of token.children ?? []) {
      if (child.type !== 'litnotes_citation') continue;
      child.meta.index = clusters.length;
      clusters.push(child.meta.cluster as CitationCluster);
    }
  }
  const meta = readPandocMeta(state.src);
  if (clusters.length === 0 && meta.nocite.length === 0) return;
  const data = new state.Token('litnotes_citations', '', 0);
  data.meta = { clusters, meta } satisfies DocumentCitations;
  data.hidden = true;
  const tokens = state.tokens;
  tokens.unshift(data);
  const refs = new state.Token('litnotes_bibliography', '', 0);
  // A `::: {#refs}` div (a paragraph to markdown-it) is where the list goes.
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].type === 'paragraph_open' && tokens[i + 1].type === 'inline' && REFS_DIV.test(tokens[i + 1].content.trim())) {
      const closesLater = !/\n:::/.test(tokens[i + 1].content) && tokens[i + 4]?.type === 'inline' && /^:::+$/.test(tokens[i + 4].content.trim());
      tokens.splice(i, closesLater ? 6 : 3, refs);
      return;
    }
  }
  const titles = new Set(['references', 'bibliography', meta.referenceSectionTitle?.toLowerCase()].filter((t): t is string => !!t));
  const hasHeading = tokens.some((t, i) => t.type === 'heading_open' && titles.has(tokens[i + 1]?.content.trim().toLowerCase()));
  refs.meta = { heading: hasHeading ? undefined : meta.referenceSectionTitle ?? 'References' };
  tokens.push(refs);
}

function format(tokens: Token[], env: RenderEnv, options: CitationPreviewOptions): RenderedCitations | null {
  const data = tokens.find((t) => t.type === 'litnotes_citations')?.meta as DocumentCitations | undefined;
  let rendered: RenderedCitations | null = null;
  try {
    rendered = data ? options.render(data.clusters, data.meta, env) ?? null : null;
  } catch {
    rendered = null; // citations stay as written; the preview itself never breaks
  }
  return rendered;
}

/**
 * YAML front matter at the top is metadata, not text (VS Code's own front-matter rule usually
 * takes it first; this one keeps its "@key" lines from being read as citations elsewhere).
 */
function frontMatter(state: MarkdownIt.StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.src.slice(0, 4).replace('\r', '') !== '---\n') return false;
  for (let line = 1; line < state.lineMax; line++) {
    const text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
    if (/^(---|\.\.\.)\s*$/.test(text)) {
      if (!silent) state.push('litnotes_front_matter', '', 0).hidden = true;
      state.line = line + 1;
      return true;
    }
  }
  return false;
}

export function citationPreviewPlugin(md: MarkdownIt, options: CitationPreviewOptions): void {
  md.block.ruler.before('hr', 'litnotes_front_matter', frontMatter);
  md.renderer.rules.litnotes_front_matter = () => '';
  md.inline.ruler.before('link', 'litnotes_citation_bracketed', bracketedCitation);
  md.inline.ruler.before('link', 'litnotes_citation_intext', inTextCitation);
  md.core.ruler.push('litnotes_citations', collectCitations);
  // Each render formats afresh with that render's env (a fresh object per render).
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, renderOptions, env) => {
    const renderEnv = (env ?? {}) as RenderEnv;
    renderEnv[RENDERED] = format(tokens, renderEnv, options);
    return render(tokens, renderOptions, renderEnv);
  };
  md.renderer.rules.litnotes_citations = () => '';
  md.renderer.rules.litnotes_citation = (tokens, idx, _options, env) => {
    const { cluster, source, index } = tokens[idx].meta as { cluster: CitationCluster; source: string; index: number };
    const html = (env as RenderEnv)[RENDERED]?.citations[index];
    const keys = escapeHtml(cluster.items.map((i) => i.key).join(' '));
    return `<span class="citation" data-cites="${keys}">${html ?? escapeHtml(source)}</span>`;
  };
  md.renderer.rules.litnotes_bibliography = (tokens, idx, _options, env) => {
    const rendered = (env as RenderEnv)[RENDERED];
    if (!rendered || rendered.bibliography.length === 0) return '';
    const heading = (tokens[idx].meta as { heading?: string } | null)?.heading;
    return (heading ? `<h2 class="references-title">${escapeHtml(heading)}</h2>\n` : '') + bibliographyHtml(rendered);
  };
}
