// A paper as the CSL item the preview gives citeproc: what `paperToCsl` exports, with a BibTeX
// title (and a chapter's book title) as pandoc gives it to citeproc (see sentenceCase.ts). Kept
// apart from citeproc.ts so the server builds items without loading citeproc-js.
import type { Paper } from '../corpus/model';
import { paperToCsl, type CslItem } from '../output/export';

export function previewCslItem(paper: Paper, key = paper.key): CslItem {
  const item = paperToCsl(paper, key);
  const publication = paper.publication;
  if (publication?.cslTitle) item.title = publication.cslTitle;
  if (publication?.cslContainerTitle && item['container-title']) item['container-title'] = publication.cslContainerTitle;
  return item;
}
