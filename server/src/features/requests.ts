// Custom requests for the extension's commands and status bar (documented in the README).
import { onRequest, type ServerContext } from '../context';
import { CitationAtRequest, KeyMemoryFileRequest, PaperRequest, RebuildRequest, SearchRequest, StatusRequest } from '../protocol';

export function registerCustomRequests(context: ServerContext): void {
  const { service } = context;
  onRequest(context, StatusRequest, () => service.status());
  onRequest(context, SearchRequest, ({ query, limit }, token) => service.search(query, limit ?? 30, token));
  onRequest(context, PaperRequest, async ({ key }) => (await service.abstractTexts(), service.paper(key)));
  onRequest(context, CitationAtRequest, ({ uri, position }) => service.citationAt(uri, position));
  onRequest(context, RebuildRequest, () => context.rebuild());
  onRequest(context, KeyMemoryFileRequest, () => service.keyMemoryFile());
}
