// An open note's text kept as an array of lines, edited in place (issue 10: the LSP library's
// document concatenated the whole 10 MB text and then flattened it on every keystroke, about
// 15 ms each). An edit replaces the lines it touches and records which lines changed, so the
// note's analysis rescans those lines without splitting or comparing the whole text.
//
// Lines end at "\n"; a "\r" before it (or at the very end) is kept as a flag, so the lines are
// exactly what splitLines gives for the text, and getText() gives the text back byte for byte.
// A lone "\r" inside a line is an ordinary character here (VS Code normalises line ends, so
// it never sends one).

/** Lines [first, oldEnd) of the previous version became lines [first, newEnd) of this one. */
export interface LineEdit {
  first: number;
  oldEnd: number;
  newEnd: number;
}

/** A note's text as lines, with the lines changed since an earlier revision (for rescanLines). */
export interface EditedLines {
  /** The lines now, without their line ends. The editor's own array: read it, never keep it. */
  readonly lines: readonly string[];
  /** Goes up with every edit. */
  readonly revision: number;
  /** The lines changed since a revision (null: none), or undefined when that is no longer known. */
  editsSince(revision: number): LineEdit | null | undefined;
  getText(): string;
}

export interface LinePosition {
  line: number;
  character: number;
}

/** How many edits are remembered for editsSince; older revisions get a whole analysis. */
const EDIT_LOG = 4096;

export class LineText implements EditedLines {
  private readonly text: string[];
  /** True where the line ended with "\r\n" (or, for the last line, "\r"). */
  private cr: boolean[];
  private log: LineEdit[] = [];
  /** The revision log[0] leads from. */
  private logStart = 0;
  private offsets: number[] | undefined;
  revision = 0;

  constructor(content: string) {
    this.text = content.split('\n');
    this.cr = stripCarriageReturns(this.text);
  }

  get lines(): readonly string[] {
    return this.text;
  }

  get lineCount(): number {
    return this.text.length;
  }

  /** Replaces a range (LSP positions, clamped to the text) by new text; returns the lines changed. */
  replace(range: { start: LinePosition; end: LinePosition }, inserted: string): LineEdit {
    let start = this.clamp(range.start);
    let end = this.clamp(range.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) [start, end] = [end, start];
    const lines = this.text;
    const head = lines[start.line].slice(0, start.character);
    // The end line's rest with its own "\r": a "\r" typed at a line's end makes it "\r\n".
    const tail = lines[end.line].slice(end.character) + (this.cr[end.line] ? '\r' : '');
    const pieces = (head + inserted + tail).split('\n');
    const flags = stripCarriageReturns(pieces);
    const removed = end.line - start.line + 1;
    if (pieces.length === removed) {
      for (let i = 0; i < pieces.length; i++) {
        lines[start.line + i] = pieces[i];
        this.cr[start.line + i] = flags[i];
      }
    } else {
      spliceLarge(lines, start.line, removed, pieces);
      spliceLarge(this.cr, start.line, removed, flags);
    }
    const edit = { first: start.line, oldEnd: end.line + 1, newEnd: start.line + pieces.length };
    this.record(edit);
    return edit;
  }

  /** The whole text replaced (a full-content change). */
  replaceAll(content: string): void {
    const fresh = new LineText(content);
    const oldEnd = this.text.length;
    spliceLarge(this.text, 0, oldEnd, fresh.text);
    this.cr = fresh.cr;
    this.record({ first: 0, oldEnd, newEnd: this.text.length });
  }

  editsSince(revision: number): LineEdit | null | undefined {
    if (revision === this.revision) return null;
    if (revision < this.logStart || revision > this.revision) return undefined;
    let edit: LineEdit | undefined;
    for (let i = revision - this.logStart; i < this.log.length; i++) edit = edit ? composeEdits(edit, this.log[i]) : { ...this.log[i] };
    return edit;
  }

