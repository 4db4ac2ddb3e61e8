// Reads corpus files from disk for the CLI and the server; every failure becomes a Problem
// naming the file, and the other files still load. Only regular files, size bounded while
// reading (boundedRead), and only files that look like a corpus (core/readers/sniff).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusFile } from '../core/corpus/corpus';
import type { Problem } from '../core/corpus/model';
import { notCorpusReason } from '../core/readers/sniff';
import { readTextBounded } from './boundedRead';

export { decode } from './boundedRead';

/** Larger files are refused rather than risk the editor's memory. */
export const MAX_CORPUS_FILE_BYTES = 200 * 1024 * 1024;

/** The corpus shipped with the extension: `corpus/` beside `dist/`. */
export function bundledCorpusDir(): string {
  return path.resolve(__dirname, '..', 'corpus');
}

export function bundledCorpusPaths(): string[] {
  const dir = bundledCorpusDir();
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

export interface LoadedFiles {
  files: CorpusFile[];
  problems: Problem[];
}

export function readCorpusFiles(paths: string[]): LoadedFiles {
  const files: CorpusFile[] = [];
  const problems: Problem[] = [];
  for (const file of paths) {
    const result = readCorpusFile(file);
    if ('text' in result) files.push(result);
    else problems.push(result);
  }
  return { files, problems };
}

export function readCorpusFile(file: string): CorpusFile | Problem {
  const fail = (message: string): Problem => ({ file, line: 1, severity: 'error', message });
  const read = readTextBounded(file, MAX_CORPUS_FILE_BYTES);
  if (!read.ok) return fail(read.reason === 'is a folder, not a file' ? 'is a folder, not a corpus file' : read.reason);
  const notCorpus = notCorpusReason(file, read.text);
  if (notCorpus) return fail(`${notCorpus}; skipped`);
  return { path: file, text: read.text };
}
