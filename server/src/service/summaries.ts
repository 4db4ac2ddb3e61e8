// A paper in a line or two, for search results and pickers.
import type { Paper } from '../core/corpus/model';
import { formatAuthors, formatDate, shortCredit } from '../core/output/card';
import type { PaperSummary } from '../protocol';

export function summarize(paper: Paper): PaperSummary {
  const abstract = paper.abstract ?? '';
  return {
    key: paper.key,
    title: paper.title,
    credit: shortCredit(paper),
    authors: formatAuthors(paper),
    date: formatDate(paper.date),
    abstractStart: abstract.length > 160 ? abstract.slice(0, 157) + '…' : abstract,
  };
}
