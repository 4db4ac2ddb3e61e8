// Open notes keep their analysis, so an edit is analysed from it (core/notes/rescan): a
// keystroke in a 10 MB note scans the lines it changed, not the whole note (issue 10). An open
// document held as lines (core/notes/lineText) says which lines changed since the analysis;
// a plain text is compared line by line with the previous one.
import { analyzeNote, scanNote, scanNoteLines, type NoteInfo, type NoteScan, type NotesIndex } from '../core/notes/notes';
import { rescanLines, rescanNote, type NoteRescan } from '../core/notes/rescan';
import type { EditedLines } from '../core/notes/lineText';

/** A note's text: a string, or an open document's lines that know their edits. */
export type NoteText = string | EditedLines;

/** Smaller notes are analysed whole at each edit: it is as fast, and nothing is kept for them. */
const RESCAN_MIN_CHARS = 64 * 1024;

interface KeptScan {
  scan: NoteScan;
  /** The document it was analysed from and its revision then (undefined: from a string). */
  source?: EditedLines;
  revision: number;
}

export class OpenNoteScans {
  private readonly scans = new Map<string, KeptScan>();

  /** Analyses a note's new text into the index; `open` notes keep what the next edit needs. */
  analyze(uri: string, text: NoteText, notes: NotesIndex, open: boolean): NoteInfo {
    const previous = this.scans.get(uri);
    this.scans.delete(uri);
    const small = typeof text === 'string' ? text.length < RESCAN_MIN_CHARS : shorterThan(text.lines, RESCAN_MIN_CHARS);
    if (!open || small) {
      const note = typeof text === 'string' ? analyzeNote(uri, text) : scanNoteLines(uri, text.lines).info;
      notes.set(note);
      return note;
    }
    // Only from the analysis the index holds: the rescan moves its citations in place.
    const usable = previous && notes.get(uri) === previous.scan.info ? previous : undefined;
    const result = typeof text === 'string' ? this.fromText(usable, uri, text) : this.fromLines(usable, uri, text);
    if (result.removed && result.added) notes.replaceCitations(result.scan.info, result.removed, result.added);
    else if (notes.get(uri) !== result.scan.info) notes.set(result.scan.info);
    this.scans.set(uri, { scan: result.scan, source: typeof text === 'string' ? undefined : text, revision: typeof text === 'string' ? 0 : text.revision });
    return result.scan.info;
  }

  forget(uri: string): void {
    this.scans.delete(uri);
  }

  private fromText(previous: KeptScan | undefined, uri: string, text: string): NoteRescan {
    // A scan of a document's lines cannot be compared with: its lines changed with the document.
    return previous && !previous.source ? rescanNote(previous.scan, uri, text) : { scan: scanNote(uri, text) };
  }

  private fromLines(previous: KeptScan | undefined, uri: string, document: EditedLines): NoteRescan {
    const edit = previous?.source === document ? document.editsSince(previous.revision) : undefined;
    if (edit === null) return { scan: previous!.scan }; // nothing changed since
    if (!edit) return { scan: scanNoteLines(uri, document.lines) };
    return rescanLines(previous!.scan, uri, document.lines, edit);
  }
}

/** Whether lines hold fewer characters than a limit (counted until they reach it). */
function shorterThan(lines: readonly string[], limit: number): boolean {
  let total = 0;
  for (let n = 0; n < lines.length; n++) {
    total += lines[n].length + 1;
    if (total >= limit) return false;
  }
  return true;
}
