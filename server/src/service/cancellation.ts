// Cancellation without LSP: the LSP layer's CancellationToken fits this shape, and so does
// `{ isCancellationRequested: false }` in the CLI and the tests.

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** Thrown by a service operation whose token was cancelled; the LSP layer answers RequestCancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}

/** Lets queued messages (a `$/cancelRequest`, other requests) run before the next slice of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A token a newer task of the same kind cancels (a rebuild supersedes the previous one). */
export class TaskToken implements CancellationToken {
  private cancelled = false;
  get isCancellationRequested(): boolean {
    return this.cancelled;
  }
  cancel(): void {
    this.cancelled = true;
  }
}
