// The one-line listing: "<- or N> <title><abstract> <N> authors · <Mon D[, YYYY]> [N]".
import type { ParseResult, PaperDate, PaperRecord, Problem } from '../corpus/model';
import { findUrls, monthNumber } from '../text';
import { splitTitleAndAbstract } from './titleSplit';

const LEAD = /^\s*(?:-|\d+)\s+/;
const TAIL = /\s(\d+)\s+authors?\s+·\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+\d+)?\s*$/;

/** [body, authorCount, month, day, year?] of a listing line; matched from its end, not by backtracking. */
function matchListing(line: string): [string, string, string, string, string | undefined] | undefined {
  const lead = LEAD.exec(line);
  if (!lead) return undefined;
  const at = line.lastIndexOf(' author');
  if (at < 0) return undefined;
  const numberStart = line.lastIndexOf(' ', at - 1);
  const tail = TAIL.exec(line.slice(numberStart));
  if (!tail) return undefined;
  const body = line.slice(lead[0].length, numberStart).trim();
  return body ? [body, tail[1], tail[2], tail[3], tail[4]] : undefined;
}

/** The "title abstract" text of a listing line, without its lead, author count and date. */
export function listingBody(line: string): string | undefined {
  return matchListing(line)?.[0];
}

/** True when the line has the listing's shape (used to tell the two seed formats apart). */
export function isListingLine(line: string): boolean {
  return matchListing(line) !== undefined;
}

/** Below this probability a split is shown as doubtful (an information problem on its line). */
export const LOW_CONFIDENCE = 0.4;

/** Titles of this many words or fewer are too weak alone to call two papers the same. */
const SHORT_TITLE_WORDS = 2;

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

/**
 * What a title of one or two words must share besides the title to be the same paper: the
 * abstract's opening words (a copy with a cut abstract still shares them). Longer titles need
 * nothing more. Used by the merge, so "The" or "Open Problem:" never joins unrelated papers.
 */
export function shortTitleEvidence(title: string, abstract: string | undefined): string {
  if (wordCount(title) > SHORT_TITLE_WORDS) return '';
  const opening = (abstract ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8).join(' ');
  return `|${opening}`;
}

export function parseListing(text: string, file: string): ParseResult {
  const records: PaperRecord[] = [];
  const problems: Problem[] = [];
  /** Short titles seen so far, to their first line and abstract evidence. */
  const shortTitles = new Map<string, { line: number; evidence: string }>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const match = matchListing(line);
    if (!match) {
      problems.push({
        file,
        line: lineNumber,
        severity: 'warning',
        message: 'not a listing line (expected "- Title Abstract N authors · Mon D, YYYY"); skipped',
      });
      return;
    }
    const [body, authorCount, monthName, day, year] = match;
    const split = splitTitleAndAbstract(body);
    if (!split) {
      problems.push({ file, line: lineNumber, severity: 'warning', message: 'cannot tell title from abstract; skipped' });
      return;
    }
    if (split.confidence < LOW_CONFIDENCE) {
      problems.push({
        file,
        line: lineNumber,
        severity: 'info',
        message: `doubtful title split (confidence ${split.confidence.toFixed(2)}): read the title as "${split.title}"`,
      });
    }
    if (wordCount(split.title) <= SHORT_TITLE_WORDS) {
      const name = split.title.toLowerCase();
      const evidence = shortTitleEvidence(split.title, split.abstract);
      const seen = shortTitles.get(name);
      if (!seen) shortTitles.set(name, { line: lineNumber, evidence });
      else if (seen.evidence !== evidence) {
        problems.push({
          file,
          line: lineNumber,
          severity: 'warning',
          message: `the short title "${split.title}" is also on line ${seen.line} with a different abstract: kept as separate papers`,
        });
      }
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
