// The note scanners as a user sees them: code spans, headings, URLs and bracketed citations,
// including the shapes that used to make them backtrack for seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const keys = (text) => core.scanCitations(text).map((c) => c.key);

test('code spans: a run of N backticks closes only at the next run of exactly N (CommonMark)', () => {
  assert.equal(core.maskCodeSpans('a `@x` b'), 'a      b');
  assert.equal(core.maskCodeSpans('``a`b`` @c'), '        @c');
  // No closer of the same length: the backticks are literal and what follows is still text.
  assert.deepEqual(keys('``a` @real'), ['real']);
  assert.deepEqual(keys('``x`@no` and @yes'), ['yes']);
  assert.deepEqual(keys('x ' + '`'.repeat(300) + ' @after'), ['after']);
});

test('note title: "# Title", closing hashes, hashes that belong to the title', () => {
  const title = (text) => core.analyzeNote('file:///n/fallback.md', text).title;
  assert.equal(title('# Heading Title  ##  \n'), 'Heading Title');
  assert.equal(title('# C#\n'), 'C#');
  assert.equal(title('#   \n# Second\n'), 'Second');
  assert.equal(title('#nospace\n'), 'fallback');
  assert.equal(title('# a' + ' '.repeat(3000) + 'b'), 'a' + ' '.repeat(3000) + 'b');
  assert.equal(title('# a' + '#'.repeat(3000)), 'a' + '#'.repeat(3000));
});

test('front matter: title, inline and block tag lists, odd lines ignored', () => {
  const note = core.analyzeNote('u', '---\ntitle: "Quoted: yes"\ntags: [a, "#B"]\ntopics:\n  - c d\n  -\nweird line\n---\n');
  assert.equal(note.title, 'Quoted: yes');
  assert.deepEqual(note.tags.sort(), ['a', 'b', 'c d']);
});

test('links: a URL keeps its own brackets and loses the sentence around it', () => {
  const links = (text) => core.analyzeNote('u', text).links.map((l) => [l.url, l.start, l.end]);
  assert.deepEqual(links('See (https://en.wikipedia.org/wiki/Set_(mathematics)).'), [
    ['https://en.wikipedia.org/wiki/Set_(mathematics)', 5, 52],
  ]);
  assert.deepEqual(links('[x](https://a.org/p]])'), [['https://a.org/p', 4, 19]]);
  assert.deepEqual(core.findUrls('http://x.org/' + ')'.repeat(5000)), ['http://x.org/']);
  assert.deepEqual(links('a https://a.org b https://a.org'), [['https://a.org', 2, 15], ['https://a.org', 18, 31]]);
});

test('citations: bracketed or in-text on a long line of many citations', () => {
  const line = '[@a; @b, p. 3] and @c. '.repeat(2000);
  const citations = core.scanCitations(line);
  assert.equal(citations.length, 6000);
  assert.deepEqual(citations.slice(0, 3).map((c) => [c.key, c.bracketed]), [['a', true], ['b', true], ['c', false]]);
  assert.deepEqual(keys('[see [@n] @m]'), ['n', 'm']);
  assert.equal(core.scanCitations('[see [@n] @m]')[1].bracketed, true);
  assert.equal(core.scanCitations('\\[x @m]')[0].bracketed, false);
});

test('completion context on a line of many "@"', () => {
  const line = '@a '.repeat(50000) + '[@lim';
  assert.deepEqual(core.citationPrefixAt(line, line.length), { prefix: 'lim', start: line.length - 3 });
  assert.equal(core.citationPrefixAt('x' + '@'.repeat(100000), 100001), undefined);
});

test('binary detection on raw bytes: NUL, not UTF-8, or text (UTF-8 or Latin-1)', () => {
  assert.match(core.binaryReason(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1])), /NUL/);
  const random = new Uint8Array(4096).map((_, i) => 0x80 + ((i * 37) % 120));
  assert.match(core.binaryReason(random), /not UTF-8/);
  assert.equal(core.binaryReason(new TextEncoder().encode('Zürich — “quoted” 😀\n'.repeat(100))), undefined);
  assert.equal(core.binaryReason(Buffer.from('Zürich, Köln, Málaga: some Latin-1 text here.\n', 'latin1')), undefined);
  assert.equal(core.binaryReason(new Uint8Array(0)), undefined);
});
