// The card (on the pure core) and the note file name New Note from Paper uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { core, root } from '../helpers.mjs';

/** The client's pure note-name module, compiled on the fly (the client bundle is not a library). */
const { noteFileName } = await import(
  `data:text/javascript;base64,${Buffer.from(buildSync({ entryPoints: [path.join(root, 'client/src/noteFileName.ts')], bundle: true, format: 'esm', write: false }).outputFiles[0].text).toString('base64')}`
);

const paper = (over = {}) => ({
  key: 'k', aliases: [], title: 'T', date: {}, urls: [], sources: [], ...over,
  topics: over.topics ?? [],
});

test('note file name: a crafted key stays a file name inside the notes folder', () => {
  assert.equal(noteFileName('limempirical'), 'limempirical');
  assert.equal(noteFileName('../../../../tmp/x'), 'tmp-x');
  assert.equal(noteFileName('..'), 'paper-untitled');
  assert.equal(noteFileName('a/b\\c:d'), 'a-b-c-d');
  assert.equal(noteFileName('/etc/passwd'), 'etc-passwd');
  assert.equal(noteFileName('CON'), 'paper-CON');
  assert.equal(noteFileName('x\u0000y\nz'), 'x-y-z');
  for (const key of ['../x', '..\\..\\x', '.hidden', 'a/../../b', '....//....//etc']) {
    const name = noteFileName(key);
    assert.ok(!name.includes('/') && !name.includes('\\') && !name.startsWith('.') && !name.includes('..'), `${key} → ${name}`);
  }
});

test('card: a key is a code span fenced longer than any backtick run in it', () => {
  assert.equal(core.markdownKey('lim2024'), '`@lim2024`');
  assert.equal(core.markdownKey('a`b'), '``@a`b``');
  assert.equal(core.markdownKey('a``b`'), '``` @a``b` ```');
  assert.equal(core.markdownKey('a\n\nb'), '`@a  b`', 'no line break can end the paragraph');
});

test('card: command links carry JSON arguments fully encoded', () => {
  const link = core.commandLink('x', 'litnotes.showPaper', { key: 'a)(b' });
  assert.equal(link, '[x](command:litnotes.showPaper?%5B%7B%22key%22%3A%22a%29%28b%22%7D%5D)');
  assert.deepEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1))), [{ key: 'a)(b' }]);
});

test('card: three topics by their last label, without weights; venue and pages', () => {
  const topics = [
    { kind: 'subject', path: ['Information Technology', 'Artificial Intelligence', 'Machine Learning'], weight: 0.88 },
    { kind: 'place', path: ['Europe', 'France'] },
    { kind: 'keyword', path: ['machine learning'] },
    { kind: 'keyword', path: ['symmetry'] },
    { kind: 'mined', path: ['neural networks'] },
    { kind: 'mined', path: ['fourth'] },
  ];
  assert.deepEqual(core.cardTopics(paper({ topics })), ['Machine Learning', 'symmetry', 'neural networks']);
  const markdown = core.cardMarkdown(paper({ topics, venue: 'Proc. of {ICML}', pages: '10--20' }));
  assert.match(markdown, /\*Topics:\* Machine Learning · symmetry · neural networks$/m);
  assert.doesNotMatch(markdown, /0\.88|France/);
  assert.match(markdown, /Proc\. of ICML, pp\. 10–20/);
  assert.equal(core.formatVenue({ pages: 'e1021' }), 'p. e1021');
  // The terminal card (`litnotes show`, `npm start`) the same: three labels, no weights or paths.
  const text = core.cardText(paper({ topics }));
  assert.match(text, /^Topics: Machine Learning · symmetry · neural networks$/m);
  assert.match(text, /^Places: France$/m);
  assert.doesNotMatch(text, /0\.88|›/);
});

test('card: a long abstract is cut in a hover, with a link to the whole card', () => {
  const abstract = 'word '.repeat(400).trim();
  const markdown = core.cardMarkdown(paper({ abstract }), { abstractLimit: 100 });
  assert.ok(markdown.includes('word word…'));
  assert.ok(markdown.length < 600);
  assert.match(markdown, /\[\(whole card\)\]\(command:litnotes\.showPaper\?/);
});
