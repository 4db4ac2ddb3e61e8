// Walks a folder for the files matching include globs and none of the exclude globs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export function findFiles(folder: string, include: string[], exclude: string[]): string[] {
  const isIncluded = picomatch(include, { dot: true });
  const isExcluded = picomatch(exclude, { dot: true });
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(folder, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!isExcluded(relative + '/') && !isExcluded(relative) && !isExcluded(relative + '/x')) walk(full);
      } else if (isIncluded(relative) && !isExcluded(relative)) {
        // Links, FIFOs and devices too: the bounded reader follows a link to a note and gives
        // the others a message, rather than leaving them out without a word (issue 10).
        found.push(full);
      }
    }
  };
  walk(folder);
  return found.sort();
}
