// Thresholds the core and the server share, each named once.

/**
 * Above this many papers a corpus counts as large: the topic graph is built when first asked
 * for (not right after loading), without abstract phrases, and memory is handed back after loads.
 */
export const LARGE_CORPUS_PAPERS = 5000;
