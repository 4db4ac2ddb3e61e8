// Open documents are kept as lines edited in place (core/notes/lineText.ts, behind the
// TextDocument interface in server/src/documentSync.ts). After every random LSP edit (CRLF and
// LF, multi-line ranges, ranges past a line's end or the text's end) the text, the lines, the
// ranges and the offsets must be what the LSP library's own document says; and the analysis
// from the lines each edit says changed must equal a whole analysis of the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { core } from '../helpers.mjs';

function makeRandom(seed) {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
}

const PIECES = [
  'word ', '[@smith2020]', '[@a; @b, p. 3]', ' @jones2021 says', '\n', '\r\n', '\n\n', '\n```\n', '```', '~~~', '\n    indented @code\n',
  '\n# Heading\n', ' #tag ', '#', '`code @x`', 'https://example.org/a_(b)', '\n---\n', '---', '...', 'title: T\n', 'tags: [a, b]\n', '@', '\t', '  ', 'é',
];

function randomText(random, pieces) {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[random(PIECES.length)];
  return text;
}

/** A position anywhere, sometimes past a line's end or past the last line (clients send those). */
function randomPosition(random, document) {
  const line = random(document.lineCount + 1);
  return { line, character: random(40) };
}

const plain = (info) => JSON.parse(JSON.stringify(info));

test('line text: after every random edit, text, lines and positions are what the LSP library document says', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const random = makeRandom(seed);
    let initial = randomText(random, 40);
    if (seed % 2 === 0) initial = initial.replace(/\r?\n/g, '\r\n');
    const reference = TextDocument.create('file:///n.md', 'markdown', 1, initial);
    const lines = new core.LineText(initial);
    for (let edit = 0; edit < 80; edit++) {
      let start = randomPosition(random, reference);
      let end = random(3) === 0 ? randomPosition(random, reference) : start;
      // The library orders a reversed range too; both documents get the same one.
      if (end.line < start.line) [start, end] = [end, start];
      const text = random(4) === 0 ? '' : randomText(random, 1 + random(3));
      TextDocument.update(reference, [{ range: { start, end }, text }], edit + 2);
      lines.replace({ start, end }, text);
      const where = `seed ${seed}, edit ${edit}`;
      assert.equal(lines.getText(), reference.getText(), where);
      assert.equal(lines.lineCount, core.splitLines(reference.getText()).length, where);
      assert.deepEqual(lines.lines, core.splitLines(reference.getText()), where);
      const a = randomPosition(random, reference);
      const b = randomPosition(random, reference);
      const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
      assert.equal(lines.getText(range), reference.getText(range), `${where}: getText(${JSON.stringify(range)})`);
      assert.equal(lines.offsetAt(a), reference.offsetAt(a), `${where}: offsetAt`);
      const offset = random(reference.getText().length + 2);
      // Inside "\r\n" the library may say either side; both say the same line start.
      if (reference.getText()[offset - 1] !== '\r') assert.deepEqual(lines.positionAt(offset), reference.positionAt(offset), `${where}: positionAt(${offset})`);
      const line = random(reference.lineCount);
      assert.deepEqual(lines.getLineRange(line), reference.getLineRange(line), `${where}: getLineRange`);
    }
  }
});

test('line text: the lines each edit changed, composed over several edits, give the whole analysis', () => {
  const uri = 'file:///w/note.md';
  for (let seed = 1; seed <= 40; seed++) {
    const random = makeRandom(seed + 1000);
    const text = (seed % 3 === 0 ? '---\ntitle: Front\ntags: [x]\n---\n' : '') + randomText(random, 150);
    const document = new core.LineText(text);
    let scan = core.scanNoteLines(uri, document.lines);
    let revision = document.revision;
    const index = new core.NotesIndex();
    index.set(scan.info);
    for (let edit = 0; edit < 60; edit++) {
      // One to three edits before the note is analysed again (edits arrive faster than requests).
      for (let k = 1 + random(3); k > 0; k--) {
        const start = { line: random(document.lineCount), character: random(30) };
        const end = random(3) === 0 ? { line: start.line + random(3), character: random(30) } : start;
        document.replace({ start, end }, random(4) === 0 ? '' : randomText(random, 1 + random(3)));
      }
      const changed = document.editsSince(revision);
      revision = document.revision;
      const result = core.rescanLines(scan, uri, document.lines, changed);
      if (result.removed) index.replaceCitations(result.scan.info, result.removed, result.added);
      else index.set(result.scan.info);
      scan = result.scan;
      const whole = core.scanNote(uri, document.getText());
      const where = `seed ${seed}, edit ${edit}: ${JSON.stringify(document.getText())}`;
      assert.deepEqual(plain(scan.info), plain(whole.info), where);
      assert.deepEqual([...scan.skipped], [...whole.skipped], `${where}: code lines`);
      assert.deepEqual([...scan.code.entering], [...whole.code.entering], `${where}: code state`);
      assert.equal(scan.code.frontEnd, whole.code.frontEnd, `${where}: front matter`);
      assert.deepEqual([...scan.hashes], [...whole.hashes], `${where}: "#" lines`);
      const fresh = new core.NotesIndex();
      fresh.set(whole.info);
      const unknown = (key) => key.length < 3;
      assert.deepEqual(plain(index.citationsWhere(uri, unknown, 5)), plain(fresh.citationsWhere(uri, unknown, 5)), `${where}: the index`);
    }
  }
});

test('line text: edits are remembered for a while; an analysis older than that is redone whole', () => {
  const document = new core.LineText('a\nb\nc');
  assert.equal(document.editsSince(document.revision), null);
  document.replace({ start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, 'x\ny');
  document.replace({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'z');
  assert.deepEqual(document.editsSince(0), { first: 0, oldEnd: 2, newEnd: 3 });
  assert.deepEqual(document.lines, ['za', 'bx', 'y', 'c']);
  for (let i = 0; i < 5000; i++) document.replace({ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, 'q');
  assert.equal(document.editsSince(0), undefined);
  assert.deepEqual(document.editsSince(document.revision - 1), { first: 3, oldEnd: 4, newEnd: 4 });
});

test('notes index: the unknown keys of a note, first ones in text order, counted by key', () => {
  const uri = 'file:///w/n.md';
  const text = Array.from({ length: 3000 }, (_, i) => `[@k${i % 700}] and @u${i % 13} and @k${i}`).join('\n');
  const index = new core.NotesIndex();
  index.set(core.analyzeNote(uri, text));
  const unknown = (key) => key.startsWith('u');
  const { first, count } = index.citationsWhere(uri, unknown, 1001);
  const expected = core.analyzeNote(uri, text).citations.filter((c) => unknown(c.key));
  assert.equal(count, expected.length);
  assert.deepEqual(plain(first), plain(expected.slice(0, 1001)));
});

test('citations on the lines an editor shows (inlay hints, quick fixes at the cursor): exactly those of the lines asked', () => {
  const text = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `Line ${i} [@a${i}; @b${i}] and @c${i}.` : i % 3 === 1 ? 'No citation here.' : `@d${i} alone`)).join('\n');
  const citations = core.analyzeNote('file:///w/n.md', text).citations;
  for (const [from, to] of [[0, 0], [1, 1], [0, 399], [10, 70], [398, 500], [250, 240], [-5, 2]]) {
    const expected = citations.filter((c) => c.line >= from && c.line <= to);
    assert.deepEqual(plain(core.citationsInLines(citations, from, to)), plain(expected), `lines ${from}-${to}`);
  }
});
