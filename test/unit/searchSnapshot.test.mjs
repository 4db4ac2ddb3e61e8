// The search index saved as plain data and restored (the corpus worker builds it, the server and
// the warm start restore it): a restored index answers every query as the built one does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { core } from '../helpers.mjs';
import { listingLine } from '../bench/generate.mjs';

const corpus = core.buildCorpus([{ path: 'corpus.txt', text: Array.from({ length: 2000 }, () => listingLine()).join('\n') }]);
const papers = corpus.papers;
const queries = papers.slice(0, 60).flatMap((p, i) => {
  const word = p.title.split(' ').find((w) => w.length > 6) ?? p.title;
  const abstractWord = (p.abstract ?? '').split(' ').find((w) => w.length > 7) ?? 'model';
  return [word.slice(0, 3), word.toLowerCase(), `${word.slice(0, 2)}${word.slice(3)}`, abstractWord.slice(0, 6), p.key.slice(0, 5 + (i % 4)), `${word} ${abstractWord}`];
});
const answers = (search) => queries.map((q) => search.search(q, 10).map((h) => `${h.paper.key}:${h.field}:${h.score.toFixed(4)}`));
/** Across threads or through the cache the snapshot is copied: a structured clone, as postMessage does. */
const copied = (snapshot) => v8.deserialize(v8.serialize(snapshot));

test('search snapshot: a restored index (names and abstracts) answers every query like the built one', () => {
  const built = new core.PaperSearch(papers);
  const snapshot = copied(built.snapshot());
  assert.ok(snapshot.abstracts, 'abstract words are in the snapshot');
  const restored = new core.PaperSearch(papers, { snapshot, deferAbstracts: true });
  assert.equal(restored.abstractsIndexed, true);
  assert.deepEqual(answers(restored), answers(built));
});

test('search snapshot: names first, abstract words adopted later (indexed on another thread)', () => {
  const worker = new core.PaperSearch(papers, { deferAbstracts: true });
  const names = copied(worker.snapshot());
  assert.equal(names.abstracts, undefined);
  const server = new core.PaperSearch(papers, { snapshot: names, deferAbstracts: true });
  assert.equal(server.abstractsIndexed, false);
  worker.indexAbstracts();
  assert.equal(server.adoptAbstractsFrom(copied(worker.snapshot())), true);
  assert.equal(server.abstractsIndexed, true);
  assert.deepEqual(answers(server), answers(new core.PaperSearch(papers)));
});

test('search snapshot: one of other papers, or one that does not hold together, is not used', () => {
  const snapshot = copied(new core.PaperSearch(papers).snapshot());
  const others = papers.slice(1);
  const fromOther = new core.PaperSearch(others, { snapshot, deferAbstracts: true });
  assert.equal(fromOther.abstractsIndexed, false, 'built afresh, not restored');
  assert.deepEqual(answers(fromOther), answers(new core.PaperSearch(others, { deferAbstracts: true })));
  const broken = copied(snapshot);
  broken.named.papers[5] = papers.length + 7; // a posting naming no paper
  const fromBroken = new core.PaperSearch(papers, { snapshot: broken });
  assert.deepEqual(answers(fromBroken), answers(new core.PaperSearch(papers)));
  assert.equal(new core.PaperSearch(papers, { deferAbstracts: true }).adoptAbstractsFrom(copied(new core.PaperSearch(others).snapshot())), false);
});
