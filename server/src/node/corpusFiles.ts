// Reads corpus files from disk for the CLI and the server; every failure becomes a Problem
// naming the file, and the other files still load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusFile } from '../core/corpus/corpus';
import type { Problem } from '../core/corpus/model';

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
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return fail((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`);
  }
  if (stat.isDirectory()) return fail('is a folder, not a corpus file');
  if (stat.size > MAX_CORPUS_FILE_BYTES) return fail(`file is ${Math.round(stat.size / 1048576)} MB, over the ${MAX_CORPUS_FILE_BYTES / 1048576} MB limit; skipped`);
  try {
    return { path: file, text: decode(fs.readFileSync(file)) };
  } catch (error) {
    return fail(`cannot read: ${(error as Error).message}`);
  }
}

/** UTF-8 (with or without BOM); bytes that are not UTF-8 are read as Latin-1 rather than lost. */
export function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return bytes.toString('latin1');
  }
}
