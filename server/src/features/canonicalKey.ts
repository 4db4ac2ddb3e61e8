// Quick fix "switch to the paper's key": a citation written with another key of its paper (an
// old key, a biblatex `ids` key, a generated key from before a merge) is replaced by the
// paper's citation key, as one undoable edit. The hints come from the service (aliasKeys.ts).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { ALIAS_KEY, type AliasKeyData } from '../service/aliasKeys';
import { replacementKey } from './keyEdit';

const contains = (d: Diagnostic, line: number, character: number) =>
  d.range.start.line === line && d.range.start.character <= character && character <= d.range.end.character;

export function canonicalKeyActions(context: ServerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const isAlias = (d: Diagnostic) => d.code === ALIAS_KEY && typeof (d.data as AliasKeyData | undefined)?.canonical === 'string';
  let targets = params.context.diagnostics.filter(isAlias);
  const noteHints = () => context.service.aliasCitations(uri) as Diagnostic[];
  // At the cursor the fix is offered for every other key (older generated keys get no hint),
  // and to a client that sends no diagnostics with the request: only the cursor's line is
  // looked at (this runs at every cursor move; a large note cites 200,000 times).
  if (targets.length === 0) {
    const { line, character } = params.range.start;
    targets = (context.service.aliasCitations(uri, { from: line, to: line }) as Diagnostic[]).filter((d) => contains(d, line, character));
  }
  const actions: CodeAction[] = targets.map((d) => {
    const { key, canonical } = d.data as AliasKeyData;
    return {
      title: `Switch @${key} to the paper's key @${canonical}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: d.range, newText: replacementKey(context, uri, d.range, canonical) }] } },
    };
  });
  if (targets.length > 0) {
    const all = noteHints();
    if (all.length > 1) {
      actions.push({
        title: `Switch all ${all.length} citations in this note to their papers' keys`,
        kind: CodeActionKind.QuickFix,
        diagnostics: all,
        edit: { changes: { [uri]: all.map((d) => ({ range: d.range, newText: replacementKey(context, uri, d.range, (d.data as AliasKeyData).canonical) })) } },
      });
    }
  }
  return actions;
}
