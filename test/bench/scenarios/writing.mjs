// The writing flow's extra work, measured on the service in memory (no LSP round trip): the
// "did you mean" search behind each unknown key's diagnostic (first publish of a note with 50
// unknown keys, then a re-publish from the cache), the hover card with its citing-note links,
// and completion for a word whose typo sits inside the prefix (the fallback search).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listingLine } from '../generate.mjs';
import { memoryHost } from '../../unit/memoryHost.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const lib = require(path.join(root, 'dist', 'service.js'));

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const time = (run) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

export default async function ({ args = [] } = {}) {
  const sizes = args.includes('--big') ? [10000, 100000] : [10000];
  const rows = [];
  for (const size of sizes) {
    const lines = Array.from({ length: size }, listingLine);
    const unknown = Array.from({ length: 50 }, (_, i) => `[@nosuch${i}key${1990 + i}]`).join(' ');
    const host = memoryHost({ '/ws/corpus.txt': lines.join('\n'), '/ws/notes/a.md': `${unknown}\n` }, {});
    const service = lib.createLitService({ host, settings: { corpus: ['/ws/corpus.txt'], includeBundledCorpus: false }, folders: ['/ws'] });
    await service.rebuild();
    // Publishing a note runs "did you mean" for its unknown keys (rebuild already did for a.md).
    const other = Array.from({ length: 50 }, (_, i) => `[@other${i}paper${2000 + i}]`).join(' ');
    const publish = () => {
      service.openDocument('file:///ws/notes/b.md', `${other}\n`, 'markdown');
      return service.diagnostics('file:///ws/notes/b.md');
    };
    const first = time(publish);
    // Each publish looks up a few more keys within its time budget, until all are remembered.
    const filling = Array.from({ length: 60 }, () => time(publish));
    const hinted = publish().filter((d) => /Did you mean/.test(d.message)).length;
    const again = median(Array.from({ length: 5 }, () => time(publish)));
    const key = service.corpus().papers[0].key;
    for (let i = 0; i < 20; i++) service.openDocument(`file:///ws/notes/c${i}.md`, `Cites [@${key}].\n`, 'markdown');
    const hover = median(Array.from({ length: 21 }, () => time(() => service.hover('file:///ws/notes/c0.md', { line: 0, character: 9 }))));
    const word = service.corpus().papers.flatMap((p) => p.title.toLowerCase().split(/[^a-z]+/)).find((w) => w.length >= 8);
    const typo = `${word.slice(0, -1)}q${word.slice(-1)}`;
    const line = `[@${typo}`;
    const found = service.complete('file:///ws/notes/c1.md', line, { line: 0, character: line.length }, 50)?.papers.length ?? 0;
    const complete = median(Array.from({ length: 21 }, () => time(() => service.complete('file:///ws/notes/c1.md', line, { line: 0, character: line.length }, 50))));
    const plainLine = `[@${word}`;
    const plain = median(Array.from({ length: 21 }, () => time(() => service.complete('file:///ws/notes/c1.md', plainLine, { line: 0, character: plainLine.length }, 50))));
    rows.push(`| ${size} | ${first.toFixed(1)} | ${Math.max(...filling).toFixed(1)} | ${again.toFixed(2)} (${hinted} hints) | ${hover.toFixed(2)} | ${plain.toFixed(2)} | ${complete.toFixed(2)} (${found} papers) |`);
    service.dispose();
  }
  return [
    'Writing flow on the service in memory (ms; median of 5 to 21 runs; noisy shared machine):',
    '',
    '| papers | note with 50 unknown keys: first publish | slowest later publish | once all remembered | hover card, 20 citing notes | completion, a title word | completion, typo inside the prefix |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