  getText(range?: { start: LinePosition; end: LinePosition }): string {
    if (!range) return this.text.map((line, n) => (this.cr[n] ? line + '\r' : line)).join('\n');
    const start = this.clamp(range.start);
    const end = this.clamp(range.end);
    if (end.line < start.line || (end.line === start.line && end.character <= start.character)) return '';
    if (start.line === end.line) return this.text[start.line].slice(start.character, end.character);
    let out = this.text[start.line].slice(start.character) + this.lineEnd(start.line);
    for (let n = start.line + 1; n < end.line; n++) out += this.text[n] + this.lineEnd(n);
    return out + this.text[end.line].slice(0, end.character);
  }

  offsetAt(position: LinePosition): number {
    const { line, character } = this.clamp(position);
    return this.lineOffsets()[line] + character;
  }

  positionAt(offset: number): LinePosition {
    const offsets = this.lineOffsets();
    const total = offsets[offsets.length - 1] + this.text[this.text.length - 1].length + (this.cr[this.text.length - 1] ? 1 : 0);
    const wanted = Math.max(0, Math.min(Math.floor(offset), total));
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (offsets[middle] <= wanted) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: Math.min(wanted - offsets[low], this.text[low].length) };
  }

  /** Line n without its line end (out of range: the last line, or an empty range at the start). */
  getLineRange(line: number): { start: LinePosition; end: LinePosition } {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const n = Math.min(line, this.text.length - 1);
    return { start: { line: n, character: 0 }, end: { line: n, character: this.text[n].length } };
  }

  /** "\n", "\r\n", or "" (the last line, or out of range). */
  getEOLCharacters(line: number): string {
    return line >= 0 && line < this.text.length ? this.lineEnd(line) : '';
  }

  private lineEnd(n: number): string {
    return (this.cr[n] ? '\r' : '') + (n < this.text.length - 1 ? '\n' : '');
  }

  /** A position inside the text: lines past the end go to the end, columns past a line's end to it. */
  private clamp(position: LinePosition): LinePosition {
    const last = this.text.length - 1;
    if (position.line > last) return { line: last, character: this.text[last].length };
    const line = Math.max(0, position.line);
    return { line, character: Math.max(0, Math.min(position.character, this.text[line].length)) };
  }

  /** Start offsets of the lines, built on first use after an edit (only offsetAt/positionAt need them). */
  private lineOffsets(): number[] {
    if (this.offsets) return this.offsets;
    const offsets = new Array<number>(this.text.length);
    let offset = 0;
    for (let n = 0; n < this.text.length; n++) {
      offsets[n] = offset;
      offset += this.text[n].length + (this.cr[n] ? 2 : 1);
    }
    return (this.offsets = offsets);
  }

  private record(edit: LineEdit): void {
    this.offsets = undefined;
    this.log.push(edit);
    this.revision++;
    if (this.log.length > EDIT_LOG) {
      const drop = this.log.length - EDIT_LOG / 2;
      this.log = this.log.slice(drop);
      this.logStart += drop;
    }
  }
}

/**
 * Two edits in a row as one: `a`, then `b` on a's result. The lines either touched, in b's
 * coordinates [min(first), max(a.newEnd, b.oldEnd)), came from a's old lines before a and
 * became b's new lines after b.
 */
export function composeEdits(a: LineEdit, b: LineEdit): LineEdit {
  const first = Math.min(a.first, b.first);
  const end = Math.max(a.newEnd, b.oldEnd);
  return { first, oldEnd: end - (a.newEnd - a.oldEnd), newEnd: end + (b.newEnd - b.oldEnd) };
}

/** Removes the "\r" ending each piece (as splitLines does), returning where there was one. */
function stripCarriageReturns(pieces: string[]): boolean[] {
  const flags = new Array<boolean>(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    flags[i] = piece.charCodeAt(piece.length - 1) === 13;
    if (flags[i]) pieces[i] = piece.slice(0, -1);
  }
  return flags;
}

/** Array splice that takes any number of items (a spread of 100,000 arguments overflows the stack). */
function spliceLarge<T>(list: T[], from: number, count: number, items: T[]): void {
  if (items.length < 10000) {
    list.splice(from, count, ...items);
    return;
  }
  const tail = list.slice(from + count);
  list.length = from;
  for (const item of items) list.push(item);
  for (const item of tail) list.push(item);
}
