// Completion after "@": papers by fuzzy match on key, title, authors, year and abstract.
import { CompletionItemKind, MarkupKind, type ClientCapabilities, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import { shortCredit } from '../core/output/card';
import type { ServerContext } from '../context';

const MAX_ITEMS = 50;
/** The items' sort texts, made once rather than per item and keystroke. */
const SORT_TEXTS = Array.from({ length: MAX_ITEMS }, (_, rank) => String(rank).padStart(4, '0'));

/** Where a resolve finds its paper: the key (else the item's label, which is the key) and the note. */
interface ItemData {
  key?: string;
  uri?: string;
}

/**
 * Whether the client takes the edit range and `data` once for the whole list (LSP 3.17
 * `itemDefaults`): every keystroke's answer then carries them once instead of 50 times, about a
 * third of its bytes, which both sides parse or write per keystroke.
 */
function takesItemDefaults(capabilities: ClientCapabilities | undefined): boolean {
  const defaults = capabilities?.textDocument?.completion?.completionList?.itemDefaults ?? [];
  return defaults.includes('editRange') && defaults.includes('data');
}

export function registerCompletion(context: ServerContext): void {
  const { connection, documents, service } = context;
  connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
    if (!documents.get(params.textDocument.uri)) return null;
    // Not an answer without the note's own keys while they are being read: wait for them, or say so.
    const sourcesReady = await service.noteSourcesReady(params.textDocument.uri, undefined, token);
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { line } = params.position;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const result = service.complete(params.textDocument.uri, lineText, params.position, MAX_ITEMS, token);
    if (!result) return null;
    const shared = takesItemDefaults(context.clientCapabilities);
    const uri = params.textDocument.uri;
    const items: CompletionItem[] = result.papers.map((paper, rank) => {
      const newText = paper.key + (result.closeBrace ? '}' : '');
      const item: CompletionItem = {
        label: paper.key,
        kind: CompletionItemKind.Reference,
        labelDetails: { detail: `  ${paper.title}`, description: shortCredit(paper) },
        // No `detail`: the side panel shows it above the card with word-break: break-all, which
        // cuts titles mid-word ("St ructured"); the card below starts with the title, wrapped.
        // VS Code filters items against the typed word itself: starting filterText with it keeps
        // the papers found by title, author, abstract or through a typo, in the server's order.
        filterText: `${result.prefix} ${paper.key}`,
        sortText: SORT_TEXTS[rank] ?? String(rank).padStart(4, '0'),
      };
      if (!shared) {
        item.textEdit = { range: result.range, newText };
        item.data = { key: paper.key, uri } satisfies ItemData;
      } else if (newText !== paper.key) item.textEditText = newText; // else the label is the text
      return item;
    });
    if (!sourcesReady) {
      // Inserts what is typed (nothing changes); the next keystroke asks again.
      const waiting: CompletionItem = {
        label: "Still reading this note's bibliography…",
        kind: CompletionItemKind.Text,
        filterText: `${result.prefix} ${result.prefix}`,
        sortText: '9999',
      };
      if (shared) waiting.textEditText = result.prefix;
      else waiting.textEdit = { range: result.range, newText: result.prefix };
      items.push(waiting);
    }
    // Every keystroke asks again: the ranking depends on the whole query.
    const list: CompletionList = { isIncomplete: true, items };
    if (shared) list.itemDefaults = { editRange: result.range, data: { uri } satisfies ItemData };
    return list;
  });

  connection.onCompletionResolve((item) => {
    const data = (item.data as ItemData | undefined) ?? {};
    // With the list's defaults, an item's data is only the note: its label is the key.
    const key = data.key ?? (typeof item.label === 'string' ? item.label : undefined);
    const markdown = key ? service.completionDocumentation(key, data.uri) : undefined;
    if (markdown) item.documentation = { kind: MarkupKind.Markdown, value: markdown };
    return item;
  });
}
