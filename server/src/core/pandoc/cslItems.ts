// A paper as the CSL item the preview gives citeproc: what `paperToCsl` exports, with a BibTeX
// title (and a chapter's book title) as pandoc gives it to citeproc (see sentenceCase.ts). Kept
// apart from citeproc.ts so the server builds items without loading citeproc-js.
import type { Paper } from '../corpus/model';
import { paperToCsl, type CslItem } from '../output/export';
import { bibFieldText } from '../readers/bibtex';
import { pandocBibtexTitles } from './sentenceCase';

export function previewCslItem(paper: Paper, key = paper.key): CslItem {
  const item = paperToCsl(paper, key);
  const { cslTitle, cslContainerTitle } = pandocTitles(paper);
  if (cslTitle) item.title = cslTitle;
  if (cslContainerTitle && item['container-title']) item['container-title'] = cslContainerTitle;
  return item;
}

/** A BibTeX paper's titles as pandoc gives them to citeproc, from what the reader kept (Publication.bibtex). */
function pandocTitles(paper: Paper): { cslTitle?: string; cslContainerTitle?: string } {
  const written = paper.publication?.bibtex;
  if (!written) return {};
  const fields: Record<string, string> = { title: written.title ?? paper.title };
  if (written.language !== undefined) fields.langid = written.language;
  const booktitle = written.booktitle || paper.venue;
  if (written.booktitle !== undefined && booktitle) fields.booktitle = booktitle;
  if (written.subtitle) fields.subtitle = written.subtitle;
  if (written.titleaddon) fields.titleaddon = written.titleaddon;
  if (written.booksubtitle) fields.booksubtitle = written.booksubtitle;
  if (written.booktitleaddon) fields.booktitleaddon = written.booktitleaddon;
  return pandocBibtexTitles(written.type, fields, bibFieldText);
}
