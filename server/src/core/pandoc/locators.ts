// Pandoc's reading of a citation's suffix: `[@key, pp. 33-35, 38-39 and passim]` is the locator
// "33-35, 38-39" labelled "page", then the suffix " and passim". As pandoc does, the labels are
// the locale's own terms for the locator kinds (long, short and symbol forms, singular and
// plural: "chapter", "chap.", "chaps.", "c.", "§", …), a bare number is a page, and a locator in
// braces (`@key{ii, A, D-Z}`, `{chap. 3a}`) is taken as written.

/** The CSL locator kinds pandoc recognises (the locale's terms of these names are the labels). */
const LOCATOR_TERMS = ['book', 'chapter', 'column', 'figure', 'folio', 'issue', 'line', 'note', 'opus', 'page', 'paragraph', 'part', 'section', 'sub verbo', 'sub-verbo', 'verse', 'volume'];

export type LocatorLabels = ReadonlyMap<string, string>;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]).trim();

const labelCache = new Map<string, LocatorLabels>();

/** Every written form of the locator terms in a CSL locale file, lowercased, to its CSL label. */
export function locatorLabels(localeXml: string): LocatorLabels {
  const cached = labelCache.get(localeXml);
  if (cached) return cached;
  const labels = new Map<string, string>();
  // "page" is listed before "number-of-pages" would be, and wins "p." (pandoc's order).
  for (const match of localeXml.matchAll(/<term\b([^>]*?)(?:\/>|>([\s\S]*?)<\/term>)/g)) {
    const name = /\bname="([^"]*)"/.exec(match[1])?.[1];
    if (!name || !LOCATOR_TERMS.includes(name) || match[2] === undefined) continue;
    const label = name === 'sub verbo' ? 'sub-verbo' : name;
    const forms = [...match[2].matchAll(/<(?:single|multiple)>([\s\S]*?)<\/(?:single|multiple)>/g)].map((m) => m[1]);
    for (const form of forms.length > 0 ? forms : [match[2]]) {
      const text = decodeXml(form).toLowerCase();
      if (text && !(labels.get(text) === 'page' && label !== 'page')) labels.set(text, label);
    }
  }
  if (labelCache.size > 8) labelCache.clear();
  labelCache.set(localeXml, labels);
  return labels;
}

export interface Located {
  label?: string;
  locator?: string;
  /** What follows the locator (or the whole suffix when there is none). */
  suffix: string;
}

const ROMAN = /^(?=[mdclxvi])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;
/**
 * One locator word: letters and digits, with "-", "–" and ":" inside a range (`33-35`, `2:14`),
 * dotted parts (`3.2`), and bracketed parts (`34(1)(a)`, `[17]`).
 */
const WORD = /^(?:[^\s\p{P}\p{S}]|[-–:]|\.(?=[^\s\p{P}\p{S}])|\([^\s()]*\)|\[[^\s[\]]*\])+/u;

/** A locator word at `from` (after an optional "," and spaces when not the first). */
function locatorWord(text: string, from: number, first: boolean, needDigits: boolean): { end: number } | undefined {
  let i = from;
  if (!first && text[i] === ',') i++;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\u00a0') i++;
  const word = WORD.exec(text.slice(i))?.[0];
  if (!word) return undefined;
  const digits = /\p{N}/u.test(word);
  if (!digits && (needDigits || !word.split(/[-–.():[\]]/).some((part) => ROMAN.test(part)))) return undefined;
  return { end: i + word.length };
}

/** The locator words from `from`: where they end, or undefined when there is none. */
function locatorWords(text: string, from: number, needDigits: boolean): number | undefined {
  let word = locatorWord(text, from, true, needDigits);
  if (!word) return undefined;
  let end = word.end;
  while ((word = locatorWord(text, end, false, needDigits))) end = word.end;
  return end;
}

/** The longest label written at `from` that a locator follows: [label, where it ends]. */
function labelAt(text: string, from: number, labels: LocatorLabels): [string, number] | undefined {
  for (let end = Math.min(text.length, from + 24); end > from; end--) {
    const label = labels.get(text.slice(from, end).trim().toLowerCase());
    if (!label) continue;
    // The label is a whole word: a letter may not go on into the locator ("pages", not "p" + "ages").
    if (/\p{L}/u.test(text[end - 1]) && /\p{L}/u.test(text[end] ?? '')) continue;
    if (locatorWords(text, end, false) !== undefined) return [label, end];
  }
  return undefined;
}

/** The closing brace of the braced group opening at `open` (braces and brackets balanced). */
function closingBrace(text: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/**
 * A citation suffix as pandoc reads it: ", p. 33" is the locator "33" labelled "page"; "33" alone
 * is a page too; `{…}` is a locator as written (its label, if any, first); what follows stays the
 * suffix. Without a locator the suffix is returned whole.
 */
export function parseLocator(suffix: string, labels: LocatorLabels): Located {
  let i = 0;
  if (suffix[i] === ',') i++;
  while (suffix[i] === ' ' || suffix[i] === '\t' || suffix[i] === '\n') i++;
  if (suffix[i] === '{') {
    const close = closingBrace(suffix, i);
    if (close > 0) {
      const inner = suffix.slice(i + 1, close).trim();
      let label = 'page';
      let locator = inner;
      for (let end = Math.min(inner.length, 24); end > 0; end--) {
        const found = labels.get(inner.slice(0, end).trim().toLowerCase());
        if (found && !(/\p{L}/u.test(inner[end - 1]) && /\p{L}/u.test(inner[end] ?? ''))) {
          label = found;
          locator = inner.slice(end).trim();
          break;
        }
      }
      // `@key{}`: no locator at all (so "99 years later" after it is not a page).
      return locator ? { label, locator, suffix: suffix.slice(close + 1) } : { suffix: suffix.slice(close + 1) };
    }
  }
  const labelled = labelAt(suffix, i, labels);
  if (labelled) {
    const end = locatorWords(suffix, labelled[1], false)!;
    return { label: labelled[0], locator: suffix.slice(labelled[1], end).trim(), suffix: suffix.slice(end) };
  }
  const end = locatorWords(suffix, i, true);
  if (end !== undefined) return { label: 'page', locator: suffix.slice(i, end).trim(), suffix: suffix.slice(end) };
  return { suffix };
}
