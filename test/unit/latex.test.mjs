// LaTeX to text on fields a library could hold, and on fields built to exhaust the reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

test('accents nested in braces keep every mark, on the first letter of their argument', () => {
  const cases = [
    ['\\"{\\"{u}}', 'ü\u0308'],
    ['\\\'{\\i}, \\v{\\\'{e}}r', 'í, é\u030Cr'],
    ['\\"{Uber} \\c{ca}', 'Über ça'],
    ['M{\\"u}ller-\\\'{E}mile', 'Müller-Émile'],
    ['\\~{} and \\^{}', '~ and ^'],
    ['\\\'{ e}', 'é'],
  ];
  for (const [latex, text] of cases) assert.equal(core.latexToUnicode(latex), text, latex);
});

test('a title of 100,000 nested accents is read, not skipped, and keeps its letter', () => {
  const depth = 100_000;
  const title = '\\"{'.repeat(depth) + 'o' + '}'.repeat(depth) + ' and after';
  const text = core.latexToUnicode(title);
  // The outer 32 groups put their marks; deeper ones keep only their text.
  assert.equal(text.normalize('NFD'), 'o' + '\u0308'.repeat(32) + ' and after');
  const { records, problems } = core.parseBibtex(`@article{deep, title = {${title}}}\n@article{next, title = {Next}}`, 'deep.bib');
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => r.ownKey), ['deep', 'next']);
});

test('accent groups that never close run to the end of the field', () => {
  assert.equal(core.latexToUnicode('\\"{\\"{\\"{'), '');
  assert.equal(core.latexToUnicode('x \\\'{e and more'), 'x é and more');
  assert.equal(core.latexToUnicode('\\\\'.repeat(50_000) + 'end'), 'end');
});
