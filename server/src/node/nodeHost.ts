// The service's host on Node: the file system through node:fs.
import * as fs from 'node:fs';
import type { FileStat, LitHost, ReadResult } from '../service/host';
import { bundledCorpusPaths, decode, readCorpusFile } from './corpusFiles';
import { findFiles } from './findFiles';

export function createNodeHost(): LitHost {
  return {
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

/** Reads a regular file of at most maxBytes; the size is checked while reading, not only by stat. */
export function readNote(file: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, 1 << 20));
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { tooLarge: total };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { text: decode(Buffer.concat(chunks, total)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { missing: true } : { error: (error as Error).message };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
