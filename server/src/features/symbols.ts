// Workspace symbols: papers by key or title, and notes by title.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import { answerCancelled, type ServerContext } from '../context';

const MAX_SYMBOLS = 100;

export function registerWorkspaceSymbols(context: ServerContext): void {
  context.connection.onWorkspaceSymbol(async (params, token) => {
    const found = await context.service.workspaceSymbols(params.query, MAX_SYMBOLS, token).catch(answerCancelled);
    return found.map(
      (s): SymbolInformation => ({ name: s.name, kind: s.kind === 'paper' ? SymbolKind.Constant : SymbolKind.File, location: s.location, containerName: s.kind }),
    );
  });
}
