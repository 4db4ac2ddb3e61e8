// Where a bibliography entry spells its key (what rename rewrites), and which names are keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

test('entry keys: BibTeX @type{key, and CSL-JSON "id" found at the entry line, other keys not', () => {
  const bib = '% lib\n@article{ lim2024 ,\n  title = {X}\n}\n@misc(other2020, title = {Y})\n';
  assert.deepEqual(core.findEntryKey(bib, 'bibtex', 2, 'lim2024'), { line: 1, start: 10, end: 17 });
  assert.deepEqual(core.findEntryKey(bib, 'bibtex', 5, 'other2020'), { line: 4, start: 6, end: 15 });
  assert.equal(core.findEntryKey(bib, 'bibtex', 2, 'limgenerated2024'), undefined, 'a generated key is not the entry\'s');
  const json = '[\n  {\n    "type": "article",\n    "id": "turing1950",\n    "title": "C"\n  }\n]\n';
  assert.deepEqual(core.findEntryKey(json, 'csl-json', 2, 'turing1950'), { line: 3, start: 11, end: 21 });
  assert.equal(core.findEntryKey(json, 'csl-json', 2, 'other'), undefined);
  assert.equal(core.findEntryKey(json, 'csl-json', 99, 'turing1950'), undefined, 'past the end');
});

test('citation keys Pandoc reads without braces', () => {
  for (const key of ['lim2024', 'doe:1999', 'a-b_c', 'Müller2020']) assert.ok(core.isValidCitationKey(key), key);
  for (const key of ['', 'has space', 'trailing-', '@x', 'a;b']) assert.ok(!core.isValidCitationKey(key), key);
});
