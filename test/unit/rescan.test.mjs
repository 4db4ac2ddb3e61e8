// An edit of an open note is analysed from the previous analysis (core/notes/rescan.ts): after
// every one of thousands of random edits (fences, front matter, headings, tags, citations, URLs,
// new lines) it must equal a whole analysis of the new text, and so must the notes index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const PIECES = [
  'word ', 'More text. ', '[@smith2020]', '[@a; @b, p. 3]', ' @jones2021 says', '[-@c]', '\n', '\n\n', '\n```\n', '```', '~~~',
  '\n    indented @code\n', '\n# Heading\n', ' #tag ', '#', '`code @x`', '`', 'https://example.org/a_(b)', '\n---\n', '---', 'title: T\n',
  'tags: [a, b]\n', '@', '[', ']', '\t', '  ',
];

function makeRandom(seed) {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
}

function randomText(random, pieces) {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[random(PIECES.length)];
  return text;
}

const plain = (info) => JSON.parse(JSON.stringify(info));
const sites = (index, keys) => keys.map((key) => index.citationsOf(key).map((s) => `${s.uri}:${s.citation.line}:${s.citation.start}`));

test('rescan: after every random edit the analysis equals a whole analysis of the new text', () => {
  const uri = 'file:///w/note.md';
  for (let seed = 1; seed <= 40; seed++) {
    const random = makeRandom(seed);
    let text = (seed % 3 === 0 ? '---\ntitle: Front\ntags: [x]\n---\n' : '') + randomText(random, 120);
    let scan = core.scanNote(uri, text);
    const index = new core.NotesIndex();
    index.set(scan.info);
    for (let edit = 0; edit < 60; edit++) {
      const at = random(text.length + 1);
      const removed = random(3) === 0 ? random(40) : 0;
      text = text.slice(0, at) + (random(4) === 0 ? '' : randomText(random, 1 + random(3))) + text.slice(at + removed);
      const result = core.rescanNote(scan, uri, text);
      if (result.removed) index.replaceCitations(result.scan.info, result.removed, result.added);
      else index.set(result.scan.info);
      scan = result.scan;
      const whole = core.scanNote(uri, text);
      assert.deepEqual(plain(scan.info), plain(whole.info), `seed ${seed}, edit ${edit}: ${JSON.stringify(text)}`);
      // The incremental state the next edit starts from: code lines and state, front matter, "#" lines.
      assert.deepEqual([...scan.code.entering], [...whole.code.entering], `seed ${seed}, edit ${edit}: code state`);
      assert.deepEqual([...scan.skipped], [...whole.skipped], `seed ${seed}, edit ${edit}: code lines`);
      assert.equal(scan.code.frontEnd, whole.code.frontEnd, `seed ${seed}, edit ${edit}: front matter`);
      assert.deepEqual([...scan.hashes], [...whole.hashes], `seed ${seed}, edit ${edit}: "#" lines`);
      const fresh = new core.NotesIndex();
      fresh.set(whole.info);
      const keys = [...new Set([...index.citedKeys(), ...fresh.citedKeys()])].sort();
      assert.deepEqual(sites(index, keys), sites(fresh, keys), `seed ${seed}, edit ${edit}: the index`);
    }
  }
});

test('rescan: typing in a large note scans the changed line, and keeps the other citations', () => {
  const uri = 'file:///w/big.md';
  const lines = Array.from({ length: 20000 }, (_, i) => `Line ${i} cites [@key${i % 500}] and @other${i}.`);
  const scan = core.scanNote(uri, lines.join('\n'));
  const before = scan.info.citations[30000];
  lines[10000] += ' [@new';
  const typed = core.rescanNote(scan, uri, lines.join('\n'));
  assert.deepEqual(typed.removed.map((c) => c.key), ['key0', 'other10000']);
  assert.deepEqual(typed.added.map((c) => c.key), ['key0', 'other10000', 'new']);
  assert.equal(typed.scan.info.citations.length, 40001);
  assert.equal(typed.scan.info.citations[30001], before, 'citations below the edit are the same objects');
  // A new line above moves the citations below it down by one.
  lines.splice(5000, 0, 'A new line [@inserted].');
  const entered = core.rescanNote(typed.scan, uri, lines.join('\n'));
  assert.equal(before.line, 15001);
  assert.deepEqual(entered.added.map((c) => c.key), ['inserted']);
  // A paste of 12,000 citations in the middle, then the same text back: as a whole analysis.
  const pasted = [...lines.slice(0, 7000), Array.from({ length: 12000 }, (_, i) => `[@paste${i}]`).join(' '), ...lines.slice(7000)].join('\n');
  const afterPaste = core.rescanNote(entered.scan, uri, pasted);
  assert.equal(afterPaste.added.length, 12000);
  assert.deepEqual(plain(afterPaste.scan.info), plain(core.scanNote(uri, pasted).info));
  const back = core.rescanNote(afterPaste.scan, uri, lines.join('\n'));
  assert.deepEqual(plain(back.scan.info), plain(core.scanNote(uri, lines.join('\n')).info));
});

test('rescan: a fence typed in a large note makes the lines below code, closing it brings them back', () => {
  const uri = 'file:///w/fence.md';
  const lines = Array.from({ length: 5000 }, (_, i) => `Line ${i} [@key${i}].`);
  const scan = core.scanNote(uri, lines.join('\n'));
  lines.splice(1000, 0, '```');
  const opened = core.rescanNote(scan, uri, lines.join('\n'));
  assert.equal(opened.scan.info.citations.length, 1000, 'only the citations above the fence are left');
  assert.equal(opened.removed.length, 4000);
  lines.splice(3000, 0, '```');
  const closed = core.rescanNote(opened.scan, uri, lines.join('\n'));
  assert.equal(closed.added.length, 2001, 'the lines after the closing fence are text again');
  assert.deepEqual(plain(closed.scan.info), plain(core.scanNote(uri, lines.join('\n')).info));
  // A letter typed below both fences rescans that line only.
  lines[4000] += ' x';
  const typed = core.rescanNote(closed.scan, uri, lines.join('\n'));
  assert.deepEqual(typed.added.map((c) => c.key), ['key3998']);
});
