// Go to definition (the paper's entry in its corpus file) and find references (every citation
// of the paper across all notes).
import type { Location } from 'vscode-languageserver/node';
import type { Paper } from '../core/corpus/model';
import { citationAt, type ServerContext } from '../context';
import { pathToUri } from '../workspace';

export function paperLocation(paper: Paper): Location {
  const source = paper.sources[0];
  const position = { line: Math.max(0, source.line - 1), character: 0 };
  return { uri: pathToUri(source.file), range: { start: position, end: position } };
}

export function registerNavigation(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onDefinition((params) => {
    const citation = citationAt(context, params.textDocument.uri, params.position.line, params.position.character);
    const paper = citation ? workspace.paper(citation.key) : undefined;
    return paper ? paperLocation(paper) : null;
  });

  connection.onReferences((params) => {
    const citation = citationAt(context, params.textDocument.uri, params.position.line, params.position.character);
    if (!citation) return null;
    const paper = workspace.paper(citation.key);
    const keys = paper ? [paper.key, ...paper.aliases] : [citation.key];
    const locations: Location[] = [];
    for (const key of keys) {
      for (const site of workspace.notes.citationsOf(key)) {
        const c = site.citation;
        locations.push({ uri: site.uri, range: { start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } } });
      }
    }
    if (params.context.includeDeclaration && paper) locations.unshift(paperLocation(paper));
    return locations;
  });
}
