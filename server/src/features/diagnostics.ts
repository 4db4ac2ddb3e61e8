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

export const UNKNOWN_KEY = 'unknown-key';
const SUGGESTIONS = 3;

export function noteDiagnostics(context: ServerContext, uri: string): Diagnostic[] {
  const note = context.workspace.notes.get(uri);
  if (!note) return [];
  return note.citations
    .filter((c) => !context.workspace.paper(c.key))
    .map((c) => ({
      severity: DiagnosticSeverity.Warning,
      range: { start: { line: c.line, character: c.keyStart }, end: { line: c.line, character: c.end } },
      message: `Unknown citation key "@${c.key}": no paper in the corpus has it.`,
      source: 'litnotes',
      code: UNKNOWN_KEY,
      data: { key: c.key },
    }));
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
      const hits = context.workspace.search.search(key, SUGGESTIONS);
      hits.forEach((hit, index) => {
        actions.push({
          title: `Replace with @${hit.paper.key} (${hit.paper.title})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: index === 0,
          edit: { changes: { [params.textDocument.uri]: [{ range: diagnostic.range, newText: hit.paper.key }] } },
        });
      });
    }
    return actions;
  });
}
