// Is this text a corpus at all? A corpus setting may name any file (/etc/passwd, a log, a
// source file); indexing its lines as papers would fill search and completion with noise.
// A cheap look at the start of the file, before any parser runs.
import { parseAuthorLine, parseTagLine } from './digestParser';
import { isListingLine } from './listingParser';

const SAMPLE_LINES = 200;
/** Longer sample lines are cut: the sniff must stay instant on a 1 MB line. */
const SAMPLE_LINE_CHARS = 2000;

export const NOT_A_CORPUS = 'not a BibTeX, CSL-JSON or listing file';

/**
 * Why a file is not a corpus file, or undefined when it may be one (an empty file is left to the
 * parsers, which say "no papers found"). By name for bibliographies, by content otherwise.
 */
export function notCorpusReason(path: string, text: string): string | undefined {
  const start = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  if (start.trim() === '') return undefined;
  if (/\.(bib|bibtex|biblatex)$/i.test(path)) {
    return /@[A-Za-z]+\s*[{(]/.test(start) ? undefined : `${NOT_A_CORPUS}: no @type{key, ...} entry at its start`;
  }
  if (/\.(json|csljson)$/i.test(path)) {
    const first = start.trimStart()[0];
    return first === '[' || first === '{' ? undefined : `${NOT_A_CORPUS}: CSL-JSON starts with "[" or "{"`;
  }
  const lines = sampleLines(start);
  if (lines.some(isSeedLine)) return undefined;
  return `${NOT_A_CORPUS}: no listing line, digest tag line, author line or abstract in its first ${lines.length} lines`;
}

function sampleLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n', SAMPLE_LINES * 4)) {
    const line = raw.trim();
    if (line !== '') lines.push(line.slice(0, SAMPLE_LINE_CHARS));
    if (lines.length === SAMPLE_LINES) break;
  }
  return lines;
}

/** A line only the seed formats have: a listing line, a tag line, an author line, or prose. */
function isSeedLine(line: string): boolean {
  return isListingLine(line) || parseTagLine(line) !== undefined || parseAuthorLine(line) !== undefined || isProse(line);
}

/** Six or more words, most of them words (two letters or more): an abstract, not a record. */
function isProse(line: string): boolean {
  const tokens = line.split(/\s+/);
  if (tokens.length < 6) return false;
  const words = tokens.filter((t) => /\p{L}{2}/u.test(t)).length;
  return words * 3 >= tokens.length * 2;
}
