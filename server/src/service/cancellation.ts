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

/** Lets pending I/O and other requests run between two slices of background work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Yields until messages already received have been handled: a `$/cancelRequest` that came with
 * the request is seen before the work starts. (A timer, because the message queue of
 * vscode-jsonrpc runs on setImmediate and would come after an immediate scheduled here.)
 */
export function letQueuedMessagesIn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
