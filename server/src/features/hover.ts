// Hover on a citation: the paper card, and the formatted reference once citeproc has it.
import { MarkupKind } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { referenceLine } from './preview';

export function registerHover(context: ServerContext): void {
  context.connection.onHover(async (params) => {
    const hover = context.service.hover(params.textDocument.uri, params.position);
    if (!hover) return null;
    const reference = await referenceLine(context, params.textDocument.uri, params.position);
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown + reference }, range: hover.range };
  });
}
