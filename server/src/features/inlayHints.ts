// An inlay hint after each citation with its authors and year ("Lim et al., 2024"), so a note
// full of keys reads like prose. Off unless `litnotes.inlayHints.enabled` is on.
import { InlayHintKind, type InlayHint } from 'vscode-languageserver/node';
import { citationsInLines } from '../core/notes/notes';
import { shortCredit } from '../core/output/card';
import type { ServerContext } from '../context';
import { canonicalUri } from '../service/uris';

export function registerInlayHints(context: ServerContext): void {
  const { connection, service } = context;
  connection.languages.inlayHint.on((params) => {
    if (!service.settings().inlayHints) return [];
    const note = service.notes().get(canonicalUri(params.textDocument.uri));
    if (!note) return [];
    const papers = service.lookup(params.textDocument.uri);
    const { start, end } = params.range;
    const hints: InlayHint[] = [];
    // Only the requested lines' citations (a binary search), not the whole note's.
    for (const c of citationsInLines(note.citations, start.line, end.line)) {
      const paper = papers.paper(c.key);
      const credit = paper ? shortCredit(paper) : '';
      if (!credit) continue;
      hints.push({ position: { line: c.line, character: c.end }, label: credit, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: paper!.title });
    }
    return hints;
  });
  // A changed setting or a rebuilt index can change every hint.
  service.onStatus((status) => {
    if (status.state === 'ready') void connection.languages.inlayHint.refresh().catch(() => undefined);
  });
}
