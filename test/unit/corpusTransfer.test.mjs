// A corpus too large for one string (issue 13): abstracts travel as several chunks of UTF-8 bytes
// (outside the JS heap), each well under V8's string limit once decoded, and an abstract is never
// split between two. A tiny chunk size shows it here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service as lib } from '../helpers.mjs';

const paper = (key, abstract) => ({ key, title: `Title of ${key}`, authors: [], aliases: [], urls: [], topics: [], sources: [{ file: '/ws/a.bib', line: 1 }], ...(abstract !== undefined && { abstract }) });

/** 300 papers: most with an abstract of 5 to 60 characters (some non-ASCII), some empty, some none. */
function papers() {
  return Array.from({ length: 300 }, (_, i) => {
    if (i % 17 === 0) return paper(`p${i}`);
    if (i % 23 === 0) return paper(`p${i}`, '');
    const words = `abstract ${i} ümlaut — ${'x'.repeat(i % 50)}`;
    return paper(`p${i}`, words);
  });
}

const withoutAbstracts = (list) => list.map(({ abstract, ...rest }) => (void abstract, rest));
const utf8 = (text) => new TextEncoder().encode(text);
const text = (bytes) => new TextDecoder().decode(bytes);

test('transfer: abstracts packed in chunks of 100 characters come back whole on each paper, none split between chunks', () => {
  const original = papers();
  const packed = lib.packAbstracts(original.map((p) => p.abstract), 100);
  assert.ok(packed.abstracts.length > 50, `many chunks (${packed.abstracts.length})`);
  // No chunk past the size unless one abstract alone is longer (none is here).
  for (const chunk of packed.abstracts) assert.ok(chunk instanceof Uint8Array && text(chunk).length > 0 && text(chunk).length <= 100, `chunk of ${text(chunk).length}`);
  // As the worker's message carries them: a structured clone of the chunks and lengths.
  const message = structuredClone(packed);
  const received = withoutAbstracts(original);
  assert.equal(lib.attachAbstracts(received, message), true);
  assert.deepEqual(received.map((p) => p.abstract), original.map((p) => p.abstract));
});

test('transfer: an abstract longer than a chunk makes a chunk of its own, and comes back whole', () => {
  const long = 'y'.repeat(250);
  const original = [paper('a', 'short one'), paper('b', long), paper('c', 'after it')];
  const packed = lib.packAbstracts(original.map((p) => p.abstract), 100);
  assert.deepEqual(packed.abstracts.map(text), ['short one', long, 'after it']);
  const received = withoutAbstracts(original);
  assert.equal(lib.attachAbstracts(received, packed), true);
  assert.equal(received[1].abstract, long);
});

test('transfer: chunks that do not fit the lengths are refused and no paper changes', () => {
  const original = papers();
  const packed = lib.packAbstracts(original.map((p) => p.abstract), 100);
  const cases = {
    'a chunk missing': { ...packed, abstracts: packed.abstracts.slice(0, -1) },
    'a chunk shorter': { ...packed, abstracts: [utf8(text(packed.abstracts[0]).slice(0, -1)), ...packed.abstracts.slice(1)] },
    'characters moved between chunks': { ...packed, abstracts: [utf8(text(packed.abstracts[0]) + text(packed.abstracts[1])[0]), utf8(text(packed.abstracts[1]).slice(1)), ...packed.abstracts.slice(2)] },
    'a chunk too many': { ...packed, abstracts: [...packed.abstracts, utf8('extra')] },
    'a chunk not UTF-8': { ...packed, abstracts: [Uint8Array.of(0xff, ...packed.abstracts[0].subarray(1)), ...packed.abstracts.slice(1)] },
  };
  for (const [what, bad] of Object.entries(cases)) {
    const received = withoutAbstracts(original);
    assert.equal(lib.attachAbstracts(received, bad), false, what);
    assert.ok(received.every((p) => p.abstract === undefined), `${what}: nothing attached`);
  }
});

test('transfer: a whole corpus load packed and unpacked keeps every abstract', () => {
  const original = papers();
  const corpus = { papers: original, byKey: new Map(original.map((p) => [p.key, p])), problems: [] };
  const packed = structuredClone(lib.packCorpusLoad({ corpus, problemLineLengths: new Map(), heldShrunk: false, fromCache: 0, warnings: [] }));
  const { corpus: back } = lib.unpackCorpusLoad(packed);
  assert.deepEqual(back.papers.map((p) => p.abstract), original.map((p) => p.abstract));
  assert.equal(back.byKey.get('p5').title, 'Title of p5');
});

