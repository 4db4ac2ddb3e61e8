// The title splitter's accuracy, as the README states it (npm run eval:listings). The real
// listing sets live in ../shared and are used where present; a small held-out sample of real
// Hugging Face lines is in the project's fixtures, so one accuracy test always runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../helpers.mjs';
import { loadSets } from '../../scripts/listings/data.mjs';
import { evaluate } from '../../scripts/listings/eval.mjs';

const percent = (r) => (100 * r.exact) / r.total;
const { sets, skipped } = loadSets();
const set = (name) => sets.find((s) => s.name === name);

test('listing accuracy: held-out sample of real lines in the fixtures', () => {
  const sample = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'listings', 'hf-sample.json'), 'utf8'));
  const r = evaluate(sample);
  assert.ok(percent(r) >= 95, `${r.exact}/${r.total}: ${JSON.stringify(r.errors, null, 1)}`);
  assert.equal(r.oneWord, 0);
});

test('listing accuracy: the seed listing stays exact', () => {
  const r = evaluate(set('seeds').train);
  assert.equal(r.exact, r.total, JSON.stringify(r.errors, null, 1));
});

// The README's claims (held out = never seen by the trainer).
const claims = [
  ['hf', 'test', 98.5],
  ['hf', 'all', 97.8],
  ['bib', 'test', 94.9],
  ['bib', 'all', 95.5],
];
for (const [name, part, floor] of claims) {
  test(`listing accuracy: ${name} ${part === 'test' ? 'held out' : 'all lines'} at least ${floor} %`, (t) => {
    const s = set(name);
    if (!s) {
      t.skip(`set ${name} not found: ${skipped.join('; ')}`);
      return;
    }
    const r = evaluate(part === 'all' ? [...s.train, ...s.test] : s[part]);
    t.diagnostic(`${name} ${part}: ${r.exact}/${r.total} = ${percent(r).toFixed(1)} %`);
    // Compared as the README prints it, to one decimal.
    assert.ok(Number(percent(r).toFixed(1)) >= floor, `${percent(r).toFixed(1)} % < ${floor} %`);
    assert.equal(r.oneWord, 0, 'no one-word title from a multi-word title');
  });
}
