// Open documents as the server holds them: lines edited in place (core/notes/lineText), behind
// the same TextDocument interface the LSP library's documents have. The library's own document
// rebuilt and flattened the whole text on every change (15 ms a keystroke in a 10 MB note, and
// a 10 MB string of garbage); these replace the lines an edit touches and remember which, so
// the note's analysis rescans only those (issue 10).
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineText } from './core/notes/lineText';

export class LineDocument extends LineText implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    super(content);
  }
}

/** For `new TextDocuments(lineDocuments)`: creates and updates LineDocuments. */
export const lineDocuments: TextDocumentsConfiguration<LineDocument> = {
  create: (uri, languageId, version, content) => new LineDocument(uri, languageId, version, content),
  update(document, changes: TextDocumentContentChangeEvent[], version) {
    for (const change of changes) {
      if ('range' in change) document.replace(change.range, change.text);
      else document.replaceAll(change.text);
    }
    document.version = version;
    return document;
  },
};
