// One "Literature Notes: indexing" progress in the client for overlapping rebuilds. A rebuild can
// start while another is still loading (the corpus loads on another thread); giving each its own
// reporter left the first one spinning forever when rebuilds ended out of order.
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Progress } from './service/service';

export interface IndexingProgress {
  /** Creates (or joins) the client's progress before a rebuild starts, so its end reaches the client before "ready". */
  beforeRebuild(): Promise<void>;
  /** Ends the progress if no rebuild is left running (also when a rebuild failed before it began). */
  afterRebuild(): void;
  onServiceProgress(event: Progress): void;
}

export function createIndexingProgress(
  createReporter: () => Promise<WorkDoneProgressServerReporter> | undefined,
): IndexingProgress {
  let creating: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  let reporter: WorkDoneProgressServerReporter | undefined;
  let running = 0;

  function endIfIdle(): void {
    if (running > 0 || !creating) return;
    creating = undefined;
    reporter?.done();
    reporter = undefined;
  }

  const progress: IndexingProgress = {
    async beforeRebuild() {
      if (!creating) {
        const pending = createReporter();
        if (!pending) return;
        const mine: Promise<WorkDoneProgressServerReporter | undefined> = pending.then(
          (created) => {
            created.begin('Literature Notes: indexing', 0, 'corpus', false);
            // Ended (no rebuild left) before the client answered: it must not stay spinning.
            if (creating !== mine) created.done();
            else reporter = created;
            return created;
          },
          () => undefined,
        );
        creating = mine;
      }
      const joined = creating;
      await joined;
      // The rebuild we joined ended while we waited: this rebuild gets its own progress.
      if (creating === undefined && joined !== undefined) await progress.beforeRebuild();
    },
    afterRebuild() {
      endIfIdle();
    },
    onServiceProgress(event) {
      if (event.kind === 'begin') running++;
      else if (event.kind === 'report') reporter?.report(event.percentage ?? 0, event.message ?? '');
      else {
        running = Math.max(0, running - 1);
        endIfIdle();
      }
    },
  };
  return progress;
}
