// The service under bad and heavy input: the last good corpus load wins, diagnostics are
// debounced and capped, binary notes and dependency folders are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { service as lib } from '../helpers.mjs';
import { memoryHost } from './memoryHost.mjs';

const entry = (key, title) => `@article{${key}, title={${title}}, author={Smith, Ann}, year={2020}}\n`;
const two = entry('smith2020', 'Graph Networks for Chemistry') + entry('jones2021', 'Equivariant Transformers');
const bib = '/ws/refs.bib';

function start(files, settings = { corpus: [bib], includeBundledCorpus: false }) {
  const host = memoryHost(files);
  const service = lib.createLitService({ host, settings, folders: ['/ws'] });
  const published = [];
  service.onDiagnostics((uri, diagnostics) => published.push({ uri, diagnostics }));
  return { host, service, published, last: (uri) => published.filter((p) => p.uri === uri).at(-1)?.diagnostics };
}

async function rewrite(ctx, text, wait = lib.CORPUS_SETTLE_MS + 100) {
  ctx.host.write(bib, text);
  ctx.service.filesChanged([{ uri: 'file:///ws/refs.bib', type: 'changed' }]);
  await sleep(wait);
}

test('last good load wins: an emptied, then broken corpus file keeps its papers and says so', async () => {
  const ctx = start({ [bib]: two });
  await ctx.service.rebuild();
  assert.equal(ctx.service.status().papers, 2);
  await rewrite(ctx, '');
  assert.equal(ctx.service.status().papers, 2);
  assert.match(ctx.last('file:///ws/refs.bib')[0].message, /empty now; keeping the 2 papers of its last good load/);
  await rewrite(ctx, '@article{smith2020, title={Graph Net');
  assert.equal(ctx.service.status().papers, 2);
  assert.ok(ctx.service.paperByKey('jones2021'));
  assert.ok(ctx.last('file:///ws/refs.bib').some((d) => /keeping the 2 papers/.test(d.message)));
  await rewrite(ctx, two + entry('lee2022', 'Third Paper'));
  assert.equal(ctx.service.status().papers, 3);
  assert.ok(!ctx.last('file:///ws/refs.bib')?.some((d) => /keeping/.test(d.message)));
  ctx.service.dispose();
});

test('last good load wins: a file that shrinks by more than half is read again before it replaces the old one', async () => {
  const many = Array.from({ length: 6 }, (_, i) => entry(`key${i}`, `Paper Number ${i} About Things`)).join('');
  const ctx = start({ [bib]: many });
  await ctx.service.rebuild();
  assert.equal(ctx.service.status().papers, 6);
  await rewrite(ctx, entry('key0', 'Paper Number 0 About Things'));
  assert.equal(ctx.service.status().papers, 6, 'held while the writer may still be writing');
  await sleep(lib.SHRINK_SETTLE_MS + 200);
  assert.equal(ctx.service.status().papers, 1, 'then the shorter file replaces it');
  ctx.service.dispose();
});

test('diagnostics: a burst of edits publishes once when it pauses; hover sees the latest text at once', async () => {
  const ctx = start({ [bib]: two });
  await ctx.service.rebuild();
  const uri = 'file:///ws/n.md';
  ctx.service.openDocument(uri, '[@nosuch0]\n', 'markdown');
  const before = ctx.published.filter((p) => p.uri === uri).length;
  for (let i = 1; i <= 100; i++) ctx.service.changeDocument(uri, `[@smith2020] [@nosuch${i}]\n`, 'markdown');
  assert.match(ctx.service.hover(uri, { line: 0, character: 3 }).markdown, /Graph Networks/);
  await sleep(lib.DIAGNOSTICS_DEBOUNCE_MS + 150);
  const after = ctx.published.filter((p) => p.uri === uri);
  assert.equal(after.length - before, 1);
  assert.deepEqual(after.at(-1).diagnostics.map((d) => d.data.key), ['nosuch100']);
  ctx.service.dispose();
});

