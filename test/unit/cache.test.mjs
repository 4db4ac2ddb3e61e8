// The warm-start cache: a hit reads no corpus file, an edit re-parses that file alone, and a
// truncated, corrupt or old cache is ignored and rebuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service as lib } from '../helpers.mjs';
import { memoryHost } from './memoryHost.mjs';

/** Papers as a client receives them (JSON: an undefined field and a missing one are the same). */
const plain = (service) => JSON.parse(JSON.stringify(service.corpus().papers));

const entry = (key, title, abstract) => `@article{${key}, title={${title}}, author={Smith, Ann}, year={2020}, abstract={${abstract}}}\n`;
const files = {
  '/ws/a.bib': entry('smith2020', 'Graph Networks for Chemistry', 'We study graphs of molecules — with ümlauts.') + entry('jones2021', 'Equivariant Transformers', 'Symmetry helps.'),
  '/ws/b.bib': entry('lee2022', 'Third Paper', 'A third abstract.') + '@article{broken, title={No end}\n',
  '/ws/n.md': '[@smith2020] [@lee2022]',
};
const settings = { corpus: ['/ws/a.bib', '/ws/b.bib'], includeBundledCorpus: false };

async function session(host) {
  const service = lib.createLitService({ host, settings, folders: ['/ws'] });
  const diagnostics = new Map();
  service.onDiagnostics((uri, d) => diagnostics.set(uri, d));
  host.reads.length = 0;
  const status = await service.rebuild();
  service.flushCache();
  service.dispose();
  return { service, status, reads: [...host.reads], diagnostics };
}

test('cache: a second start takes every corpus file from the cache without reading it', async () => {
  const host = memoryHost(files);
  const cold = await session(host);
  assert.equal(cold.service.lastCorpusLoad().fromCache, 0);
  assert.ok(host.cache?.length > 0, 'the cache was written');
  const warm = await session(host);
  assert.deepEqual(warm.reads, [], 'no corpus file read');
  assert.deepEqual(warm.service.lastCorpusLoad(), { fromCache: 2, files: 2 });
  assert.deepEqual(warm.status, cold.status);
  assert.deepEqual(plain(warm.service), plain(cold.service));
  assert.equal(warm.service.paperByKey('smith2020').abstract, 'We study graphs of molecules — with ümlauts.');
  // Problems (with their line ends) come back too.
  assert.deepEqual(warm.diagnostics.get('file:///ws/b.bib'), cold.diagnostics.get('file:///ws/b.bib'));
  assert.equal(warm.diagnostics.get('file:///ws/b.bib').length, 1);
});

test('cache: after an edit only the edited file is parsed again (BibTeX files together: one database)', async () => {
  const listing = (title) => `- ${title} We study listings that change. 1 authors · Mar 3, 2021\n`;
  const host = memoryHost({ ...files, '/ws/l.txt': listing('Listing Paper One') });
  const withListing = { ...settings, corpus: [...settings.corpus, '/ws/l.txt'] };
  const run = async () => {
    const service = lib.createLitService({ host, settings: withListing, folders: ['/ws'] });
    host.reads.length = 0;
    const status = await service.rebuild();
    service.flushCache();
    service.dispose();
    return { service, status, reads: [...host.reads] };
  };
  await run();
  host.write('/ws/l.txt', listing('Listing Paper Two'));
  const afterListing = await run();
  assert.deepEqual(afterListing.reads, ['/ws/l.txt'], 'only the edited listing');
  assert.deepEqual(afterListing.service.lastCorpusLoad(), { fromCache: 2, files: 3 });
  assert.ok(afterListing.service.corpus().papers.some((p) => p.title === 'Listing Paper Two'));
  host.write('/ws/b.bib', entry('lee2022', 'Third Paper Revised', 'A third abstract.'));
  const afterBib = await run();
  assert.deepEqual(afterBib.reads.sort(), ['/ws/a.bib', '/ws/b.bib'], 'the BibTeX database, not the listing');
  assert.equal(afterBib.service.paperByKey('lee2022').title, 'Third Paper Revised');
  assert.equal(afterBib.status.problems, 0);
  const third = await run();
  assert.deepEqual(third.reads, [], 'the rewritten cache serves the next start entirely');
  assert.equal(third.service.paperByKey('lee2022').title, 'Third Paper Revised');
});

