// The search index's snapshot (warm start): restored, it answers exactly as the index it was
// taken from; a snapshot of other papers, of another version or damaged is refused, never used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';
import { cslItem, paper } from '../bench/generate.mjs';
import { groundTruth, makeStream } from '../bench/queryStream.mjs';

const items = Array.from({ length: 3000 }, (_, n) => cslItem(paper(n)));
const papers = core.buildCorpus([{ path: 'library.json', text: JSON.stringify(items) }]).papers;
const stream = makeStream(papers, groundTruth(papers), 120).flatMap((q) => q.keystrokes.map((k) => k.typed));
const built = new core.PaperSearch(papers);
const bytes = core.encodeSearchSnapshot(built.snapshot());
const answers = (search, query, limit) => search.search(query, limit).map((h) => `${h.paper.key} ${h.score.toFixed(4)} ${h.field}`);

test('a restored index answers every query of a typed stream exactly like the built one', () => {
  const restored = core.PaperSearch.fromSnapshot(papers, core.decodeSearchSnapshot(bytes));
  assert.ok(restored, 'the snapshot of these papers is taken');
  assert.equal(restored.abstractsIndexed, true);
  assert.ok(stream.length > 1000, `${stream.length} keystrokes`);
  for (const query of [...stream, 'klein1995', 'van der', '1997', '']) {
    assert.deepEqual(answers(restored, query, 10), answers(built, query, 10), query);
    assert.deepEqual(answers(restored, query.split(' ').pop(), 50), answers(built, query.split(' ').pop(), 50), query);
  }
});

test('a snapshot taken before abstracts were indexed restores without them, then indexes them', () => {
  const early = new core.PaperSearch(papers, { deferAbstracts: true });
  const snapshot = core.decodeSearchSnapshot(core.encodeSearchSnapshot(early.snapshot()));
  assert.equal(snapshot.abstracts, undefined);
  const restored = core.PaperSearch.fromSnapshot(papers, snapshot, { deferAbstracts: true });
  assert.equal(restored.abstractsIndexed, false);
  const abstractWord = papers[5].abstract.split(' ').find((w) => w.length > 8).toLowerCase().replace(/[^a-z]/g, '');
  assert.deepEqual(answers(restored, abstractWord, 10), answers(early, abstractWord, 10));
  restored.indexAbstracts();
  assert.deepEqual(answers(restored, abstractWord, 10), answers(built, abstractWord, 10));
});

test('a snapshot of other papers is refused', () => {
  const snapshot = core.decodeSearchSnapshot(bytes);
  const retitled = papers.map((p, i) => (i === 1234 ? { ...p, title: `${p.title} Revisited` } : p));
  const moved = [papers[1], papers[0], ...papers.slice(2)];
  const rekeyed = papers.map((p, i) => (i === 7 ? { ...p, aliases: [] } : p));
  for (const [why, other] of [['one paper fewer', papers.slice(1)], ['a title changed', retitled], ['two papers swapped', moved], ['an alias gone', rekeyed], ['no papers', []]]) {
    assert.equal(core.PaperSearch.fromSnapshot(other, snapshot), undefined, why);
  }
  assert.equal(core.PaperSearch.fromSnapshot(papers, { ...snapshot, version: snapshot.version + 1 }), undefined, 'another version');
});

test('damaged snapshot bytes or parts that do not hold together are refused, never thrown', () => {
  assert.equal(core.decodeSearchSnapshot(bytes.subarray(0, bytes.length - 4)), undefined, 'cut short');
  assert.equal(core.decodeSearchSnapshot(new Uint8Array(0)), undefined, 'empty');
  assert.equal(core.decodeSearchSnapshot(new TextEncoder().encode('{"version":1}')), undefined, 'not a snapshot');
  const flipped = bytes.slice();
  flipped[12] ^= 0xff; // inside the JSON header
  assert.equal(core.decodeSearchSnapshot(flipped), undefined, 'corrupt header');
  // Unaligned bytes (a snapshot inside a larger file) still decode, by copying.
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  assert.ok(core.PaperSearch.fromSnapshot(papers, core.decodeSearchSnapshot(shifted.subarray(1))), 'unaligned');
  // As a Node host reads a file: a Buffer, whose slice() is a view, not a copy.
  assert.ok(core.PaperSearch.fromSnapshot(papers, core.decodeSearchSnapshot(Buffer.from(shifted.buffer, 1, bytes.length))), 'unaligned Buffer');

  const damaged = (change) => {
    const snapshot = core.decodeSearchSnapshot(bytes.slice());
    change(snapshot);
    return core.PaperSearch.fromSnapshot(papers, snapshot);
  };
  assert.equal(damaged((s) => (s.named.papers[10] = papers.length)), undefined, 'a paper out of range');
  assert.equal(damaged((s) => (s.named.fields[3] = 9)), undefined, 'a field out of range');
  assert.equal(damaged((s) => (s.named.offsets[5] = s.named.offsets[6] + 1)), undefined, 'offsets out of order');
  assert.equal(damaged((s) => (s.abstracts.offsets = s.abstracts.offsets.subarray(1))), undefined, 'offsets cut');
  assert.equal(damaged((s) => (s.named.vocabulary.ends[2] = s.named.vocabulary.ends[1] - 1)), undefined, 'vocabulary ends out of order');
  assert.equal(damaged((s) => (s.abstracts.papers[s.abstracts.papers.length - 1] = -5)), undefined, 'a negative paper');
  assert.equal(damaged((s) => (s.keyPapers[0] = -1)), undefined, 'a key of no paper');
  assert.equal(damaged((s) => (s.keys.text = s.keys.text.slice(1))), undefined, 'keys cut');
});

test('abstract words adopted from a later snapshot of the same papers are restored in steps and answer like the built index', () => {
  const early = core.PaperSearch.fromSnapshot(papers, core.decodeSearchSnapshot(core.encodeSearchSnapshot(new core.PaperSearch(papers, { deferAbstracts: true }).snapshot())), { deferAbstracts: true });
  assert.equal(early.abstractsIndexed, false);
  assert.equal(early.adoptAbstracts(core.decodeSearchSnapshot(bytes)), true);
  let slices = 1;
  while (!early.indexAbstracts(0)) slices++;
  assert.ok(slices > 1, `restored in ${slices} slices`);
  assert.equal(early.abstractsIndexed, true);
  for (const query of stream.slice(0, 400)) assert.deepEqual(answers(early, query, 10), answers(built, query, 10), query);

  // Not of these papers, without abstract words, or damaged: refused or indexed instead, never wrong.
  const other = new core.PaperSearch(papers.slice(1), { deferAbstracts: true });
  assert.equal(other.adoptAbstracts(core.decodeSearchSnapshot(bytes)), false, 'other papers');
  const fresh = new core.PaperSearch(papers, { deferAbstracts: true });
  assert.equal(fresh.adoptAbstracts(new core.PaperSearch(papers, { deferAbstracts: true }).snapshot()), false, 'no abstract words in it');
  const damaged = core.decodeSearchSnapshot(bytes.slice());
  damaged.abstracts.papers[damaged.abstracts.papers.length - 1] = papers.length;
  assert.equal(fresh.adoptAbstracts(damaged), true, 'taken (it is checked while restoring)');
  fresh.indexAbstracts();
  assert.equal(fresh.abstractsIndexed, true);
  for (const query of stream.slice(0, 200)) assert.deepEqual(answers(fresh, query, 10), answers(built, query, 10), query);
});
