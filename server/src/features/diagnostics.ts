// Unknown citation keys as warnings with quick fixes; corpus and note problems on their files.
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { Problem } from '../core/corpus/model';
import type { ServerContext } from '../context';
import { pathToUri } from '../workspace';
import { didYouMean, keyWords } from './writing';

export const UNKNOWN_KEY = 'unknown-key';
const SUGGESTIONS = 3;

/** Unknown keys past this many in one note are warned without looking for what they meant. */
const SUGGEST_FOR_FIRST = 50;

export function noteDiagnostics(context: ServerContext, uri: string): Diagnostic[] {
  const note = context.workspace.notes.get(uri);
  if (!note) return [];
  const suggest = suggestionsFor(context.workspace);
  return note.citations
    .filter((c) => !context.workspace.paper(c.key))
    .map((c, index) => {
      const meant = index < SUGGEST_FOR_FIRST ? suggest(c.key) : [];
      const hint = meant.length > 0 ? ` Did you mean ${meant.map((k) => `@${k}`).join(', ')}?` : '';
      return {
        severity: DiagnosticSeverity.Warning,
        range: { start: { line: c.line, character: c.keyStart }, end: { line: c.line, character: c.end } },
        message: `Unknown citation key "@${c.key}": no paper in the corpus has it.${hint}`,
        source: 'litnotes',
        code: UNKNOWN_KEY,
        data: { key: c.key },
      };
    });
}

/** "Did you mean" per key, remembered until the corpus changes (notes are re-checked on every edit). */
let suggestionCache: { corpus: unknown; byKey: Map<string, string[]> } | undefined;
function suggestionsFor(workspace: ServerContext['workspace']): (key: string) => string[] {
  if (suggestionCache?.corpus !== workspace.corpus) suggestionCache = { corpus: workspace.corpus, byKey: new Map() };
  const cache = suggestionCache.byKey;
  return (key) => {
    let keys = cache.get(key);
    if (!keys) {
      keys = didYouMean(workspace, key).map((p) => p.key);
      if (cache.size > 5000) cache.clear();
      cache.set(key, keys);
    }
    return keys;
  };
}

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Problems grouped by file, as diagnostics on each file's line. */
export function problemDiagnostics(problems: Problem[]): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const problem of problems) {
    const uri = pathToUri(problem.file);
    const line = Math.max(0, problem.line - 1);
    const list = byUri.get(uri) ?? [];
    list.push({
      severity: SEVERITY[problem.severity],
      range: { start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } },
      message: problem.message,
      source: 'litnotes',
    });
    byUri.set(uri, list);
  }
  return byUri;
}

export function registerQuickFixes(context: ServerContext): void {
  context.connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.code !== UNKNOWN_KEY) continue;
      const key = (diagnostic.data as { key?: string } | undefined)?.key ?? '';
      didYouMean(context.workspace, key, SUGGESTIONS).forEach((paper, index) => {
        actions.push({
          title: `Replace with @${paper.key} (${paper.title})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: index === 0,
          edit: { changes: { [params.textDocument.uri]: [{ range: diagnostic.range, newText: paper.key }] } },
        });
      });
      // The picker, started with the key's words; the client replaces the key with the choice.
      const query = keyWords(key);
      actions.push({
        title: `Search papers for "${query}"…`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Search papers', command: 'litnotes.replaceCitationKey', arguments: [{ uri: params.textDocument.uri, range: diagnostic.range, query }] },
      });
    }
    return actions;
  });
}
