// Go to definition (the paper's entry in its corpus file) and find references (every citation
// of the paper across all notes).
import { answerCancelled, type ServerContext } from '../context';

export function registerNavigation(context: ServerContext): void {
  const { connection, service } = context;
  // As a hover: after the note's own bibliography, if it is being read.
  connection.onDefinition(async (params, token) => {
    await service.noteSourcesReady(params.textDocument.uri, undefined, token);
    return service.definition(params.textDocument.uri, params.position);
  });
  connection.onReferences((params, token) =>
    service.references(params.textDocument.uri, params.position, params.context.includeDeclaration, token).catch(answerCancelled),
  );
}
