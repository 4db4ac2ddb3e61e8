// Export never loses a file and never lets a paper's text add entries to the bibliography.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, core } from '../helpers.mjs';

const run = (...args) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 20000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-write-'));

const hostile = [
  { id: 'evil,\n  title = {Injected}\n}\n@misc{injected1,\n  title = {Injected}', title: 'Title } with @misc{x, y} and \\ and {unbalanced', DOI: '10.1/x}\n@misc{injected2, title={I}}\n', URL: 'https://e.org/a}b\\c\n@misc{injected3,}' },
  { id: 'plain2020', title: 'Line one\n@article{injected4,\n title = {Injected}}', abstract: 'Para one.\n\n@misc{injected5, title={I}}\nEnd } {', author: [{ family: 'Smith and Jones', given: 'A, B' }], issued: { 'date-parts': [[2020]] } },
  { id: 'a b', title: 'Same key once made safe' },
  { id: 'a_b', title: 'The key it collides with' },
];

test('export: hostile keys and fields cannot add entries; re-parsing gives the same papers', () => {
  const corpus = core.buildCorpus([{ path: 'hostile.json', text: JSON.stringify(hostile) }]);
  assert.equal(corpus.papers.length, 4);
  const renamed = [];
  const text = core.toBibtex(corpus.papers, (key, written) => renamed.push([key, written]));
  const parsed = core.parseBibtex(text, 'out.bib');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.records.length, 4, text);
  const byKey = new Map(parsed.records.map((r) => [r.ownKey, r]));
  assert.deepEqual([...byKey.keys()].sort(), ['a_b', 'a_b_2', 'evil____title____Injected____@misc_injected1____title____Injected_', 'plain2020'].sort());
  for (const paper of corpus.papers) {
    const written = renamed.find(([key]) => key === paper.key)?.[1] ?? paper.key;
    const again = byKey.get(written);
    assert.equal(again.title, paper.title.replace(/\s*\n\s*/g, ' '), written);
    assert.equal(again.abstract, paper.abstract?.replace(/\s*\n+\s*/g, ' '));
    assert.deepEqual(again.authors, paper.authors);
  }
  assert.equal(byKey.get('plain2020').authors[0].family, 'Smith and Jones');
  assert.equal(renamed.length, 2);
  // Verbatim fields lose only what could close them early.
  const evil = byKey.get(core.bibKey(hostile[0].id));
  assert.equal(evil.ids.doi, '10.1/x @miscinjected2, title=i');
  assert.ok(evil.urls.includes('https://e.org/abc'));
});

test('cli export: refuses to overwrite without --force, never overwrites a corpus file, writes whole files', () => {
  const library = path.join(tmp, 'library.bib');
  const original = '@article{kept2020, title = {Kept}, journal = {J}, pages = {1--2}, year = 2020}\n@book{book1999, title = {Book}, year = 1999}\n';
  fs.writeFileSync(library, original);
  const out = path.join(tmp, 'refs.bib');
  fs.writeFileSync(out, 'precious');

  const refused = run('export', '--corpus', library, '-o', out);
  assert.equal(refused.status, 1);
  assert.equal(refused.stderr.trim(), `litnotes: ${out} exists; not overwritten (use --force to replace it)`);
  assert.equal(fs.readFileSync(out, 'utf8'), 'precious');

  for (const args of [[], ['--force']]) {
    const own = run('export', '--no-default-corpus', '--corpus', library, '-o', library, ...args);
    assert.equal(own.status, 1);
    assert.equal(own.stderr.trim(), `litnotes: ${library} is a corpus file this command reads; not overwritten (choose another output file)`);
    assert.equal(fs.readFileSync(library, 'utf8'), original);
  }
  // A symbolic link to the corpus file is the corpus file.
  const link = path.join(tmp, 'link.bib');
  fs.symlinkSync(library, link);
  assert.equal(run('export', '--no-default-corpus', '--corpus', library, '-o', link, '--force').status, 1);
  assert.equal(fs.readFileSync(library, 'utf8'), original);

  const forced = run('export', '--no-default-corpus', '--corpus', library, '-o', out, '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(core.parseBibtex(fs.readFileSync(out, 'utf8'), out).records.length, 2);
  const fresh = path.join(tmp, 'fresh.json');
  assert.equal(run('export', '--no-default-corpus', '--corpus', library, '-o', fresh, '--format', 'csl-json').status, 0);
  assert.equal(JSON.parse(fs.readFileSync(fresh, 'utf8')).length, 2);
  // No temporary files left behind.
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')), []);
});

test('cli: errors are one line, with no stack trace', () => {
  const cases = [
    [['export', '-o', tmp], `litnotes: ${tmp} is a folder; give a file name`],
    [['export', '-o', path.join(tmp, 'no', 'such', 'dir', 'x.bib')], `litnotes: cannot write ${path.join(tmp, 'no', 'such', 'dir', 'x.bib')}: folder ${path.join(tmp, 'no', 'such', 'dir')} does not exist`],
    [['export', '--format', 'ris'], 'litnotes: --format is bibtex or csl-json (see litnotes --help)'],
    [['search', '--limit'], /^litnotes: Option '--limit <value>' argument missing \(see litnotes --help\)$/],
    [['frobnicate'], 'litnotes: unknown command "frobnicate" (see litnotes --help)'],
  ];
  for (const [args, expected] of cases) {
    const result = run(...args);
    assert.notEqual(result.status, 0, args.join(' '));
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    if (typeof expected === 'string') assert.equal(lines[0], expected);
    else assert.match(lines[0], expected);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});
