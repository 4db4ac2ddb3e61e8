// The server's limits and timings, each named once.
export { LARGE_CORPUS_PAPERS } from '../core/limits';

/** Larger notes are not indexed (a message says so). */
export const MAX_NOTE_BYTES = 5 * 1024 * 1024;
/** Notes read from disk between two yields to pending requests. */
export const NOTES_PER_SLICE = 50;
/** Milliseconds of abstract indexing between two yields to pending requests. */
export const ABSTRACT_SLICE_MS = 15;
/** A rewritten corpus file is reloaded once writes have paused this long. */
export const CORPUS_SETTLE_MS = 200;
