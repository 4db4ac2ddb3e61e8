import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { root } from '../helpers.mjs';
import * as path from 'node:path';

const core = createRequire(import.meta.url)(path.join(root, 'dist', 'core.js'));
const keys = (text) => core.scanCitations(text).map((c) => c.key);

test('citations: bracketed, with locators, several, suppressed author', () => {
  assert.deepEqual(keys('[@smith2020]'), ['smith2020']);
  assert.deepEqual(keys('[@smith2020, p. 33]'), ['smith2020']);
  assert.deepEqual(keys('[see @a1; @b2, ch. 1]'), ['a1', 'b2']);
  const [c] = core.scanCitations('x [-@doe99] y');
  assert.equal(c.suppressAuthor, true);
  assert.equal(c.bracketed, true);
  assert.deepEqual([c.start, c.keyStart, c.end], [4, 5, 10]);
});

test('citations: in-text, braces, internal punctuation, trailing punctuation', () => {
  const [c] = core.scanCitations('As @smith2020 says.');
  assert.equal(c.bracketed, false);
  assert.equal(c.key, 'smith2020');
  assert.deepEqual(keys('@{weird key}'.replace(' ', '_')), ['weird_key']);
  assert.deepEqual(keys('see @doi:10.1/x.y, and @a.b.'), ['doi:10.1/x.y', 'a.b']);
  assert.deepEqual(keys('@smith2020 [p. 4]'), ['smith2020']);
});

test('citations: not in code spans, fences, indented code, front matter, e-mails, or escaped', () => {
  assert.deepEqual(keys('`@code` and ``x @y x`` but @real'), ['real']);
  assert.deepEqual(keys('```\n@fenced\n```\n~~~md\n@tilde\n~~~\n@after'), ['after']);
  assert.deepEqual(keys('para\n\n    @indented\n\ntext @ok'), ['ok']);
  assert.deepEqual(keys('---\ntitle: "@notme"\n---\n@yes'), ['yes']);
  assert.deepEqual(keys('mail me@example.com or \\@escaped'), []);
  assert.deepEqual(keys('(@paren) ;@semi'), ['paren', 'semi']);
});

test('citations: lines and columns are UTF-16 positions', () => {
  const [c] = core.scanCitations('first\nZürich 😀 [@k1]');
  assert.equal(c.line, 1);
  assert.equal(c.start, 11);
});

test('completion context: the key being typed', () => {
  assert.deepEqual(core.citationPrefixAt('see [@lim', 9), { prefix: 'lim', start: 6 });
  assert.deepEqual(core.citationPrefixAt('[@', 2), { prefix: '', start: 2 });
  assert.deepEqual(core.citationPrefixAt('[@a; @b', 7), { prefix: 'b', start: 6 });
  assert.deepEqual(core.citationPrefixAt('@{smi', 5), { prefix: 'smi', start: 2 });
  assert.equal(core.citationPrefixAt('me@exa', 6), undefined);
  assert.equal(core.citationPrefixAt('`@code', 6), undefined);
});

test('notes: tags from text and front matter, title', () => {
  const note = core.analyzeNote('file:///n/my%20note.md', '---\ntags:\n  - Equivariance\n  - "symmetry"\n---\nText #graphs and #1 not a tag.\n');
  assert.deepEqual(note.tags.sort(), ['equivariance', 'graphs', 'symmetry']);
  assert.equal(note.title, 'my note');
  assert.equal(core.analyzeNote('u', '# Heading Title\n').title, 'Heading Title');
});
