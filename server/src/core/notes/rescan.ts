// An edit of an open note, analysed again from the previous analysis: only the lines the edit
// changed are scanned for citations and links (issue 10: a keystroke in a 10 MB note scanned
// all of it, twice, for its completion and its hover). Splitting the lines and finding the code
// blocks stay whole passes, but cheap ones (a few ms for 10 MB): a fence typed in one line
// changes what is code far below it.
import type { Citation } from './citations';
import { codeLines } from './citations';
import { scanLines, scanNote, titleAndTags, type NoteLink, type NoteScan } from './notes';
import { splitLines } from '../text';

/** What changed between two analyses of one note, for updating the notes index in place. */
export interface NoteRescan {
  scan: NoteScan;
  /**
   * Citations of the previous analysis no longer there, and the new ones; the others are the
   * same objects (their line moved in place when lines were added or removed above them).
   * Undefined when the note was scanned whole (the index is best replaced whole too).
   */
  removed?: Citation[];
  added?: Citation[];
}

export function rescanNote(previous: NoteScan, uri: string, text: string): NoteRescan {
  const lines = splitLines(text);
  const old = previous.lines;
  // The changed lines: [first, oldEnd) of the old lines became [first, newEnd) of the new.
  let first = 0;
  const common = Math.min(old.length, lines.length);
  while (first < common && old[first] === lines[first]) first++;
  let oldEnd = old.length;
  let newEnd = lines.length;
  while (oldEnd > first && newEnd > first && old[oldEnd - 1] === lines[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  const skipped = codeLines(lines);
  const shift = newEnd - oldEnd;
  if (previous.info.uri !== uri || !sameOutside(previous.skipped, skipped, first, oldEnd, newEnd)) return { scan: scanNote(uri, text) };

  const info = previous.info;
  const citationsFrom = firstAtLine(info.citations, first);
  const citationsTo = firstAtLine(info.citations, oldEnd);
  const linksFrom = firstAtLine(info.links, first);
  const linksTo = firstAtLine(info.links, oldEnd);
  const added: Citation[] = [];
  const addedLinks: NoteLink[] = [];
  scanLines(lines, skipped, first, newEnd, added, addedLinks);
  // The previous analysis is discarded: its objects below the edit move with their lines, and
  // its lists become the new ones (a keystroke in a 10 MB note copies no list of 200,000).
  if (shift !== 0) {
    for (let i = citationsTo; i < info.citations.length; i++) info.citations[i].line += shift;
    for (let i = linksTo; i < info.links.length; i++) info.links[i].line += shift;
  }
  const removed = replaceRange(info.citations, citationsFrom, citationsTo, added);
  replaceRange(info.links, linksFrom, linksTo, addedLinks);
  // Title and tags come from "#" lines and front matter only: unchanged unless an edit touched one.
  const touchesTitleOrTags = first === 0 || hasHash(old, first, oldEnd) || hasHash(lines, first, newEnd) || frontMatterReaches(lines, first);
  const { title, tags } = touchesTitleOrTags ? titleAndTags(uri, lines, skipped) : info;
  return {
    scan: {
      info: {
        uri,
        title,
        tags,
        citations: info.citations,
        links: info.links,
      },
      lines,
      skipped,
    },
    removed,
    added,
  };
}

/** Replaces items [from, to) of a list by others, in place; returns the ones replaced. */
function replaceRange<T>(list: T[], from: number, to: number, items: T[]): T[] {
  const replaced = list.slice(from, to);
  if (items.length === to - from) {
    for (let i = 0; i < items.length; i++) list[from + i] = items[i];
  } else if (items.length < 10000) {
    list.splice(from, to - from, ...items);
  } else {
    // A spread of that many arguments could exceed the stack: rebuild the tail instead.
    const tail = list.slice(to);
    list.length = from;
    for (const item of items) list.push(item);
    for (const item of tail) list.push(item);
  }
  return replaced;
}

/** Whether the lines outside the edit are code exactly as before (no fence opened or closed by it). */
function sameOutside(before: Uint8Array, after: Uint8Array, first: number, oldEnd: number, newEnd: number): boolean {
  for (let n = 0; n < first; n++) if (before[n] !== after[n]) return false;
  for (let o = oldEnd, n = newEnd; o < before.length; o++, n++) if (before[o] !== after[n]) return false;
  return true;
}

/** The index of the first item at or below a line (items are in line order). */
function firstAtLine(items: readonly { line: number }[], line: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle].line < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

function hasHash(lines: string[], from: number, to: number): boolean {
  for (let n = from; n < to; n++) if (lines[n].includes('#')) return true;
  return false;
}

/** Whether the note opens with front matter that is still open at `line` (title and tags live there). */
function frontMatterReaches(lines: string[], line: number): boolean {
  if (lines[0]?.trim() !== '---') return false;
  for (let n = 1; n < lines.length && n <= line; n++) {
    const trimmed = lines[n].trim();
    if (trimmed === '---' || trimmed === '...') return n >= line;
  }
  return true;
}
