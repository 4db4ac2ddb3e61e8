// What the service needs from the machine it runs on. Implemented once for Node
// (server/src/node/nodeHost.ts); the tests implement it in memory.
import type { CorpusFile } from '../core/corpus/corpus';
import type { Problem } from '../core/corpus/model';

export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
}

export type ReadResult =
  | { text: string }
  /** Not there (deleted, never existed): not worth a message for a note. */
  | { missing: true }
  | { tooLarge: number }
  | { error: string };

export interface Disposable {
  dispose(): void;
}

export interface LitHost {
  /** The corpus files that ship with the extension. */
  bundledCorpusPaths(): string[];
  /** A corpus file's text, or a problem naming the file and why it cannot be read. */
  readCorpusFile(file: string): CorpusFile | Problem;
  /** A note's text, reading at most maxBytes. */
  readNote(file: string, maxBytes: number): ReadResult;
  stat(file: string): FileStat | undefined;
  /** Files under a folder matching the include globs and none of the exclude globs, sorted. */
  findFiles(folder: string, include: string[], exclude: string[]): string[];
  /**
   * A content fingerprint of a file for the warm-start cache (with its size and mtime).
   * Optional: without it nothing is cached.
   */
  fingerprint?(file: string): string | undefined;
  /** The warm-start cache's bytes as last saved, if any; `name` picks one of several caches. */
  readCache?(name?: string): Uint8Array | undefined;
  /** Saves the warm-start cache (atomically: a reader never sees half a file). */
  writeCache?(bytes: Uint8Array, name?: string): void;
  /**
   * Calls back when one of these files changes, for clients that cannot watch files themselves.
   * Optional: without it the service relies on the client's file events.
   */
  watch?(files: string[], onChange: (file: string) => void): Disposable;
}

/** Where the service writes what it has to say (the LSP layer's log, the CLI's stderr). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
