// Completion after "@": papers by fuzzy match on key, title, authors, year and abstract.
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { cardMarkdown, shortCredit } from '../core/output/card';
import { citationPrefixAt } from '../core/notes/citations';
import { isCrossReference } from '../core/pandoc/languages';
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
    if (!typed || isCrossReference(typed.prefix)) return null;
    const braced = lineText[typed.start - 1] === '{';
    const closeBrace = braced && lineText[character] !== '}' ? '}' : '';
    const hits = workspace.search.search(typed.prefix, MAX_ITEMS);
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
      item.documentation = { kind: MarkupKind.Markdown, value: cardMarkdown(paper, { citedBy: workspace.notes.citingNotes(paper.key) }) };
    }
    return item;
  });
}
