// What every feature module gets: the connection, the open documents and the workspace state.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Citation } from './core/notes/citations';
import type { Paper } from './core/corpus/model';
import type { LitWorkspace } from './workspace';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: LitWorkspace;
  /** Re-publishes the diagnostics of one note. */
  publishNote(uri: string): void;
  /** Papers related to one paper, once the topic graph provides them. */
  related?: (key: string) => Paper[];
}

/** The citation under a position in a note, if any. */
export function citationAt(context: ServerContext, uri: string, line: number, character: number): Citation | undefined {
  const note = context.workspace.notes.get(uri);
  return note?.citations.find((c) => c.line === line && c.start <= character && character <= c.end);
}