test('cache: a truncated, corrupt or old cache is ignored and rebuilt', async () => {
  const host = memoryHost(files);
  const cold = await session(host);
  const good = host.cache;
  const corrupt = Uint8Array.from(good);
  corrupt[40] ^= 0xff;
  const old = Uint8Array.from(good);
  new DataView(old.buffer).setUint32(4, lib.CACHE_VERSION + 100);
  for (const [what, bytes] of [['truncated', good.subarray(0, Math.floor(good.length / 2))], ['corrupt', corrupt], ['old version', old], ['empty', new Uint8Array(0)]]) {
    host.cache = bytes;
    const run = await session(host);
    assert.deepEqual(run.service.lastCorpusLoad().fromCache, 0, what);
    assert.deepEqual(run.reads.sort(), ['/ws/a.bib', '/ws/b.bib'], what);
    assert.deepEqual(plain(run.service), plain(cold.service), what);
    assert.ok(lib.decodeCache(host.cache), `${what}: a good cache is written again`);
  }
});

test('cache: after a warm start a corpus file that turns empty still keeps its papers', async () => {
  const host = memoryHost(files);
  await session(host);
  const service = lib.createLitService({ host, settings, folders: ['/ws'] });
  await service.rebuild();
  assert.equal(service.lastCorpusLoad().fromCache, 2);
  host.write('/ws/a.bib', '');
  service.filesChanged([{ uri: 'file:///ws/a.bib', type: 'changed' }]);
  await new Promise((resolve) => setTimeout(resolve, lib.CORPUS_SETTLE_MS + 100));
  assert.equal(service.status().papers, 3);
  assert.ok(service.paperByKey('jones2021'));
  service.dispose();
});

/**
 * The server's corpus worker, without the thread: the packed fast path, unpacked as the server
 * does. With `searchIndex`, as the worker: the search index comes with the papers (abstract
 * words a moment later); with `prefetch`, the packed cache is read before the first load, as
 * the worker does when initialize names the cache folder.
 */
function packedLoader(host, { searchIndex = false, prefetch = false } = {}) {
  const local = lib.createLocalCorpusLoader(host, { packedCache: true, searchIndex });
  if (prefetch) local.prefetchPacked();
  /** Where each load came from: 'packed' (the packed cache) or 'files' (files or the per-file cache). */
  const loads = [];
  // As the worker does: the abstract texts of a warm start follow the rest; the loader settles before the next request only.
  let settle;
  const settleNow = () => {
    const run = settle;
    settle = undefined;
    run?.();
  };
  return {
    loads,
    async load(request) {
      settleNow();
      const loaded = local.loadPacked(request);
      settle = loaded.settle;
      const result = lib.unpackCorpusLoad(loaded.packed);
      result.search = loaded.search;
      loads.push(result.fromPackedCache ? 'packed' : 'files');
      if (loaded.indexAbstracts) result.abstracts = new Promise((resolve) => setImmediate(() => resolve(loaded.indexAbstracts().search)));
      if (loaded.abstractTexts) {
        const arriving = new Promise((resolve) => setImmediate(() => resolve(loaded.abstractTexts()?.texts)));
        result.abstractTexts = { lengths: loaded.packed.abstractLengths, arriving };
      }
      return result;
    },
    writeCache: async () => (settleNow(), local.writeCacheNow()),
    keyMemory: async () => (settleNow(), local.keyMemoryNow()),
    dispose() {},
  };
}

