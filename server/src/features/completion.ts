// Completion after "@": papers by fuzzy match on key, title, authors, year and abstract.
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { shortCredit } from '../core/output/card';
import type { ServerContext } from '../context';

const MAX_ITEMS = 50;

export function registerCompletion(context: ServerContext): void {
  const { connection, documents, service } = context;
  connection.onCompletion(async (params, token) => {
    if (!documents.get(params.textDocument.uri)) return null;
    // Not an answer without the note's own keys while they are being read: wait for them, or say so.
    const sourcesReady = await service.noteSourcesReady(params.textDocument.uri, undefined, token);
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { line } = params.position;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const result = service.complete(params.textDocument.uri, lineText, params.position, MAX_ITEMS, token);
    if (!result) return null;
    const items: CompletionItem[] = result.papers.map((paper, rank) => ({
      label: paper.key,
      kind: CompletionItemKind.Reference,
      labelDetails: { detail: `  ${paper.title}`, description: shortCredit(paper) },
      // No `detail`: the side panel shows it above the card with word-break: break-all, which
      // cuts titles mid-word ("St ructured"); the card below starts with the title, wrapped.
      // VS Code filters items against the typed word itself: starting filterText with it keeps
      // the papers found by title, author, abstract or through a typo, in the server's order.
      filterText: `${result.prefix} ${paper.key}`,
      sortText: String(rank).padStart(4, '0'),
      textEdit: { range: result.range, newText: paper.key + (result.closeBrace ? '}' : '') },
      data: { key: paper.key, uri: params.textDocument.uri },
    }));
    if (!sourcesReady) {
      // Inserts what is typed (nothing changes); the next keystroke asks again.
      items.push({
        label: "Still reading this note's bibliography…",
        kind: CompletionItemKind.Text,
        filterText: `${result.prefix} ${result.prefix}`,
        sortText: '9999',
        textEdit: { range: result.range, newText: result.prefix },
      });
    }
    // Every keystroke asks again: the ranking depends on the whole query.
    return { isIncomplete: true, items };
  });

  connection.onCompletionResolve((item) => {
    const { key, uri } = (item.data as { key?: string; uri?: string } | undefined) ?? {};
    const markdown = key ? service.completionDocumentation(key, uri) : undefined;
    if (markdown) item.documentation = { kind: MarkupKind.Markdown, value: markdown };
    return item;
  });
}
