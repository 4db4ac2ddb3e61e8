// The one-line listing: "<- or N> <title><abstract> <N> authors · <Mon D[, YYYY]> [N]".
import type { ParseResult, PaperDate, PaperRecord, Problem } from './model';
import { findUrls, monthNumber } from './text';
import { splitTitleAndAbstract } from './titleSplit';

const LISTING_LINE =
  /^\s*(?:-|\d+)\s+(.+?)\s+(\d+)\s+authors?\s+·\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+\d+)?\s*$/;

/** True when the line has the listing's shape (used to tell the two seed formats apart). */
export function isListingLine(line: string): boolean {
  return LISTING_LINE.test(line);
}

export function parseListing(text: string, file: string): ParseResult {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const match = LISTING_LINE.exec(line);
    if (!match) {
      problems.push({
        file,
        line: lineNumber,
        severity: 'warning',
        message: 'not a listing line (expected "- Title Abstract N authors · Mon D, YYYY"); skipped',
      });
      return;
    }
    const [, body, authorCount, monthName, day, year] = match;
    const split = splitTitleAndAbstract(body);
    if (!split) {
      problems.push({ file, line: lineNumber, severity: 'warning', message: 'cannot tell title from abstract; skipped' });
      return;
    }
    const date: PaperDate = { month: monthNumber(monthName), day: Number(day) };
    if (year) date.year = Number(year);
    records.push({
      title: split.title,
      abstract: split.abstract,
      authorCount: Number(authorCount),
      date,
      urls: findUrls(split.abstract),
      topics: [],
      source: { file, line: lineNumber },
    });
  });
  return { records, problems };
}
