// Hover on a citation: the paper card, and the formatted reference once citeproc has it.
import { MarkupKind } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { canonicalUri } from '../service/uris';
import { prefetchReferences, referenceLine, referencesReady } from './preview';

export function registerHover(context: ServerContext): void {
  context.connection.onHover(async (params, token) => {
    // A note's own bibliography still being read: its keys come with it (the wait holds nothing else).
    await context.service.noteSourcesReady(params.textDocument.uri, undefined, token);
    const hover = context.service.hover(params.textDocument.uri, params.position);
    if (!hover) return null;
    const reference = await referenceLine(context, params.textDocument.uri, params.position);
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown + reference }, range: hover.range };
  });
  // When an open note's edits pause (its diagnostics go out), its citations' references are
  // formatted in the background, so hovering one does not wait for the worker.
  context.service.onDiagnostics((uri) => {
    // Nothing to do before a hover or a preview has built the engine (and nothing read or analysed here).
    if (!referencesReady()) return;
    if (!context.documents.get(uri)) return;
    // Read only once the engine is ready: analysing the notes here would build a note's own
    // bibliography on this turn, which is meant to be built in the background.
    prefetchReferences(context, uri, (function* () {
      for (const citation of context.service.notes().get(canonicalUri(uri))?.citations ?? []) yield citation.key;
    })());
  });
}
