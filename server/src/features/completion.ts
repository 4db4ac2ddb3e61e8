// Completion after "@": papers by fuzzy match on key, title, authors, year and abstract.
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { cardMarkdown, shortCredit } from '../core/output/card';
import { cardExtras, preferCited, rememberCitations, searchWhileTyping } from './writing';
import { citationPrefixAt } from '../core/notes/citations';
import type { ServerContext } from '../context';

const MAX_ITEMS = 50;

export function registerCompletion(context: ServerContext): void {
  const { connection, documents, workspace } = context;
  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { line, character } = params.position;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const typed = citationPrefixAt(lineText, character);
    if (!typed) return null;
    const braced = lineText[typed.start - 1] === '{';
    const closeBrace = braced && lineText[character] !== '}' ? '}' : '';
    rememberCitations(workspace, params.textDocument.uri);
    // Never an empty list while a word is typed: VS Code would close it and, in Markdown
    // (no quick suggestions), not reopen it until Ctrl+Space.
    const hits = preferCited(workspace, params.textDocument.uri, searchWhileTyping(workspace, typed.prefix, MAX_ITEMS));
    const items: CompletionItem[] = hits.map((hit, rank) => ({
      label: hit.paper.key,
      kind: CompletionItemKind.Reference,
      labelDetails: { detail: `  ${hit.paper.title}`, description: shortCredit(hit.paper) },
      detail: hit.paper.title,
      // VS Code filters items against the typed word itself: starting filterText with it keeps
      // the papers found by title, author, abstract or through a typo, in the server's order.
      filterText: `${typed.prefix} ${hit.paper.key}`,
      sortText: String(rank).padStart(4, '0'),
      textEdit: { range: { start: { line, character: typed.start }, end: { line, character } }, newText: hit.paper.key + closeBrace },
      data: { key: hit.paper.key },
    }));
    // Every keystroke asks again: the ranking depends on the whole query.
    return { isIncomplete: true, items };
  });

  connection.onCompletionResolve((item) => {
    const key = (item.data as { key?: string } | undefined)?.key;
    const paper = key ? workspace.paper(key) : undefined;
    if (paper) {
      // The same card as the hover (the side panel has room for the whole abstract).
      item.documentation = { kind: MarkupKind.Markdown, value: cardMarkdown(paper, cardExtras(context, paper)) };
    }
    return item;
  });
}
