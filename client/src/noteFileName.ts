// The file name New Note from Paper gives a paper's note: any key, however crafted, names a
// file inside the notes folder. Pure (no vscode import), so a unit test can load it.

/**
 * A key as a file name: path separators, "..", characters Windows forbids and control
 * characters become "-", so the note always lands inside the notes folder.
 */
export function noteFileName(key: string): string {
  const name = key
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name);
  return name === '' || reserved ? `paper-${name || 'untitled'}` : name;
}
