// Runs stepwise work (a generator from the core) on the event loop in short slices, so the
// requests that arrive meanwhile wait at most one slice.
import { CancelledError, yieldToEventLoop } from './cancellation';

/** Longest a slice holds the event loop (ms): a keystroke behind it stays well under 20 ms. */
export const TOPIC_SLICE_MS = 8;

/**
 * Steps `steps` until it returns, `sliceMs` at a time with the event loop free in between.
 * Rejects with CancelledError once `stale()` says the result is no longer wanted.
 */
export async function runInSlices<T>(steps: Generator<void, T>, stale: () => boolean, sliceMs = TOPIC_SLICE_MS): Promise<T> {
  for (;;) {
    await yieldToEventLoop();
    if (stale()) throw new CancelledError();
    const until = performance.now() + sliceMs;
    do {
      const next = steps.next();
      if (next.done) return next.value;
    } while (performance.now() < until);
  }
}