test('abstracts cache file: chunks encode and decode one by one; a truncated, damaged, mismatched or old file is refused', () => {
  const original = papers();
  const packed = lib.packAbstracts(original.map((p) => p.abstract), 100);
  const bytes = lib.encodePackedAbstracts(7, packed.abstracts);
  assert.deepEqual(lib.decodePackedAbstracts(bytes, 7, packed.lengths).map(text), packed.abstracts.map(text));
  const received = withoutAbstracts(original);
  assert.equal(lib.attachAbstracts(received, { abstracts: lib.decodePackedAbstracts(bytes, 7, packed.lengths), lengths: packed.lengths }), true);
  assert.deepEqual(received.map((p) => p.abstract), original.map((p) => p.abstract));

  const damaged = Uint8Array.from(bytes);
  damaged[bytes.length - 10] ^= 0x01;
  const otherLengths = Int32Array.from(packed.lengths);
  otherLengths[1] += 1;
  // The same body under the former format's magic ("LNA1": one string): refused, not misread.
  const old = Uint8Array.from(bytes);
  new DataView(old.buffer).setUint32(0, 0x4c4e4131);
  const refused = {
    truncated: [bytes.subarray(0, bytes.length - 5), packed.lengths],
    'cut at a chunk': [bytes.subarray(0, bytes.length - packed.abstracts.at(-1).length), packed.lengths],
    damaged: [damaged, packed.lengths],
    'other lengths': [bytes, otherLengths],
    'old format': [old, packed.lengths],
    empty: [new Uint8Array(0), packed.lengths],
  };
  for (const [what, [file, lengths]] of Object.entries(refused)) assert.equal(lib.decodePackedAbstracts(file, 7, lengths), undefined, what);
  assert.equal(lib.decodePackedAbstracts(bytes, 8, packed.lengths), undefined, 'another corpus file');
});

test('abstracts cache file: a corpus without abstracts round-trips as no chunks', () => {
  const packed = lib.packAbstracts([undefined, '', undefined]);
  assert.deepEqual(packed.abstracts, []);
  const decoded = lib.decodePackedAbstracts(lib.encodePackedAbstracts(1, packed.abstracts), 1, packed.lengths);
  assert.deepEqual(decoded, []);
  const received = [paper('a'), paper('b'), paper('c')];
  assert.equal(lib.attachAbstracts(received, { abstracts: decoded, lengths: packed.lengths }), true);
  assert.deepEqual(received.map((p) => p.abstract), [undefined, '', undefined]);
});

test('a corpus load that fails whole (the corpus is too large) keeps the previous corpus and shows the cause as a problem until a load succeeds', async () => {
  const { memoryHost } = await import('./memoryHost.mjs');
  const host = memoryHost({ '/ws/a.bib': '@article{smith2020, title={Graph Networks}, author={Smith, Ann}, year={2020}, abstract={An abstract.}}\n' });
  const local = lib.createLocalCorpusLoader(host);
  let tooLarge = false;
  const loader = {
    ...local,
    load: async (request) => {
      if (tooLarge) throw new Error('corpus load failed: Error: the corpus is too large: the text of its 1800000 papers is more than 536870888 characters\n    at packPapers');
      return local.load(request);
    },
  };
  const service = lib.createLitService({ host, settings: { corpus: ['/ws/a.bib'], includeBundledCorpus: false }, folders: ['/ws'], corpusLoader: loader });
  const diagnostics = new Map();
  service.onDiagnostics((uri, d) => diagnostics.set(uri, d));
  try {
    const first = await service.rebuild();
    assert.equal(first.papers, 1);
    tooLarge = true;
    const failed = await service.rebuild();
    assert.equal(failed.papers, 1, 'the previous corpus is kept');
    assert.equal(service.paperByKey('smith2020').abstract, 'An abstract.');
    assert.equal(failed.problems, first.problems + 1);
    const shown = diagnostics.get('file:///ws/a.bib') ?? [];
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /the corpus is too large: the text of its 1800000 papers/);
    assert.doesNotMatch(shown[0].message, /packPapers/, 'no stack in the problem');
    tooLarge = false;
    const again = await service.rebuild();
    assert.equal(again.problems, first.problems);
    assert.deepEqual(diagnostics.get('file:///ws/a.bib'), []);
  } finally {
    service.dispose();
  }
});
