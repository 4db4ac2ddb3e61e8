// Every `litnotes.*` setting with its default, declared once. package.json's
// contributes.configuration must agree (a unit test checks it); the server reads its part.

/** Defaults by setting name, without the `litnotes.` prefix. */
export const SETTING_DEFAULTS = {
  corpus: [] as string[],
  includeBundledCorpus: true,
  'notes.include': ['**/*.md', '**/*.markdown', '**/*.qmd', '**/*.Rmd', '**/*.rmd'],
  'notes.exclude': ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**', '**/.code-server/**'],
  'newNote.folder': 'notes',
  'newNote.template': '',
  /** Read by vscode-languageclient itself (the client is named "litnotes"). */
  'trace.server': 'off',
  'bibliography.includeWorkspaceCorpus': true,
  'inlayHints.enabled': false,
  'preview.style': '',
};

/** The settings the server uses. */
export interface Settings {
  corpus: string[];
  includeBundledCorpus: boolean;
  notes: { include: string[]; exclude: string[] };
  /** Whether notes with their own `bibliography:` are also offered the workspace corpus. */
  bibliographyIncludesCorpus: boolean;
  /** Author and year after each citation. */
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = normalizeSettings(undefined);

/**
 * Settings as a client sends them (`workspace/configuration`, initializationOptions or a pushed
 * `didChangeConfiguration`), possibly partial or of the wrong types, merged over the defaults.
 */
export function normalizeSettings(raw: unknown): Settings {
  const value = (isObject(raw) ? raw : {}) as Record<string, unknown>;
  const notes = isObject(value.notes) ? (value.notes as Record<string, unknown>) : {};
  // A client may also send dotted keys ({ "notes.include": [...] }).
  const pick = (nested: unknown, dotted: string) => (nested !== undefined ? nested : value[dotted]);
  return {
    corpus: strings(value.corpus, SETTING_DEFAULTS.corpus),
    includeBundledCorpus: typeof value.includeBundledCorpus === 'boolean' ? value.includeBundledCorpus : SETTING_DEFAULTS.includeBundledCorpus,
    notes: {
      include: strings(pick(notes.include, 'notes.include'), SETTING_DEFAULTS['notes.include']),
      exclude: strings(pick(notes.exclude, 'notes.exclude'), SETTING_DEFAULTS['notes.exclude']),
    },
    bibliographyIncludesCorpus: bool(pick((value.bibliography as Record<string, unknown> | undefined)?.includeWorkspaceCorpus, 'bibliography.includeWorkspaceCorpus'), SETTING_DEFAULTS['bibliography.includeWorkspaceCorpus']),
    inlayHints: bool(pick((value.inlayHints as Record<string, unknown> | undefined)?.enabled, 'inlayHints.enabled'), SETTING_DEFAULTS['inlayHints.enabled']),
  };
}

function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [...fallback];
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
