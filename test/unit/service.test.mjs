// The service in memory: a fake host, no process, no LSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root, service as lib } from '../helpers.mjs';
import { memoryHost } from './memoryHost.mjs';

const library = [
  '@article{smith2020, title={Graph Networks for Chemistry}, author={Smith, Ann}, year={2020}}',
  '@article{jones2021, title={Equivariant Transformers}, author={Jones, Bob}, year={2021}}',
].join('\n');

function start(files, settings = { corpus: ['/ws/refs.bib'], includeBundledCorpus: false }) {
  const host = memoryHost(files);
  const service = lib.createLitService({ host, settings, folders: ['/ws'] });
  const diagnostics = new Map();
  const statuses = [];
  service.onDiagnostics((uri, list) => diagnostics.set(uri, list));
  service.onStatus((s) => statuses.push(s));
  return { host, service, diagnostics, statuses };
}

test('service: indexes corpus and notes from the host and answers queries', async () => {
  const { service, diagnostics, statuses } = start({
    '/ws/refs.bib': library,
    '/ws/notes/a.md': '# A\n\nSee [@smith2020] and [@nosuch].\n',
    '/ws/notes/b.md': 'Also [@smith2020].\n',
    '/ws/node_modules/x.md': '[@smith2020]',
  });
  const status = await service.rebuild();
  assert.equal(status.state, 'ready');
  assert.equal(status.papers, 2);
  assert.equal(status.notes, 2);
  assert.ok(statuses.some((s) => s.state === 'indexing'));
  const a = 'file:///ws/notes/a.md';
  assert.deepEqual(diagnostics.get(a).map((d) => d.message), ['Unknown citation key "@nosuch": no paper in the corpus has it.']);
  assert.equal(service.hover(a, { line: 2, character: 8 }).markdown.includes('Graph Networks for Chemistry'), true);
  const refs = await service.references(a, { line: 2, character: 8 }, false);
  assert.deepEqual(refs.map((r) => r.uri).sort(), [a, 'file:///ws/notes/b.md']);
  assert.equal(service.definition(a, { line: 2, character: 8 }).uri, 'file:///ws/refs.bib');
  assert.equal((await service.search('equivarant', 5))[0].key, 'jones2021');
  const completion = service.complete(a, 'Cite [@gra', { line: 0, character: 10 }, 10);
  assert.equal(completion.papers[0].key, 'smith2020');
  assert.deepEqual(completion.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } });
  service.dispose();
});

test('service: an open document wins over the host and closing it returns to the disk', async () => {
  const { service, diagnostics } = start({ '/ws/refs.bib': library, '/ws/n.md': '[@smith2020]\n' });
  await service.rebuild();
  const uri = 'file:///ws/n.md';
  service.openDocument(uri, '[@typo2020]\n', 'markdown');
  assert.equal(diagnostics.get(uri).length, 1);
  service.closeDocument(uri);
  assert.deepEqual(diagnostics.get(uri), []);
  service.dispose();
});

test('service: a cancelled token stops a long request with CancelledError', async () => {
  const { service } = start({ '/ws/refs.bib': library });
  await service.rebuild();
  await assert.rejects(service.topicGraph({ isCancellationRequested: true }), lib.CancelledError);
  const graph = await service.topicGraph({ isCancellationRequested: false });
  assert.ok(graph.papers.length === 2);
  service.dispose();
});

test('service: a parser that throws is a problem on that file; the other files load', async () => {
  const { service, diagnostics } = start(
    { '/ws/refs.bib': library, '/ws/bad.json': 'null' },
    { corpus: ['/ws/refs.bib', '/ws/bad.json'], includeBundledCorpus: false },
  );
  const status = await service.rebuild();
  assert.equal(status.papers, 2);
  assert.equal(diagnostics.get('file:///ws/bad.json').length, 1, 'the problem names the file');
  for (const [, list] of diagnostics) for (const d of list) assert.ok(d.range.end.character <= 2 ** 31 - 1);
  service.dispose();
});

test('settings: package.json declares every setting with the defaults of the settings table', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const declared = manifest.contributes.configuration.properties;
  const expected = Object.fromEntries(Object.entries(lib.SETTING_DEFAULTS).map(([name, value]) => [`litnotes.${name}`, value]));
  assert.deepEqual(Object.keys(declared).sort(), Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) assert.deepEqual(declared[name].default, value, name);
});

test('settings: partial or wrongly typed settings fall back to the defaults', () => {
  const s = lib.normalizeSettings({ corpus: ['a.bib', 3], notes: { include: 'x' }, includeBundledCorpus: 'no' });
  assert.deepEqual(s.corpus, ['a.bib']);
  assert.equal(s.includeBundledCorpus, true);
  assert.deepEqual(s.notes.include, lib.SETTING_DEFAULTS['notes.include']);
  assert.deepEqual(lib.normalizeSettings({ 'notes.exclude': ['x/**'] }).notes.exclude, ['x/**']);
});

test('service: BibTeX files are one database: a macro file serves the others, without a warning', async () => {
  const { service, diagnostics } = start(
    { '/ws/abbrev.bib': '@string{tt = "Macro Made Title"}\n', '/ws/refs.bib': '@article{macro2020, title = tt, author = {Lee, Kim}, year = 2020}\n' },
    { corpus: ['/ws/abbrev.bib', '/ws/refs.bib'], includeBundledCorpus: false },
  );
  const status = await service.rebuild();
  assert.equal(status.papers, 1);
  assert.equal(service.paperByKey('macro2020').title, 'Macro Made Title');
  assert.equal(status.problems, 0, JSON.stringify([...diagnostics]));
  service.dispose();
});
