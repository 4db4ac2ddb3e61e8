// Which documents are notes (Markdown, Quarto, R Markdown) and which "@" references are not
// citations at all: Quarto and pandoc-crossref cross-references (@fig-plot, @sec:intro).

/** Language ids VS Code (with the Quarto or R extension) gives the documents we treat as notes. */
export const NOTE_LANGUAGES = ['markdown', 'quarto', 'rmd'] as const;

/** File names of notes, whatever the editor calls their language. */
export const NOTE_FILE = /\.(md|markdown|qmd|rmd)$/i;

export function isNoteDocument(languageId: string, uri: string): boolean {
  return (NOTE_LANGUAGES as readonly string[]).includes(languageId) || NOTE_FILE.test(uri);
}

/**
 * Cross-reference kinds: Quarto's figures, tables, listings, equations, sections, callouts and
 * theorem-like blocks (`@fig-x`), and pandoc-crossref's (`@fig:x`).
 */
const CROSSREF_KINDS = [
  'fig', 'tbl', 'lst', 'eq', 'sec', 'apx',
  'nte', 'tip', 'wrn', 'imp', 'cau',
  'thm', 'lem', 'cor', 'prp', 'cnj', 'def', 'exm', 'exr', 'sol', 'rem', 'alg',
];
const CROSSREF = new RegExp(`^(?:${CROSSREF_KINDS.join('|')})[-:]`);

/** True for `fig-plot`, `tbl-results`, `sec:intro`: never a citation key. */
export function isCrossReference(key: string): boolean {
  return CROSSREF.test(key);
}