async function packedSession(host, options) {
  const loader = packedLoader(host, options);
  const service = lib.createLitService({ host, settings, folders: ['/ws'], corpusLoader: loader });
  const diagnostics = new Map();
  service.onDiagnostics((uri, d) => diagnostics.set(uri, d));
  host.reads.length = 0;
  const status = await service.rebuild();
  await service.flushCache();
  return { service, status, reads: [...host.reads], diagnostics, loads: loader.loads };
}

test('packed cache: a warm start serves the same corpus and problems without reading a corpus file; an edit is seen', async () => {
  const host = memoryHost(files);
  const cold = await packedSession(host);
  cold.service.dispose();
  assert.ok(host.caches.get(lib.PACKED_CACHE)?.length > 0, 'the packed cache was written');
  const warm = await packedSession(host);
  assert.deepEqual(warm.reads, [], 'no corpus file read');
  assert.deepEqual(plain(warm.service), plain(cold.service));
  assert.deepEqual(warm.status, cold.status);
  assert.deepEqual(warm.diagnostics.get('file:///ws/b.bib'), cold.diagnostics.get('file:///ws/b.bib'));
  assert.equal(warm.service.paperByKey('smith2020').abstract, 'We study graphs of molecules — with ümlauts.');
  // The same running service then sees an edit, and a file that turns empty keeps its papers.
  host.write('/ws/b.bib', entry('lee2022', 'Third Paper Revised', 'A third abstract.'));
  warm.service.filesChanged([{ uri: 'file:///ws/b.bib', type: 'changed' }]);
  await new Promise((resolve) => setTimeout(resolve, lib.CORPUS_SETTLE_MS + 100));
  assert.equal(warm.service.paperByKey('lee2022').title, 'Third Paper Revised');
  host.write('/ws/a.bib', '');
  warm.service.filesChanged([{ uri: 'file:///ws/a.bib', type: 'changed' }]);
  await new Promise((resolve) => setTimeout(resolve, lib.CORPUS_SETTLE_MS + 100));
  assert.equal(warm.service.paperByKey('smith2020')?.title, 'Graph Networks for Chemistry', 'the last good load of a.bib stands');
  warm.service.dispose();
  // A new start after the edit: the packed cache is for other file versions, so it is not used.
  const afterEdit = await packedSession(host);
  assert.equal(afterEdit.service.paperByKey('lee2022').title, 'Third Paper Revised');
  afterEdit.service.dispose();
});

test('packed cache: abstracts come from their own file after the rest; a missing or damaged one is read from the corpus files and written again', async () => {
  const host = memoryHost(files);
  const cold = await packedSession(host);
  cold.service.dispose();
  const abstracts = host.caches.get(lib.PACKED_ABSTRACTS_CACHE);
  assert.ok(abstracts?.length > 0, 'the abstracts file was written');
  const damaged = Uint8Array.from(abstracts);
  damaged[damaged.length - 3] ^= 0x01;
  for (const [what, bytes] of [['missing', undefined], ['truncated', abstracts.subarray(0, abstracts.length - 5)], ['damaged', damaged]]) {
    if (bytes) host.caches.set(lib.PACKED_ABSTRACTS_CACHE, bytes);
    else host.caches.delete(lib.PACKED_ABSTRACTS_CACHE);
    const run = await packedSession(host);
    assert.equal(run.service.paperByKey('smith2020').abstract, 'We study graphs of molecules — with ümlauts.', what);
    assert.deepEqual(plain(run.service), plain(cold.service), what);
    run.service.dispose();
    assert.deepEqual([...host.caches.get(lib.PACKED_ABSTRACTS_CACHE)], [...abstracts], `${what}: written again`);
  }
});

