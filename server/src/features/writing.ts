// The Cited By view's and Export Bibliography's requests.
import { onRequest, type ServerContext } from '../context';
import { CitationsRequest, ExportRequest } from '../protocol';

export function registerWriting(context: ServerContext): void {
  const { service, documents } = context;
  // The line of each citation, from the editor's copy when the note is open.
  const lineText = (uri: string, line: number) => documents.get(uri)?.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  onRequest(context, CitationsRequest, ({ key }) => service.citations(key, lineText));
  onRequest(context, ExportRequest, async ({ format, uri }) => (await service.abstractTexts(), service.exportCited(format, uri)));
}
