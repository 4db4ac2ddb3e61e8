// Open notes keep their analysis, so an edit is analysed from it (core/notes/rescan): a
// keystroke in a 10 MB note scans the lines it changed, not the whole note (issue 10).
import { analyzeNote, scanNote, type NoteInfo, type NoteScan, type NotesIndex } from '../core/notes/notes';
import { rescanNote } from '../core/notes/rescan';

/** Smaller notes are analysed whole at each edit: it is as fast, and nothing is kept for them. */
const RESCAN_MIN_CHARS = 64 * 1024;

export class OpenNoteScans {
  private readonly scans = new Map<string, NoteScan>();

  /** Analyses a note's new text into the index; `open` notes keep what the next edit needs. */
  analyze(uri: string, text: string, notes: NotesIndex, open: boolean): NoteInfo {
    const previous = this.scans.get(uri);
    this.scans.delete(uri);
    if (!open || text.length < RESCAN_MIN_CHARS) {
      const note = analyzeNote(uri, text);
      notes.set(note);
      return note;
    }
    // Only from the analysis the index holds: the rescan moves its citations in place.
    const result = previous && notes.get(uri) === previous.info ? rescanNote(previous, uri, text) : { scan: scanNote(uri, text) };
    if (result.removed && result.added) notes.replaceCitations(result.scan.info, result.removed, result.added);
    else notes.set(result.scan.info);
    this.scans.set(uri, result.scan);
    return result.scan.info;
  }

  forget(uri: string): void {
    this.scans.delete(uri);
  }
}
