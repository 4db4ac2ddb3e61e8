// Quick fixes for unknown citation keys (the diagnostics themselves come from the service).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { UNKNOWN_KEY } from '../service/service';
import { keyWords } from '../service/writing';
import { canonicalKeyActions } from './canonicalKey';
import { replacementKey } from './keyEdit';

const SUGGESTIONS = 3;

export function registerQuickFixes(context: ServerContext): void {
  context.connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.code !== UNKNOWN_KEY) continue;
      const key = (diagnostic.data as { key?: string } | undefined)?.key ?? '';
      context.service.suggestions(key, SUGGESTIONS).forEach((paper, index) => {
        actions.push({
          title: `Replace with @${paper.key} (${paper.title})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: index === 0,
          edit: { changes: { [params.textDocument.uri]: [{ range: diagnostic.range, newText: replacementKey(context, params.textDocument.uri, diagnostic.range, paper.key) }] } },
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
    actions.push(...canonicalKeyActions(context, params));
    return actions;
  });
}
