// The preview's citation formatting: building the citeproc-js engine for the bundled APA style
// (once per process) and rendering a note's citations and reference list with it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);

export default async function () {
  const files = { style: fs.readFileSync(path.join(root, 'csl', 'apa.csl'), 'utf8'), locale: fs.readFileSync(path.join(root, 'csl', 'locales-en-US.xml'), 'utf8') };
  const time = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // Loaded here so the build is measured from a cold module.
  const core = require(path.join(root, 'dist', 'core.js'));
  const build = time(() => core.prepareEngine(files));
  const rows = [];
  for (const count of [10, 100]) {
    const items = new Map();
    for (let i = 0; i < count; i++) items.set(`k${i}`, { id: `k${i}`, type: 'article', title: `Paper number ${i} on symmetry`, author: [{ family: `Author${i}`, given: 'A.' }, { family: 'Other', given: 'B.' }], issued: { 'date-parts': [[1990 + (i % 30)]] } });
    const clusters = [...items.keys()].map((key, i) => ({ items: [{ key, suffix: i % 3 === 0 ? ', p. 3' : undefined }], inText: i % 2 === 0 }));
    const runs = [];
    for (let r = 0; r < 5; r++) runs.push(time(() => core.renderCitations(clusters, items, files)));
    runs.sort((a, b) => a - b);
    rows.push(`| ${count} | ${runs[2].toFixed(1)} |`);
  }
  return [
    `Preview citations (citeproc-js, bundled APA): engine build once per process ${build.toFixed(0)} ms; render a note, median of 5:`,
    '',
    '| citations (= references) | render (ms) |',
    '|---:|---:|',
    ...rows,
  ].join('\n');
}
