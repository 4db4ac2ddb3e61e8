// The server's side of the citeproc worker: a queue of jobs run one at a time in a worker thread,
// so no request waits on citeproc-js. A cancelled job that has not started is dropped; one that
// is running is answered as cancelled at once, and if it is still running CANCEL_GRACE_MS later
// (a long note, not a keystroke's quick render) the worker is stopped and a new one rebuilds the
// engines the old one had, so the next job does not wait for work nobody wants. A job running
// past JOB_TIMEOUT_MS (a pathological note or style) stops the worker; the next job starts a new one.
// A worker that cannot start (no dist/citeprocWorker.js) fails the job with that error.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CslItem, CitationCluster, StyleFiles } from '../core/output/citeproc';
import { CancelledError } from '../service/cancellation';
import type { CiteprocJob, CiteprocReply, CiteprocRequest, RenderAnswer } from './citeprocProtocol';

/** A token that says when it is cancelled (LSP's has this shape). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested?(listener: () => void): { dispose(): void };
}

const JOB_TIMEOUT_MS = 120_000;
/** A cancelled job may finish this long (most renders take well under it) before its worker is stopped. */
const CANCEL_GRACE_MS = 500;
/** A worker that runs out of memory stops alone, not the server. */
const WORKER_HEAP_MB = 512;

interface Pending {
  id: number;
  job: CiteprocJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
  settled: boolean;
  stopListening?: { dispose(): void };
}

const workerFile = () => path.join(__dirname, 'citeprocWorker.js');

export class CiteprocRunner {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Styles whose engine the current worker has built (their text). */
  private readonly built = new Set<string>();
  /** The files of those styles, to build them again in a new worker. */
  private readonly builtFiles = new Map<string, StyleFiles>();
  private nextId = 1;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly file: string = workerFile(),
    /** Hears what the worker does that a user may want to know (the Output channel). */
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Whether a job for this style would start at once with its engine built. */
  readyFor(files: StyleFiles): boolean {
    return this.built.has(files.style) && !this.running && this.queue.length === 0;
  }

  /** Whether the style's engine is built (or being built): asking for it again adds nothing. */
  preparing(files: StyleFiles): boolean {
    return this.built.has(files.style) || [this.running, ...this.queue].some((p) => p?.job.type === 'prepare' && p.job.files.style === files.style);
  }

  /** Builds the style's engine in the background, ahead of its first use. */
  prepare(files: StyleFiles): void {
    if (!this.preparing(files)) void this.run({ type: 'prepare', files }).catch(() => undefined);
  }

  render(job: { clusters: CitationCluster[]; items: CslItem[]; nocite: string[]; files: StyleFiles; fallback?: StyleFiles }, token?: CancelToken): Promise<RenderAnswer> {
    return this.run({ type: 'render', ...job }, token) as Promise<RenderAnswer>;
  }

  reference(item: CslItem, files: StyleFiles, token?: CancelToken): Promise<string> {
    return this.run({ type: 'reference', item, files }, token) as Promise<string>;
  }

  dispose(): void {
    for (const pending of this.queue.splice(0)) this.settle(pending, new CancelledError());
    if (this.running) this.settle(this.running, new CancelledError());
    this.stopWorker();
  }

  private run(job: CiteprocJob, token?: CancelToken): Promise<unknown> {
    if (token?.isCancellationRequested) return Promise.reject(new CancelledError());
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, job, resolve, reject, settled: false };
      pending.stopListening = token?.onCancellationRequested?.(() => this.cancel(pending));
      this.queue.push(pending);
      this.pump();
    });
  }

  private cancel(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(pending, new CancelledError());
    if (pending === this.running) {
      clearTimeout(this.graceTimer);
      this.graceTimer = setTimeout(() => {
        if (this.running !== pending) return;
        this.log(`citeproc: stopped a cancelled ${pending.job.type} job that was still running after ${CANCEL_GRACE_MS} ms; restarting the worker`);
        this.restart();
      }, CANCEL_GRACE_MS);
      this.graceTimer.unref?.();
    }
  }

  /** A new worker instead of a busy one: its engines are built again first, the queue goes on. */
  private restart(): void {
    const styles = [...this.builtFiles.values()];
    this.stopWorker();
    this.running = undefined;
    for (const files of styles.reverse()) {
      const pending: Pending = { id: this.nextId++, job: { type: 'prepare', files }, resolve: () => {}, reject: () => {}, settled: false };
      this.queue.unshift(pending);
    }
    this.pump();
  }

  private settle(pending: Pending, error: Error | undefined, value?: unknown): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.stopListening?.dispose();
    if (error) pending.reject(error);
    else pending.resolve(value);
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    this.running = pending;
    // citeproc-js is never loaded on the server's thread (it is bundled only into the worker).
    try {
      const worker = this.startWorker();
      this.timer = setTimeout(() => this.crashed(new Error(`citeproc took over ${JOB_TIMEOUT_MS / 1000} s; stopped`)), JOB_TIMEOUT_MS);
      worker.postMessage({ id: pending.id, job: pending.job } satisfies CiteprocRequest);
    } catch (error) {
      setImmediate(() => this.crashed(error as Error));
    }
  }

  private finished(reply: CiteprocReply): void {
    const pending = this.running;
    if (!pending || pending.id !== reply.id) return;
    clearTimeout(this.timer);
    this.running = undefined;
    if (reply.ok) {
      if (pending.job.type !== 'render' || !reply.value || !(reply.value as RenderAnswer).styleProblem) this.remember(pending.job.files);
      this.settle(pending, undefined, reply.value);
    } else {
      this.settle(pending, new Error(reply.message));
    }
    this.pump();
  }

  private remember(files: StyleFiles): void {
    if (this.built.size >= 4) {
      this.built.clear(); // the worker keeps four engines at most
      this.builtFiles.clear();
    }
    this.built.add(files.style);
    this.builtFiles.set(files.style, files);
  }

  /** The worker failed or stopped: the running job fails, the queue goes on in a new worker. */
  private crashed(error: Error): void {
    this.stopWorker();
    const pending = this.running;
    this.running = undefined;
    if (pending) this.settle(pending, error);
    this.pump();
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    this.log('citeproc: starting its worker thread');
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    worker.on('message', (reply: CiteprocReply) => this.finished(reply));
    worker.on('error', (error) => {
      if (this.worker === worker) this.crashed(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.crashed(new Error('the citeproc worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.built.clear();
    this.builtFiles.clear();
    void worker?.terminate();
  }
}
