// An edit of an open note, analysed again from the previous analysis: only the lines the edit
// changed are scanned for citations and links (issue 10: a keystroke in a 10 MB note scanned
// all of it, twice, for its completion and its hover). Which lines are code is followed from
// the edit down until the code state is what it was (updateCodeState): a fence typed in one
// line changes what is code far below it, a letter does not. An open document says which lines
// changed (rescanLines, from LineText), so nothing is split or compared; a new text is compared
// line by line with the previous one (rescanNote).
import type { Citation } from './citations';
import { codeState, updateCodeState } from './citations';
import { firstAtLine, hashLines, scanLines, scanNoteLines, titleAndTags, type NoteLink, type NoteScan } from './notes';
import type { LineEdit } from './lineText';
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

/** A note's new text analysed from its previous analysis (the changed lines found by comparing). */
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
  return rescanLines(previous, uri, lines, { first, oldEnd, newEnd });
}

/**
 * A note's lines after an edit, analysed from the analysis of the lines before it: `edit` says
 * which lines changed (lines [first, oldEnd) of the previous analysis are [first, newEnd) now).
 * The previous analysis is used up: its citation lists become the new ones, and its arrays of
 * flags too when the edit keeps the number of lines.
 */
export function rescanLines(previous: NoteScan, uri: string, lines: readonly string[], edit: LineEdit): NoteRescan {
  const { first, oldEnd, newEnd } = edit;
  const shift = newEnd - oldEnd;
  const oldCount = previous.skipped.length;
  if (previous.info.uri !== uri || oldCount + shift !== lines.length || first > oldEnd || oldEnd > oldCount) return { scan: scanNoteLines(uri, lines) };
  // The lines to scan again, [from, to) now and [from, to - shift) before: the edited ones and
  // those whose code state it changed.
  const updated = updateCodeState(previous.code, lines, edit);
  const code = updated?.code ?? codeState(lines);
  let from = first;
  let to = updated?.end ?? lines.length;
  if (!updated) {
    // Front matter opened, closed or moved: the lines whose code state changed, above and below.
    from = 0;
    while (from < first && code.skipped[from] === previous.skipped[from]) from++;
    while (to > newEnd && code.skipped[to - 1] === previous.skipped[to - 1 - shift]) to--;
  }
  // Whether the lines scanned again held "#" before the edit (asked before `hashes` is updated:
  // with as many lines as before, the previous array is updated in place).
  const hashedBefore = anySet(previous.hashes, from, to - shift);
  const hashes = shift === 0 ? previous.hashes : new Uint8Array(lines.length);
  if (shift !== 0) {
    hashes.set(previous.hashes.subarray(0, first));
    hashes.set(previous.hashes.subarray(oldEnd), newEnd);
  }
  hashes.set(hashLines(lines, first, newEnd), first);

  const info = previous.info;
  const citationsFrom = firstAtLine(info.citations, from);
  const citationsTo = firstAtLine(info.citations, to - shift);
  const linksFrom = firstAtLine(info.links, from);
  const linksTo = firstAtLine(info.links, to - shift);
  const added: Citation[] = [];
  const addedLinks: NoteLink[] = [];
  scanLines(lines, code.skipped, from, to, added, addedLinks);
  // The previous analysis is discarded: its objects below the edit move with their lines, and
  // its lists become the new ones (a keystroke in a 10 MB note copies no list of 200,000).
  if (shift !== 0) {
    for (let i = citationsTo; i < info.citations.length; i++) info.citations[i].line += shift;
    for (let i = linksTo; i < info.links.length; i++) info.links[i].line += shift;
  }
  const removed = replaceRange(info.citations, citationsFrom, citationsTo, added);
  replaceRange(info.links, linksFrom, linksTo, addedLinks);
  // Title and tags come from "#" lines and front matter only: unchanged unless an edit touched one.
  const touchesTitleOrTags =
    !updated || from === 0 || openFrontMatter(lines, code.frontEnd) || hashedBefore || anySet(hashes, from, to);
  const { title, tags } = touchesTitleOrTags ? titleAndTags(uri, lines, code.skipped, hashes) : info;
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
      skipped: code.skipped,
      code,
      hashes,
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


function anySet(flags: Uint8Array, from: number, to: number): boolean {
  for (let n = from; n < to; n++) if (flags[n]) return true;
  return false;
}

/**
 * A first line "---" with no end: not front matter to the code scan, but the title and tags
 * are read from it (to the end of the note), so any edit may change them.
 */
function openFrontMatter(lines: readonly string[], frontEnd: number): boolean {
  return frontEnd === 0 && lines[0]?.trim() === '---';
}
