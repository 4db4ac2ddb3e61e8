// Formatted citations and reference lists with citeproc-js (the CSL processor Zotero uses),
// from CSL-JSON items and a CSL style. Pure: style, locale and items come in as data.
import CSL, { type Citation, type CitationItem, type Engine } from 'citeproc';
import { paperToCsl, type CslItem } from './export';
import { locatorLabels, parseLocator } from '../pandoc/locators';

export { paperToCsl, type CslItem, parseLocator, locatorLabels };

/** One cited item as Pandoc writes it: `[see @key, p. 33]`. */
export interface CiteItem {
  key: string;
  prefix?: string;
  suffix?: string;
  /** [-@key]: the author is left out. */
  suppressAuthor?: boolean;
}

/** `[@a; @b]` (bracketed) or `@a` written in the sentence (in-text). */
export interface CitationCluster {
  items: CiteItem[];
  inText: boolean;
}

export interface StyleFiles {
  style: string;
  locale: string;
}

export interface RenderedCitations {
  /** HTML of each cluster, in order. */
  citations: string[];
  /** HTML of each reference-list entry (`<div class="csl-entry">`), in the style's order. */
  bibliography: string[];
  /** The keys of the bibliography entries, in the same order. */
  bibliographyKeys: string[];
}

/** Markdown emphasis in a prefix or suffix (`*passim*`) as the markup citeproc-js reads (it escapes the rest). */
const affixMarkup = (text: string) =>
  text.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '<b>$2</b>').replace(/([*_])(?=\S)(.+?)(?<=\S)\1/g, '<i>$2</i>');

/** A suffix without a locator is set off by a comma unless it starts with punctuation (pandoc). */
const withComma = (suffix: string) => (/^[\p{L}\p{N}]/u.test(suffix) ? `, ${suffix}` : suffix);

/**
 * Hyphens between the parts of a locator as the en dashes of ranges, as pandoc writes them
 * ("D–Z", "(xv)–(xvii)"); citeproc-js makes dashes of numeric ranges only.
 */
