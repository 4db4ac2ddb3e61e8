// Writing a file the user asked for without ever leaving a half-written one: the text goes to a
// temporary file in the same folder, then takes the target's name in one rename.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class WriteRefused extends Error {}

/**
 * Writes `text` to `target` atomically. Refuses (WriteRefused, a one-line message) when the
 * target is a folder, when it exists and `overwrite` is false, or when it is one of `protect`
 * (the files the command read: overwriting its own input loses data even with --force).
 */
export function writeFileAtomic(target: string, text: string, options: { overwrite: boolean; protect: string[] }): void {
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) throw new WriteRefused(`${target} is a folder; give a file name`);
  if (existing && isOneOf(target, existing, options.protect)) {
    throw new WriteRefused(`${target} is a corpus file this command reads; not overwritten (choose another output file)`);
  }
  if (existing && !options.overwrite) throw new WriteRefused(`${target} exists; not overwritten (use --force to replace it)`);
  const dir = path.dirname(path.resolve(target));
  if (!statOrUndefined(dir)?.isDirectory()) throw new WriteRefused(`cannot write ${target}: folder ${dir} does not exist`);

  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.overwrite) fs.renameSync(temp, target);
    else linkWithoutClobbering(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof WriteRefused) throw error;
    throw new WriteRefused(`cannot write ${target}: ${(error as Error).message}`);
  }
  fs.rmSync(temp, { force: true });
}

/** A hard link fails if the target appeared meanwhile; where links are not supported, a rename. */
function linkWithoutClobbering(temp: string, target: string): void {
  try {
    fs.linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefused(`${target} exists; not overwritten (use --force to replace it)`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
    fs.renameSync(temp, target);
  }
}

/** Same file by identity (device and inode), so a symlink or hard link to a corpus file counts. */
function isOneOf(target: string, stat: fs.Stats, files: string[]): boolean {
  const resolved = path.resolve(target);
  return files.some((file) => {
    if (path.resolve(file) === resolved) return true;
    const other = statOrUndefined(file);
    return other !== undefined && other.ino !== 0 && other.dev === stat.dev && other.ino === stat.ino;
  });
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
