// Every hostile shape at 10 KB and at 1 MB: a parser that runs in linear time takes about 100
// times longer on the larger; backtracking or rescanning shows as 10,000 times or no answer.
// Timed in CPU ms in a worker (test/hostile.mjs), best of a few runs: the machine may be shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHAPES, measureShape } from '../hostile.mjs';

// 100x the input: linear reads about 100x, n log n (a sort, a growing hash table) about 150x, and
// quadratic 10,000x. 250x leaves room for n log n and for the larger input's cache misses (a
// linear note scan read 152x at load 0.3 after five tries), and still fails anything growing as
// n^1.2 or faster.
const LIMIT = 250;

/**
 * Shapes of parsers owned by other engineers that still fail here, until their fixes land: the
 * lead flips these when merging. Measured 2026-11-23 on the shared 2-core machine (CPU time,
 * 10 KB -> 1 MB; noisy).
 */
const TODO = {
  // Fixed since: the digest tag line with spaces, the long search queries (issues 12, 13); nested
  // LaTeX accents and a run of "\\" (latexToUnicode is one scan with a capped accent stack).
};

for (const shape of SHAPES) {
  const id = `${shape.target}: ${shape.name}`;
  const todo = TODO[id];
  test(`linear time: ${id}`, { todo }, async () => {
    let best;
    // A measurement over the limit is taken again, up to five times: a quadratic parser fails
    // every time, while a linear one read 151x and 153x in three tries each at load 17 (the
    // 10 KB time is a fraction of a millisecond, so its noise moves the ratio most).
    for (let attempt = 0; attempt < 5 && !(best?.ratio <= LIMIT); attempt++) {
      const result = await measureShape(shape, { cpuLimitMs: todo ? 2000 : 15000 });
      if (result.error) assert.fail(`${id}: ${result.error}`);
      if (!best || result.ratio < best.ratio) best = result;
    }
    const numbers = `${best.small.toFixed(2)} ms at 10 KB, ${best.large.toFixed(1)} ms at 1 MB: ${best.ratio.toFixed(0)}x`;
    assert.ok(best.ratio <= LIMIT, `${id}: ${numbers}, over ${LIMIT}x`);
  });
}
