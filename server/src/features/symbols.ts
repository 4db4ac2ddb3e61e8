// Workspace symbols: papers by key or title, and notes by title.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { paperLocation } from './navigation';

const MAX_SYMBOLS = 100;

export function registerWorkspaceSymbols(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onWorkspaceSymbol((params) => {
    const query = params.query.trim();
    const symbols: SymbolInformation[] = [];
    const papers = query ? workspace.search.search(query, MAX_SYMBOLS).map((h) => h.paper) : workspace.corpus.papers.slice(0, MAX_SYMBOLS);
    for (const paper of papers) {
      symbols.push({ name: `@${paper.key} ${paper.title}`, kind: SymbolKind.Constant, location: paperLocation(paper), containerName: 'paper' });
    }
    const lower = query.toLowerCase();
    for (const note of workspace.notes.all()) {
      if (lower && !note.title.toLowerCase().includes(lower) && !note.uri.toLowerCase().includes(lower)) continue;
      const start = { line: 0, character: 0 };
      symbols.push({ name: note.title, kind: SymbolKind.File, location: { uri: note.uri, range: { start, end: start } }, containerName: 'note' });
      if (symbols.length >= 2 * MAX_SYMBOLS) break;
    }
    return symbols;
  });
}
