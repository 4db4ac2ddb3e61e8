// URLs written in notes as document links.
import type { ServerContext } from '../context';

export function registerDocumentLinks(context: ServerContext): void {
  context.connection.onDocumentLinks((params) => context.service.links(params.textDocument.uri));
}