test('packed cache: a truncated or corrupt packed cache is never used', async () => {
  const host = memoryHost(files);
  const cold = await packedSession(host);
  cold.service.dispose();
  const good = host.caches.get(lib.PACKED_CACHE);
  const keys = lib.decodePackedCorpus(good, [{ path: 'x', size: 0, mtimeMs: 0, hash: '' }]);
  assert.equal(keys, undefined, 'a packed cache for other files is refused');
  // As the Node host reads it: a Buffer, here at an offset that is not a multiple of 4.
  const asRead = Buffer.from(Buffer.concat([Buffer.alloc(3), Buffer.from(good)]).buffer, 3, good.length);
  host.caches.set(lib.PACKED_CACHE, asRead);
  const fromBuffer = await packedSession(host);
  assert.deepEqual(fromBuffer.reads, [], 'a packed cache read into a Buffer serves the start');
  assert.deepEqual(plain(fromBuffer.service), plain(cold.service));
  fromBuffer.service.dispose();
  const corrupt = Uint8Array.from(good);
  // A byte inside the papers' JSON: still a well-formed file, but not the papers that were saved.
  corrupt[good.length - Math.floor(good.length / 3)] ^= 0x20;
  for (const [what, bytes] of [['truncated', good.subarray(0, good.length - 7)], ['corrupt', corrupt]]) {
    host.caches.set(lib.PACKED_CACHE, bytes);
    const run = await packedSession(host);
    assert.deepEqual(plain(run.service), plain(cold.service), what);
    run.service.dispose();
  }
});

/** Waits (a bounded number of turns) until the service's abstract words are searchable. */
async function abstractsSearchable(service) {
  for (let i = 0; i < 500 && !service.status().abstractsIndexed; i++) await new Promise((resolve) => setTimeout(resolve, 2));
  return service.status().abstractsIndexed;
}

test('packed cache, as the worker loads: "ready" comes with the index of keys, titles and authors; abstract words follow from their own file; a missing or damaged one is indexed again and written again', async () => {
  const host = memoryHost(files);
  const cold = await packedSession(host, { searchIndex: true });
  assert.ok(await abstractsSearchable(cold.service));
  await cold.service.flushCache();
  cold.service.dispose();
  const index = host.caches.get(lib.PACKED_ABSTRACT_INDEX_CACHE);
  assert.ok(index?.length > 0, 'the abstract words have their own file');
  const damaged = Uint8Array.from(index);
  damaged[damaged.length - 2] ^= 0x01;
  for (const [what, bytes] of [['intact', index], ['missing', undefined], ['truncated', index.subarray(0, index.length - 9)], ['damaged', damaged]]) {
    if (bytes) host.caches.set(lib.PACKED_ABSTRACT_INDEX_CACHE, bytes);
    else host.caches.delete(lib.PACKED_ABSTRACT_INDEX_CACHE);
    const run = await packedSession(host, { searchIndex: true });
    assert.deepEqual(run.reads, what === 'intact' ? [] : run.reads, what);
    assert.deepEqual((await run.service.search('Equivariant', 5)).map((p) => p.key), ['jones2021'], `${what}: titles searchable at ready`);
    assert.ok(await abstractsSearchable(run.service), `${what}: abstract words indexed`);
    assert.deepEqual((await run.service.search('molecules', 5)).map((p) => p.key), ['smith2020'], `${what}: an abstract word finds its paper`);
    assert.deepEqual(plain(run.service), plain(cold.service), what);
    run.service.dispose();
    assert.deepEqual([...host.caches.get(lib.PACKED_ABSTRACT_INDEX_CACHE)], [...index], `${what}: the same file (written again)`);
  }
});

