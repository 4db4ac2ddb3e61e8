// Every edit that rewrites a citation key (the unknown-key quick fix, the "Search papers" fix's
// range, the switch-to-the-paper's-key fix, rename) is applied to the note's text here, and the
// resulting text is what a user would see: `@{key}` keeps both braces, `[@{key}]` its bracket,
// `@{key}'s` its possessive, and keys with `.`, `:` and `/` are replaced whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const bib =
  '@article{knuth84,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming},\n  year = 1984\n}\n' +
  '@article{smith:2020.deep/learning,\n  ids = {old.smith:2019/dl},\n  author = {Smith, Jane},\n  title = {Deep Learning for Cats},\n  year = 2020\n}\n' +
  // A key Pandoc reads only in braces (it ends in "-").
  '@book{weird2021-,\n  author = {Weird, Al},\n  title = {Keys With Trailing Dashes},\n  year = 2021\n}\n';

// One unknown key per line, and what its preferred quick fix must leave.
const unknown = [
  ['See @{knuth8} here.', 'See @{knuth84} here.'],
  ['Cited [@{knuth8}].', 'Cited [@{knuth84}].'],
  ["In @{knuth8}'s words.", "In @{knuth84}'s words."],
  ['Bare @knuth8, then more.', 'Bare @knuth84, then more.'],
  ['See [@{smith:2020.deep/learnin}, p. 3].', 'See [@{smith:2020.deep/learning}, p. 3].'],
  ['See [@smith:2020.deep/learnin; @knuth84].', 'See [@smith:2020.deep/learning; @knuth84].'],
  ['As @smith:2020.deep/learnin.', 'As @smith:2020.deep/learning.'],
  ['Odd @{weird2021}.', 'Odd @{weird2021-}.'],
  // Bare, the new key would lose its "-": it is written in braces.
  ['Odd @weird2021 too.', 'Odd @{weird2021-} too.'],
];
const aliases = [
  ["By @{old.smith:2019/dl}'s account.", "By @{smith:2020.deep/learning}'s account."],
  ['And [@{old.smith:2019/dl}].', 'And [@{smith:2020.deep/learning}].'],
  ['And @old.smith:2019/dl.', 'And @smith:2020.deep/learning.'],
];
const lines = [...unknown, ...aliases].map(([line]) => line);

let dir;
let client;
let note;
before(async () => {
  dir = makeWorkspace({ 'refs/lib.bib': bib, 'notes/a.md': lines.join('\n') + '\n' });
  client = await new TestClient(dir, { corpus: ['refs/lib.bib'], includeBundledCorpus: false }).start();
  note = uriOf(path.join(dir, 'notes/a.md'));
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The note's line with the edits (one line each) applied, last first. */
function applyOnLine(text, edits) {
  return [...edits]
    .sort((x, y) => y.range.start.character - x.range.start.character)
    .reduce((t, e) => t.slice(0, e.range.start.character) + e.newText + t.slice(e.range.end.character), text);
}

test('the unknown-key quick fix keeps braces, brackets and what follows the key', async () => {
  const diagnostics = await client.waitForDiagnostics(note, (d) => d.filter((x) => x.code === 'unknown-key').length === unknown.length);
  for (const [n, [line, expected]] of unknown.entries()) {
    const diagnostic = diagnostics.find((d) => d.code === 'unknown-key' && d.range.start.line === n);
    assert.ok(diagnostic, `a warning on line ${n}: ${line}`);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: note }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix for ${line} among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(applyOnLine(line, fix.edit.changes[note]), expected);
    // "Search papers for …": the client replaces exactly this range with the chosen key.
    const search = actions.find((a) => a.command?.command === 'litnotes.replaceCitationKey');
    const { range } = search.command.arguments[0];
    assert.equal(line.slice(range.start.character, range.end.character), /"@([^"]+)"/.exec(diagnostic.message)[1], `the search fix replaces the key alone in ${line}`);
  }
});

test('the switch-to-the-paper-key fix keeps braces and keys with . : /', async () => {
  const diagnostics = client.diagnostics.get(note);
  for (const [i, [line, expected]] of aliases.entries()) {
    const n = unknown.length + i;
    const hint = diagnostics.find((d) => d.code === 'alias-key' && d.range.start.line === n);
    assert.ok(hint, `a hint on line ${n}: ${line}`);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: note }, range: hint.range, context: { diagnostics: [hint] } });
    const fix = actions.find((a) => a.title.startsWith('Switch @'));
    assert.equal(applyOnLine(line, fix.edit.changes[note]), expected);
  }
});

test('rename keeps braces and keys with . : / in every note', async () => {
  const line = unknown.length; // "By @{old.smith:2019/dl}'s account."
  const edit = await client.request('textDocument/rename', { ...client.at(note, line, 8), newName: 'smith2020' });
  const byLine = new Map();
  for (const e of edit.changes[note]) byLine.set(e.range.start.line, [...(byLine.get(e.range.start.line) ?? []), e]);
  assert.deepEqual(
    aliases.map(([text], i) => applyOnLine(text, byLine.get(unknown.length + i) ?? [])),
    ["By @{smith2020}'s account.", 'And [@{smith2020}].', 'And @smith2020.'],
  );
  assert.equal(applyOnLine(lines[4], byLine.get(4) ?? []), lines[4], 'the unknown key near the paper\'s is not touched');
});
