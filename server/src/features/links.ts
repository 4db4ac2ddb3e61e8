// URLs written in notes as document links.
import type { ServerContext } from '../context';

export function registerDocumentLinks(context: ServerContext): void {
  context.connection.onDocumentLinks((params) => {
    const note = context.workspace.notes.get(params.textDocument.uri);
    return (note?.links ?? []).map((link) => ({
      range: { start: { line: link.line, character: link.start }, end: { line: link.line, character: link.end } },
      target: link.url,
    }));
  });
}