test('packed cache read early (prefetch): used only if the corpus files and key files are still the ones it was saved for', async () => {
  const host = memoryHost(files);
  const cold = await packedSession(host, { searchIndex: true });
  await abstractsSearchable(cold.service);
  await cold.service.flushCache();
  cold.service.dispose();
  const hit = await packedSession(host, { searchIndex: true, prefetch: true });
  assert.deepEqual(hit.reads, [], 'a hit reads no corpus file');
  assert.deepEqual(hit.loads, ['packed']);
  assert.deepEqual(plain(hit.service), plain(cold.service));
  hit.service.dispose();
  // Read early, then a corpus file changes before the load asks: the load parses the files.
  const loader = packedLoader(host, { searchIndex: true, prefetch: true });
  host.write('/ws/b.bib', entry('lee2022', 'Third Paper Edited', 'A third abstract.'));
  const service = lib.createLitService({ host, settings, folders: ['/ws'], corpusLoader: loader });
  await service.rebuild();
  assert.equal(service.paperByKey('lee2022').title, 'Third Paper Edited', 'an edit made after the cache was read is seen');
  assert.deepEqual(loader.loads, ['files']);
  await abstractsSearchable(service);
  await service.flushCache();
  service.dispose();
  // The packed cache now holds the edited files: read early, it serves the next start.
  const afterEdit = await packedSession(host, { searchIndex: true, prefetch: true });
  assert.deepEqual(afterEdit.loads, ['packed']);
  assert.equal(afterEdit.service.paperByKey('lee2022').title, 'Third Paper Edited');
  afterEdit.service.dispose();
  // A truncated packed cache read early is never used.
  const good = host.caches.get(lib.PACKED_CACHE);
  host.caches.set(lib.PACKED_CACHE, good.subarray(0, good.length - 5));
  const truncated = await packedSession(host, { searchIndex: true, prefetch: true });
  assert.deepEqual(truncated.loads, ['files']);
  assert.equal(truncated.service.paperByKey('lee2022').title, 'Third Paper Edited');
  truncated.service.dispose();
  // A workspace key file appears (it adds keys to papers): the packed cache is not for it.
  host.caches.set(lib.PACKED_CACHE, good);
  host.write('/ws/.litnotes/keys.json', JSON.stringify({ version: 1, papers: [] }));
  const withKeyFile = await packedSession(host, { searchIndex: true, prefetch: true });
  assert.deepEqual(withKeyFile.loads, ['files'], 'a key file the packed cache was not saved with: not served from it');
  withKeyFile.service.dispose();
});

test('cache: abstracts are stored in chunks (1M papers\' are twice V8\'s longest string); small chunks round-trip, a damaged or old layout is refused', async () => {
  const host = memoryHost(files);
  await session(host);
  const data = lib.decodeCache(host.cache);
  const abstractsOf = (d) => [...d.corpus.papers.map((p) => p.abstract), ...d.files().flatMap((f) => f.result.records.map((r) => r.abstract))];
  assert.ok(abstractsOf(data).filter(Boolean).length >= 3, 'abstracts to store');
  // Chunks of 12 characters: one abstract in each (all are longer), none split.
  const chunked = lib.encodeCache(data, 12);
  const back = lib.decodeCache(chunked);
  assert.deepEqual(abstractsOf(back), abstractsOf(data));
  assert.deepEqual(back.corpus.papers.map((p) => p.key), data.corpus.papers.map((p) => p.key));
  // The former layout ("LNC1": one blob of abstracts) is refused, not misread.
  const old = Uint8Array.from(chunked);
  new DataView(old.buffer).setUint32(0, 0x4c4e4331);
  assert.equal(lib.decodeCache(old), undefined, 'old layout');
  // A chunk count that does not add up to the section.
  const view = new DataView(chunked.buffer, chunked.byteOffset);
  const blobStart = 24 + view.getUint32(8) + view.getUint32(12);
  assert.ok(view.getUint32(blobStart) >= 3, `several chunks (${view.getUint32(blobStart)})`);
  const damaged = Uint8Array.from(chunked);
  new DataView(damaged.buffer).setUint32(blobStart, view.getUint32(blobStart) + 1);
  assert.equal(lib.decodeCache(damaged), undefined, 'chunk count');
});
