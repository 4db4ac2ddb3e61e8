// Typing into a 10 MB note in one process, without LSP: 2,000 one-character edits to the
// document's lines (core LineText), each analysed from the previous analysis (rescanLines), as
// the server does per keystroke. Prints the CPU time per keystroke and the garbage collections
// by kind (1 scavenge, 4 mark-compact, 8 incremental marking), which a loaded machine does not
// change much. ROOT (a checkout with dist/ built) compares another version:
//   node test/bench/noteKeystrokes.mjs [ROOT]
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { root } from '../helpers.mjs';

const core = createRequire(import.meta.url)(path.join(process.argv[2] ?? root, 'dist', 'core.js'));
const KEYSTROKES = 2000;

const lines = ['# A very large note', ''];
for (let size = 0, n = 0; size < 10 * 1048576; n++) {
  const line = `Some words of prose here and there ${n} [@entry${n % 2000}; @nosuch${n}, p. 3] and @entry${(n * 7) % 2000} says so. See [-@entry${n % 97}].`;
  lines.push(line, '');
  size += line.length + 2;
}
const uri = 'file:///notes/big.md';
const document = new core.LineText(lines.join('\n'));
let scan = core.scanNoteLines(uri, document.lines);
let revision = document.revision;

const collections = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (collections[entry.detail?.kind] ??= { count: 0, ms: 0 });
    kind.count++;
    kind.ms = Math.round(kind.ms + entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

// In the middle of the note, at the end of a line; a citation started every 40 characters.
const line = 2 * Math.floor(lines.length / 4);
let column = document.lines[line].length;
const before = process.cpuUsage();
for (let k = 0; k < KEYSTROKES; k++) {
  const text = k % 40 === 0 ? ' [@entr' : 'a';
  document.replace({ start: { line, character: column }, end: { line, character: column } }, text);
  column += text.length;
  const edit = document.editsSince(revision);
  revision = document.revision;
  scan = core.rescanLines(scan, uri, document.lines, edit).scan;
}
const used = process.cpuUsage(before);
await new Promise((resolve) => setTimeout(resolve, 100)); // the last collections' entries
console.log(JSON.stringify({ keystrokes: KEYSTROKES, cpuMsPerKeystroke: Number(((used.user + used.system) / 1000 / KEYSTROKES).toFixed(3)), citations: scan.info.citations.length, collections }));
