// Typo-tolerant prefix matching: which vocabulary words start with something within k edits of
// what was typed ("equivarin" -> "equivariant", "transfomr" -> "transformer", "difusio" ->
// "diffusion").
//
// The sorted vocabulary is walked as a trie without building one: the words below a trie node
// (a shared prefix) are a contiguous range, and its children are found by binary search on the
// next character. Along each path a row of the edit distance (Levenshtein plus swaps of
// neighbours) between the typed word and the path is kept; a subtree is left as soon as no
// cell of its row is within k, and a node whose distance to the whole typed word is within k
// matches every word below it. The cost is the nodes visited, bounded by `maxNodes`, and mostly
// the binary searches for children: they read the words' first characters from columns of bytes
// (vocabularyColumns, built with the index) rather than from a string per probe, each a pointer
// to follow and, at 100k papers, mostly a cache miss.

/** A range of vocabulary ids whose words all start within `distance` edits of the typed word. */
export interface FuzzyRange {
  lo: number;
  hi: number;
  distance: number;
}

/** Edits allowed in a typed word of this length: one in the first 8 characters, two beyond. */
export function editsAllowed(length: number): number {
  return length < 4 ? 0 : length <= 8 ? 1 : 2;
}

const MAX_WORD = 32;

/** Characters of each word kept in columns: deeper trie nodes are small ranges, cheap to search in the strings. */
export const COLUMN_DEPTH = 8;
/** A column's byte for a character from 255 up (rare: tokens are folded to ASCII): read it from the word. */
const WIDE = 255;

/**
 * The first COLUMN_DEPTH characters of the sorted vocabulary, column by column: byte
 * `d * vocabulary.length + i` is character d of word i (0 past its end, at most WIDE), so a
 * column is sorted within any range of words sharing their first d characters.
 */
export function vocabularyColumns(vocabulary: string[]): Uint8Array {
  const steps = vocabularyColumnsInSteps(vocabulary);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** vocabularyColumns in steps of about 2^16 characters, for a server that answers requests in between. */
export function* vocabularyColumnsInSteps(vocabulary: string[]): Generator<void, Uint8Array, void> {
  const count = vocabulary.length;
  const columns = new Uint8Array(count * COLUMN_DEPTH);
  const STEP = 1 << 13;
  for (let i = 0; i < count; i++) {
    const word = vocabulary[i];
    const end = Math.min(word.length, COLUMN_DEPTH);
    for (let d = 0; d < end; d++) columns[d * count + i] = Math.min(word.charCodeAt(d), WIDE);
    if ((i & (STEP - 1)) === STEP - 1) yield;
  }
  return columns;
}

/**
 * Ranges of words that start within k edits (k ≥ 1) of `word`, at distance 1..k; exact prefixes
 * (distance 0) are left to the caller, who finds them with one binary search.
 * Nested ranges come out when a deeper prefix is closer ("transfo" at 2, "transform" at 1).
 */
export function fuzzyPrefixRanges(vocabulary: string[], word: string, k: number, maxNodes = 20000, columns: Uint8Array = vocabularyColumns(vocabulary)): FuzzyRange[] {
  const out: FuzzyRange[] = [];
  if (k <= 0 || vocabulary.length === 0 || word.length > MAX_WORD) return out;
  const count = vocabulary.length;
  /** Character `depth` of word i (NaN past its end beyond the columns, as charCodeAt). */
  const charAt = (i: number, depth: number): number => {
    if (depth < COLUMN_DEPTH) {
      const code = columns[depth * count + i];
      if (code !== WIDE) return code;
    }
    return vocabulary[i].charCodeAt(depth);
  };
  /** First index in [lo, hi) whose character at `depth` is at least `code` (the range shares its first `depth` characters and is longer). */
  const lowerBoundAt = (lo: number, hi: number, depth: number, code: number): number => {
    if (depth < COLUMN_DEPTH && code <= WIDE) {
      // A byte clipped to WIDE stands for a character ≥ WIDE ≥ code: the comparison holds.
      const base = depth * count;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (columns[base + m] < code) lo = m + 1;
        else hi = m;
      }
      return lo;
    }
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (vocabulary[m].charCodeAt(depth) < code) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const L = word.length;
  const width = L + 1;
  const maxDepth = L + k;
  const query = new Int32Array(L);
  for (let j = 0; j < L; j++) query[j] = word.charCodeAt(j);
  // rows[d * width + j]: distance between the path's first d characters and word[0..j).
  const rows = new Int32Array((maxDepth + 1) * width);
  for (let j = 0; j <= L; j++) rows[j] = j;
  const path = new Int32Array(maxDepth + 1);
  let nodes = 0;

  const visit = (depth: number, lo: number, hi: number, bestSoFar: number): void => {
    let i = lo;
    if (depth < COLUMN_DEPTH ? columns[depth * count + i] === 0 : vocabulary[i].length === depth) i++; // the word that ends here sorts first
    while (i < hi && nodes < maxNodes) {
      const c = charAt(i, depth);
      // The first letter is taken as typed (writers rarely slip there; it keeps the walk small).
      if (depth === 0 && c !== query[0]) {
        i = c < query[0] ? lowerBoundAt(i, hi, 0, query[0]) : hi;
        continue;
      }
      // The child's range: the words in [i, hi) with c at this depth.
      const j = lowerBoundAt(i + 1, hi, depth, c + 1);
      nodes++;
      path[depth] = c;
      const prev = depth * width;
      const row = prev + width;
      rows[row] = depth + 1;
      let rowMin = depth + 1;
      for (let q = 1; q <= L; q++) {
        const cost = query[q - 1] === c ? 0 : 1;
        let d = Math.min(rows[prev + q] + 1, rows[row + q - 1] + 1, rows[prev + q - 1] + cost);
        // Two neighbours swapped ("transfomr"): one edit, not two.
        if (depth >= 1 && q >= 2 && query[q - 1] === path[depth - 1] && query[q - 2] === c) {
          d = Math.min(d, rows[prev - width + q - 2] + 1);
        }
        rows[row + q] = d;
        if (d < rowMin) rowMin = d;
      }
      if (rowMin <= k) {
        const distance = rows[row + L];
        let best = bestSoFar;
        if (distance < best) {
          if (distance > 0) out.push({ lo: i, hi: j, distance });
          best = distance;
        }
        // Deeper prefixes can only be closer; within one edit, only a clean prefix would be,
        // and the caller has those.
        if (best > 1 && depth + 1 < maxDepth) visit(depth + 1, i, j, best);
      }
      i = j;
    }
  };
  visit(0, 0, vocabulary.length, k + 1);
  return out;
}
