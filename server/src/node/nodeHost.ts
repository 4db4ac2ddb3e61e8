// The service's host on Node: the file system through node:fs.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileStat, LitHost, ReadResult } from '../service/host';
import { readTextBounded } from './boundedRead';
import { bundledCorpusPaths, readCorpusFile } from './corpusFiles';
import { findFiles } from './findFiles';

/** Bytes read from each end of a corpus file for its fingerprint. */
const FINGERPRINT_BYTES = 64 * 1024;
const CACHE_FILE = 'corpus.cache';

export interface NodeHostOptions {
  /** Folder of the warm-start cache (asked when needed: the client names it at initialize). */
  cacheDir?: () => string | undefined;
}

/** The CLI's cache folder, and the server's when the client names none: $XDG_CACHE_HOME/litnotes. */
export function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'litnotes');
}

export function createNodeHost(options: NodeHostOptions = {}): LitHost {
  const cacheFile = (name?: string) => {
    const dir = options.cacheDir?.();
    return dir ? path.join(dir, name ? `${name}.cache` : CACHE_FILE) : undefined;
  };
  return {
    fingerprint,
    readCache(name) {
      const file = cacheFile(name);
      if (!file) return undefined;
      try {
        return fs.readFileSync(file);
      } catch {
        return undefined;
      }
    },
    writeCache(bytes, name) {
      const file = cacheFile(name);
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, file);
    },
    bundledCorpusPaths,
    readCorpusFile,
    readNote,
    stat(file: string): FileStat | undefined {
      try {
        const stat = fs.statSync(file);
        return { size: stat.size, mtimeMs: stat.mtimeMs, isFile: stat.isFile() };
      } catch {
        return undefined;
      }
    },
    findFiles,
    watch(files, onChange) {
      const watchers: fs.FSWatcher[] = [];
      for (const file of files) {
        try {
          watchers.push(fs.watch(file, { persistent: false }, () => onChange(file)));
        } catch {
          // A file that is not there yet is reported by the corpus load; nothing to watch.
        }
      }
      return { dispose: () => watchers.forEach((w) => w.close()) };
    },
  };
}

/**
 * A fingerprint of a file's content: SHA-1 of its first and last 64 KB. With the size and mtime
 * it tells a changed file; hashing all of a 100 MB library would cost more than the warm start
 * it is there to allow.
 */
export function fingerprint(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer (issue 10).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const size = fs.fstatSync(fd).size;
    const hash = createHash('sha1');
    const head = Buffer.alloc(Math.min(FINGERPRINT_BYTES, size));
    fs.readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > FINGERPRINT_BYTES) {
      const tail = Buffer.alloc(Math.min(FINGERPRINT_BYTES, size - FINGERPRINT_BYTES));
      fs.readSync(fd, tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A note's text: only a regular, non-binary file of at most maxBytes (boundedRead checks while reading). */
export function readNote(file: string, maxBytes: number): ReadResult {
  const read = readTextBounded(file, maxBytes);
  if (read.ok) return { text: read.text };
  return read.code === 'ENOENT' ? { missing: true } : { error: read.reason };
}
