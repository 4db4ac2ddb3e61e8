// Hover on a citation: the paper card.
import { MarkupKind } from 'vscode-languageserver/node';
import { cardMarkdown, escapeMarkdown } from '../core/output/card';
import { citationAt, type ServerContext } from '../context';

export function registerHover(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onHover((params) => {
    const citation = citationAt(context, params.textDocument.uri, params.position.line, params.position.character);
    if (!citation) return null;
    const range = { start: { line: citation.line, character: citation.start }, end: { line: citation.line, character: citation.end } };
    const paper = workspace.paper(citation.key);
    const value = paper
      ? cardMarkdown(paper, { citedBy: workspace.notes.citingNotes(paper.key), related: context.related?.(paper.key) })
      : `Unknown citation key \`@${escapeMarkdown(citation.key)}\`: no paper in the corpus has it.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  });
}
