// Citations written with another key of a paper (a biblatex `ids` key, a generated key from
// before the paper merged with a bibliography entry, a key of the earlier scheme): they
// resolve, and the quick fix switches them to the paper's key. A hint is shown where pandoc
// would not find the key: the paper's key is a bibliography's (BibTeX, CSL-JSON) and the note
// cites another. Older generated keys of a generated key get the fix only at the cursor.
import type { Paper } from '../core/corpus/model';
import type { Citation } from '../core/notes/citations';
import type { Range } from '../protocol';
import { formatOf } from '../core/corpus/corpus';

export const ALIAS_KEY = 'alias-key';

/** LSP's DiagnosticSeverity.Hint: shown at the key, not listed among the Problems. */
const HINT = 4;

/** What the quick fix needs: the key as written and the paper's key. */
export interface AliasKeyData {
  key: string;
  canonical: string;
}

export interface AliasKeyDiagnostic {
  range: Range;
  severity: typeof HINT;
  message: string;
  source: 'litnotes';
  code: typeof ALIAS_KEY;
  data: AliasKeyData;
}

/** Whether a paper's key is one a bibliography gives (pandoc knows it from that file). */
function keyFromBibliography(paper: Paper): boolean {
  return paper.sources.some((source) => {
    const format = formatOf({ path: source.file, text: '' });
    return format === 'bibtex' || format === 'csl-json';
  });
}

/**
 * One hint per citation whose key is not the key of the paper it resolves to; with `all`
 * false only where that key is a bibliography's (what the note's diagnostics show).
 */
export function aliasKeyDiagnostics(
  citations: Citation[],
  paperOf: (key: string) => Paper | undefined,
  limit: number,
  all = false,
): AliasKeyDiagnostic[] {
  const hints: AliasKeyDiagnostic[] = [];
  for (const citation of citations) {
    if (hints.length >= limit) break;
    const paper = paperOf(citation.key);
    if (!paper || paper.key === citation.key || (!all && !keyFromBibliography(paper))) continue;
    hints.push({
      // The key alone ("@{old}" keeps its braces when the key is replaced).
      range: { start: { line: citation.line, character: citation.keyStart }, end: { line: citation.line, character: citation.keyStart + citation.key.length } },
      severity: HINT,
      message: `@${citation.key} is another key of this paper; its citation key is @${paper.key}.`,
      source: 'litnotes',
      code: ALIAS_KEY,
      data: { key: citation.key, canonical: paper.key },
    });
  }
  return hints;
}