test('diagnostics: capped per note, with a last one saying how many more', async () => {
  const ctx = start({ [bib]: two });
  await ctx.service.rebuild();
  const text = Array.from({ length: 1500 }, (_, i) => `[@missing${i}]`).join('\n');
  ctx.service.openDocument('file:///ws/big.md', text, 'markdown');
  const diagnostics = ctx.last('file:///ws/big.md');
  assert.equal(diagnostics.length, lib.MAX_DIAGNOSTICS_PER_NOTE + 1);
  assert.match(diagnostics.at(-1).message, /and 500 more unknown citation keys/);
  ctx.service.dispose();
});

/** Waits until a check holds (polled; a bounded wait, not a time assertion). */
async function until(check, what) {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 30000) assert.fail(`gave up waiting for ${what}`);
    await sleep(10);
  }
}

test('diagnostics of a large note: computed off the request path, dropped for a newer edit, not sent again unchanged', async () => {
  const ctx = start({ [bib]: two });
  await ctx.service.rebuild();
  const uri = 'file:///ws/large.md';
  // 6,000 citations (the sliced path), one line in 100 with an unknown key.
  const lines = Array.from({ length: 6000 }, (_, i) => (i % 100 === 0 ? `Line ${i} [@missing${i}]` : `Line ${i} [@smith2020]`));
  const ofNote = () => ctx.published.filter((p) => p.uri === uri);
  ctx.service.openDocument(uri, lines.join('\n'), 'markdown');
  assert.equal(ofNote().length, 0, 'not computed while the open is handled');
  // An edit before the first slice: the publication under way is dropped, the newer one sent.
  lines[0] = 'Line 0 [@missingfirst]';
  ctx.service.changeDocument(uri, lines.join('\n'), 'markdown');
  assert.match(ctx.service.hover(uri, { line: 1, character: 10 }).markdown, /Graph Networks/, 'requests are answered meanwhile');
  await until(() => ofNote().length > 0, 'the first publication');
  await sleep(lib.DIAGNOSTICS_DEBOUNCE_MS + 200);
  assert.equal(ofNote().length, 1, 'the dropped computation sent nothing');
  assert.deepEqual(ofNote()[0].diagnostics.slice(0, 2).map((d) => d.data.key), ['missingfirst', 'missing100']);
  assert.equal(ofNote()[0].diagnostics.length, 60);
  // An edit that leaves every diagnostic as it was: nothing is sent; then one that changes them.
  lines[1] = 'Line 1 [@smith2020] and [@jones2021]';
  ctx.service.changeDocument(uri, lines.join('\n'), 'markdown');
  await sleep(lib.DIAGNOSTICS_DEBOUNCE_MS + 500);
  lines[2] = 'Line 2 [@missingsecond]';
  ctx.service.changeDocument(uri, lines.join('\n'), 'markdown');
  await until(() => ofNote().length > 1, 'the publication after a change');
  assert.equal(ofNote().length, 2);
  assert.deepEqual(ofNote()[1].diagnostics.slice(0, 3).map((d) => d.data.key), ['missingfirst', 'missingsecond', 'missing100']);
  ctx.service.dispose();
});

test('notes: a binary .md gets a message instead of being indexed', async () => {
  const ctx = start({ [bib]: two, '/ws/good.md': '[@smith2020]', '/ws/blob.md': 'PK\u0003\u0004\u0000\u0000\u0001binary' });
  const status = await ctx.service.rebuild();
  assert.equal(status.notes, 1);
  assert.match(ctx.last('file:///ws/blob.md')[0].message, /^not indexed as a note: binary file \(NUL bytes\); skipped$/);
  ctx.service.dispose();
});

test('corpus globs skip node_modules, .git and the notes excludes', async () => {
  const ctx = start(
    { '/ws/refs/a.bib': two, '/ws/node_modules/pkg/x.bib': entry('dep2020', 'Dependency Paper'), '/ws/.git/y.bib': entry('git2020', 'Git Paper'), '/ws/dist/z.bib': entry('dist2020', 'Built Paper') },
    { corpus: ['**/*.bib'], includeBundledCorpus: false },
  );
  const status = await ctx.service.rebuild();
  assert.equal(status.papers, 2);
  assert.equal(ctx.service.isCorpusFile('/ws/node_modules/pkg/x.bib'), false);
  assert.equal(ctx.service.isCorpusFile('/ws/refs/a.bib'), true);
  ctx.service.dispose();
});
