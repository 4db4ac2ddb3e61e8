// Hover on a citation: the paper card.
import { MarkupKind } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { referenceLine } from './preview';

export function registerHover(context: ServerContext): void {
  context.connection.onHover((params) => {
    const hover = context.service.hover(params.textDocument.uri, params.position);
    return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown + referenceLine(context, params.textDocument.uri, params.position) }, range: hover.range } : null;
  });
}