const rangeDashes = (locator: string) => locator.replace(/(?<=[\p{L}\p{N})\]])-(?=[\p{L}\p{N}([])/gu, '–');

interface CachedEngine {
  engine: Engine;
  items: Map<string, CslItem>;
  /**
   * The items of the engine's registry until it is updated: citeproc re-reads some of them
   * while replacing them, after `items` has moved on to the next document.
   */
  registeredItems?: Map<string, CslItem>;
  /** The document state (cited and uncited items, their data) the engine's registry holds now. */
  registered?: string;
  /** Whether citeproc's own uncited list may hold items (see register in renderCitations). */
  uncited?: boolean;
  /** Rendered citations and reference list for one document state (see renderCitations). */
  rendered?: RenderedState;
}

/**
 * What a document state rendered to: each citation's HTML by its content, and the reference
 * list. With the same items cited, a citation renders the same wherever it stands (for styles
 * without position tests), so a keystroke in a long note renders only what it changed.
 */
interface RenderedState {
  state: string;
  citations: Map<string, string>;
  bibliography?: ReturnType<Engine['makeBibliography']>;
}
const MAX_CACHED_CITATIONS = 20_000;

/**
 * One engine per style, reused: building one reads and compiles the whole style (about a second
 * for APA), while rendering a note's citations with a built one takes milliseconds.
 */
const engines = new Map<string, CachedEngine>();
const MAX_ENGINES = 4;

/** Whether the engine for these files is built already (a hover must not wait for one). */
export function hasEngine(files: StyleFiles): boolean {
  return engines.has(files.style + '\u0000' + files.locale);
}

/** Builds the engine for a style ahead of its first use. */
export function prepareEngine(files: StyleFiles): void {
  engine(files, new Map());
}

function engine(files: StyleFiles, items: Map<string, CslItem>): Engine {
  return cachedEngine(files, items).engine;
}

function cachedEngine(files: StyleFiles, items: Map<string, CslItem>): CachedEngine {
  const cacheKey = files.style + '\u0000' + files.locale;
  let cached = engines.get(cacheKey);
  if (!cached) {
    const holder: CachedEngine = { engine: undefined as unknown as Engine, items };
    const sys = {
      // Only en-US ships; a style's sections for other languages fall back to it.
      retrieveLocale: (lang: string) => (lang === 'en-US' ? files.locale : (undefined as unknown as string)),
      retrieveItem: (id: string) => holder.items.get(id) ?? holder.registeredItems?.get(id),
    };
    holder.engine = new CSL.Engine(sys, files.style, 'en-US', true);
    if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
    engines.set(cacheKey, (cached = holder));
  }
  cached.items = items;
  return cached;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What an unknown key shows: `@key?`, as Pandoc marks a missing one. */
export function unknownCitationHtml(key: string): string {
  return `<span class="citation-unknown">@${escapeHtml(key)}?</span>`;
}

/**
 * Every cluster of a document rendered in the style, and its reference list (cited items, then
 * `nocite` ones; "*" in nocite means every item given). Unknown keys render as `@key?`.
 */
export function renderCitations(clusters: CitationCluster[], items: Map<string, CslItem>, files: StyleFiles, nocite: string[] = []): RenderedCitations {
  const cache = cachedEngine(files, items);
  const proc = cache.engine;
  proc.setOutputFormat('html');
  const labels = locatorLabels(files.locale);
  const citations: Citation[] = [];
  // Each cluster becomes one or two citeproc citations (in-text: author, then the rest).
  const parts: { ids: string[]; unknown: string[]; inText: boolean }[] = [];
  clusters.forEach((cluster, index) => {
    const known = cluster.items.filter((c) => items.has(c.key));
    const unknown = cluster.items.filter((c) => !items.has(c.key)).map((c) => c.key);
    const ids: string[] = [];
    const cite = (c: CiteItem, extra: Partial<CitationItem>): CitationItem => {
      const located = parseLocator(c.suffix ?? '', labels);
      const suffix = located.locator ? located.suffix : withComma(located.suffix);
      return {
        id: c.key,
        ...(c.prefix?.trim() ? { prefix: affixMarkup(c.prefix.trim()) + ' ' } : {}),
        ...(suffix.trim() ? { suffix: affixMarkup(suffix) } : {}),
        ...(located.locator ? { locator: rangeDashes(located.locator), label: located.label } : {}),
        ...(c.suppressAuthor ? { 'suppress-author': true } : {}),
        ...extra,
      };
    };
    // As pandoc: a cluster keeps its written order when an item after the first has a prefix
    // (`[see @a; also @b]`); an in-text one always does (its first item is the author named).
    const unsorted = cluster.inText || known.slice(1).some((c) => c.prefix?.trim());
    const properties = { noteIndex: 0, ...(unsorted ? { unsorted: true } : {}) };
    if (known.length > 0 && cluster.inText) {
      citations.push({ citationID: `c${index}a`, citationItems: [{ id: known[0].key, 'author-only': true }], properties: { noteIndex: 0 } });
      citations.push({ citationID: `c${index}b`, citationItems: known.map((c, i) => cite(c, i === 0 ? { 'suppress-author': true } : {})), properties });
      ids.push(`c${index}a`, `c${index}b`);
    } else if (known.length > 0) {
      citations.push({ citationID: `c${index}`, citationItems: known.map((c) => cite(c, {})), properties });
      ids.push(`c${index}`);
    }
    parts.push({ ids, unknown, inText: cluster.inText });
  });
  const cited = [...new Set(clusters.flatMap((c) => c.items.map((i) => i.key)).filter((k) => items.has(k)))];
  const isCited = new Set(cited);
  const uncited = [...new Set(nocite.includes('*') ? items.keys() : nocite)].filter((k) => items.has(k) && !isCited.has(k));
  const state = JSON.stringify([cited, uncited, cited.map((k) => items.get(k)), uncited.map((k) => items.get(k))]);
  if (cache.rendered?.state !== state) cache.rendered = { state, citations: new Map() };
  const done = cache.rendered;
  /** The engine's registry as this document needs it (a hover's reference may have changed it). */
  const register = () => {
    if (cache.registered === state) return;
    // Nocite items are registered as cited ones: the "uncited" list is purged against the last
    // citation citeproc processed (not this document's), and both render the same. The registry
    // is emptied first: replacing one document's items by another's in place left citeproc's
    // disambiguation pools naming deleted items (a crash, found by comparing random documents).
    if (cache.uncited) proc.updateUncitedItems([]);
    proc.updateItems([]);
    proc.updateItems([...cited, ...uncited]);
    cache.uncited = false;
    cache.registered = state;
    cache.registeredItems = items;
  };
  const rendered = new Map<string, string>();
  if (proc.opt.update_mode === CSL.POSITION) {
    // "ibid", "subsequent": a citation depends on those before it, so the whole document goes
    // through citeproc's own bookkeeping (quadratic in the number of citations).
    // Emptied first, as register() does; rebuildProcessorState registers the items itself.
    if (cache.uncited) proc.updateUncitedItems([]);
    proc.updateItems([]);
    if (citations.length > 0) for (const [id, , html] of proc.rebuildProcessorState(citations, 'html', uncited)) rendered.set(id, html);
    else proc.updateUncitedItems(uncited);
    cache.uncited = uncited.length > 0;
    cache.registered = state;
    cache.registeredItems = items;
  } else {
    // Each citation alone, with every item already registered (disambiguation is the
    // registry's): linear, where rebuildProcessorState re-walks all earlier citations for each.
    for (const citation of citations) {
      const content = JSON.stringify([citation.citationItems, citation.properties]);
      let html = done.citations.get(content);
      if (html === undefined) {
        register();
        const answer = proc.processCitationCluster(citation, [], [], CSL.ASSUME_ALL_ITEMS_REGISTERED)[1];
        html = answer.find((entry) => entry[2] === citation.citationID)?.[1] ?? '';
        if (done.citations.size >= MAX_CACHED_CITATIONS) done.citations.clear();
        done.citations.set(content, html);
      }
      rendered.set(citation.citationID, html);
    }
  }
  const html = parts.map((part) => {
    const known = part.ids.map((id) => rendered.get(id) ?? '').join(' ');
    const missing = part.unknown.map(unknownCitationHtml).join('; ');
    return [known, missing].filter((s) => s).join(part.inText ? ' ' : '; ');
  });
  if (done.bibliography === undefined) {
    register();
    done.bibliography = cited.length + uncited.length > 0 ? proc.makeBibliography() : false;
  }
  const bibliography = done.bibliography;
  return {
    citations: html,
    bibliography: bibliography ? bibliography[1].map((entry) => entry.trim()) : [],
    bibliographyKeys: bibliography ? bibliography[0].entry_ids.map((ids) => ids[0]) : [],
  };
}

/** One reference as plain text in the style, for a hover: "Lim, J. (2024). Title. ..." */
export function formatReference(item: CslItem, files: StyleFiles): string {
  const cache = cachedEngine(files, new Map([[item.id, item]]));
  const proc = cache.engine;
  cache.registered = undefined;
  cache.uncited = false;
  proc.setOutputFormat('text');
  // Emptied first, as in renderCitations.
  proc.updateUncitedItems([]);
  proc.updateItems([]);
  proc.updateItems([item.id]);
  cache.registeredItems = cache.items;
  const bibliography = proc.makeBibliography();
  proc.setOutputFormat('html');
  return bibliography ? bibliography[1].join(' ').replace(/\s+/g, ' ').trim() : '';
}
