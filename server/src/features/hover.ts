// Hover on a citation: the paper card. An unknown key has no hover of its own: its diagnostic
// (with "did you mean") is what the hover shows, said once.
import { MarkupKind } from 'vscode-languageserver/node';
import { cardMarkdown } from '../core/output/card';
import { citationAt, type ServerContext } from '../context';
import { cardExtras } from './writing';

/** Hovers are height-capped: a long abstract is cut, with a link to the whole card. */
const HOVER_ABSTRACT_CHARS = 700;

export function registerHover(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onHover((params) => {
    const citation = citationAt(context, params.textDocument.uri, params.position.line, params.position.character);
    if (!citation) return null;
    const paper = workspace.paper(citation.key);
    if (!paper) return null;
    const range = { start: { line: citation.line, character: citation.start }, end: { line: citation.line, character: citation.end } };
    const value = cardMarkdown(paper, cardExtras(context, paper, { abstractLimit: HOVER_ABSTRACT_CHARS }));
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  });
}
