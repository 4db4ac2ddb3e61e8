// The server's limits and timings, each named once.
export { LARGE_CORPUS_PAPERS } from '../core/limits';

/** Larger notes are not indexed (a message says so). */
export const MAX_NOTE_BYTES = 5 * 1024 * 1024;
/** Notes read from disk between two yields to pending requests. */
export const NOTES_PER_SLICE = 50;
/** Milliseconds of abstract indexing between two yields to pending requests. */
export const ABSTRACT_SLICE_MS = 1; // a keystroke waits at most this long behind the background index (issue 13; 4 ms slices were most of the first keystrokes' tail)
/** Diagnostics of an edited note are published once edits pause this long. */
export const DIAGNOSTICS_DEBOUNCE_MS = 200;
/** A note citing this often has its debounced diagnostics computed in slices, dropped by a newer edit. */
export const SLICED_DIAGNOSTICS_CITATIONS = 5000;
/** Longest a slice of a note's diagnostics holds the event loop (ms). */
export const DIAGNOSTICS_SLICE_MS = 4;
/** At most this many diagnostics per note; one more says how many were left out. */
export const MAX_DIAGNOSTICS_PER_NOTE = 1000;
/** A watched corpus file that shrank by more than half is read again after this pause. */
export const SHRINK_SETTLE_MS = 1000;
/** Corpus globs never look inside these (besides the notes excludes). */
export const CORPUS_GLOB_EXCLUDES = ['**/node_modules/**', '**/.git/**'];
/** The warm-start cache is written this long after the index is complete. */
export const CACHE_WRITE_DELAY_MS = 2000;
/** A rewritten corpus file is reloaded once writes have paused this long. */
export const CORPUS_SETTLE_MS = 200;
