// Reading a file the user named, without trusting it: only regular files (a device such as
// /dev/zero, a FIFO or a socket would never end or block), and the size checked while reading,
// not only by stat (which says 0 for devices and can be outdated by a writer).
import * as fs from 'node:fs';
import { binaryReason } from '../core/text';

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  /** reason is a short sentence for a problem message; code is the errno code when there is one. */
  | { ok: false; reason: string; code?: string };

/** O_NONBLOCK: opening a FIFO that a stat check let through (a race) returns instead of waiting. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const CHUNK_BYTES = 1024 * 1024;
const MIN_CHUNK_BYTES = 64 * 1024;

/**
 * The next read's size: what stat promised plus one byte (to see the end, or growth), at least
 * 64 KB for files stat knows nothing of, never past the limit. Not a 1 MB buffer per read: a
 * thousand small notes would allocate 2 GB and spend the start collecting it.
 */
function chunkSize(expected: number, total: number, maxBytes: number): number {
  return Math.min(CHUNK_BYTES, maxBytes + 1 - total, Math.max(MIN_CHUNK_BYTES, expected + 1 - total));
}

export function readFileBounded(file: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    const refused = refuse(fs.statSync(file), maxBytes);
    if (refused) return refused;
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const again = refuse(stat, maxBytes);
    if (again) return again;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize(stat.size, total, maxBytes));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return tooLarge(maxBytes);
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The same for callers that must not block the event loop (the service reading many notes). */
export async function readFileBoundedAsync(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    const refused = refuse(await fs.promises.stat(file), maxBytes);
    if (refused) return refused;
    handle = await fs.promises.open(file, OPEN_FLAGS);
    const stat = await handle.stat();
    const again = refuse(stat, maxBytes);
    if (again) return again;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize(stat.size, total, maxBytes));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(error);
  } finally {
    await handle?.close();
  }
}

export type TextRead = { ok: true; text: string } | { ok: false; reason: string; code?: string };

/** A bounded read decoded as text; binary content is refused with the reason. */
export function readTextBounded(file: string, maxBytes: number): TextRead {
  const read = readFileBounded(file, maxBytes);
  return read.ok ? asText(read.bytes) : read;
}

export async function readTextBoundedAsync(file: string, maxBytes: number): Promise<TextRead> {
  const read = await readFileBoundedAsync(file, maxBytes);
  return read.ok ? asText(read.bytes) : read;
}

function asText(bytes: Buffer): TextRead {
  const binary = binaryReason(bytes);
  return binary ? { ok: false, reason: `${binary}; skipped` } : { ok: true, text: decode(bytes) };
}

/** UTF-8 (with or without BOM); bytes that are not UTF-8 are read as Latin-1 rather than lost. */
export function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return bytes.toString('latin1');
  }
}

function refuse(stat: fs.Stats, maxBytes: number): BoundedRead | undefined {
  if (stat.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file (a device, FIFO or socket); skipped' };
  if (stat.size > maxBytes) return tooLarge(maxBytes, stat.size);
  return undefined;
}

function tooLarge(maxBytes: number, size?: number): BoundedRead {
  const mb = (n: number) => (n < 1048576 ? `${Math.ceil(n / 1024)} KB` : `${Math.round((n / 1048576) * 10) / 10} MB`);
  // "5 MB, over the 5 MB limit" would read as a contradiction: the size is said only when it differs.
  const shown = size === undefined || mb(size) === mb(maxBytes) ? '' : `${mb(size)}, `;
  return { ok: false, reason: `file is ${shown}over the ${mb(maxBytes)} limit; skipped` };
}

function failure(error: unknown): BoundedRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { ok: false, reason: 'file not found', code };
  if (code === 'EISDIR') return { ok: false, reason: 'is a folder, not a file', code };
  return { ok: false, reason: `cannot read: ${(error as Error).message}`, code };
}
