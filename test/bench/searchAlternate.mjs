// Before/after in one process: the search-stream's completion queries (the last word typed, 50
// items, every keystroke once in stream order, as a server answers them: collections included)
// against two builds of the core, alternating query by query so both see the same machine load.
// CPU time per query (process.cpuUsage). For working on the search's latency (issue 13):
//   cp dist/core.js /tmp/before-core.js   # the build to compare against
//   npm run build --silent && node --expose-gc test/bench/searchAlternate.mjs /tmp/before-core.js [size] [rounds]
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { core } from '../helpers.mjs';
import { cslItem, paper } from './generate.mjs';
import { groundTruth, makeStream } from './queryStream.mjs';
import { percentile } from './measure.mjs';

const [beforePath, sizeArg, roundsArg] = process.argv.slice(2);
const before = createRequire(import.meta.url)(beforePath);
const size = Number(sizeArg ?? 100000);
const rounds = Number(roundsArg ?? 2);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const items = Array.from({ length: size }, (_, n) => cslItem(paper(n)));
const text = JSON.stringify(items);
const papersA = before.buildCorpus([{ path: 'library.json', text }]).papers;
const papersB = core.buildCorpus([{ path: 'library.json', text }]).papers;
const typed = makeStream(papersB, groundTruth(papersB), 300).flatMap((q) => q.keystrokes.map((k) => k.typed.split(' ').pop()));
const engines = [
  ['before', new before.PaperSearch(papersA)],
  ['after', new core.PaperSearch(papersB)],
];
const cpu = engines.map(() => []);
let differ = 0;
for (let round = 0; round < rounds; round++) {
  for (const word of typed) {
    const answers = engines.map(([, search], e) => {
      const t = cpuMs();
      const hits = search.search(word, 50);
      cpu[e].push(cpuMs() - t);
      return hits.map((h) => h.paper.key).join();
    });
    if (round === 0 && answers[0] !== answers[1]) differ++;
  }
}
const fmt = (v) => `p50 ${percentile(v, 50).toFixed(3)} p90 ${percentile(v, 90).toFixed(3)} p99 ${percentile(v, 99).toFixed(3)} max ${Math.max(...v).toFixed(2)} total ${v.reduce((a, b) => a + b, 0).toFixed(0)}`;
console.log(`${size} papers, ${typed.length} completion queries × ${rounds} rounds, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
engines.forEach(([name], e) => console.log(`${name.padEnd(6)} CPU ms: ${fmt(cpu[e])}`));
console.log(`top-50 lists that differ: ${differ} of ${typed.length}`);
// Per query, the least CPU time over the rounds (a collection or a busy core left out): the code's own tail.
const least = engines.map((_, e) => typed.map((_, i) => Math.min(...Array.from({ length: rounds }, (_, r) => cpu[e][r * typed.length + i]))));
engines.forEach(([name], e) => console.log(`${name.padEnd(6)} least of ${rounds} rounds, CPU ms: ${fmt(least[e])}`));
if (process.argv.includes('--slow')) {
  const order = typed.map((_, i) => i).sort((a, b) => least[1][b] - least[1][a]);
  for (const i of order.slice(0, 25)) console.log(`SLOW ${least[1][i].toFixed(2)} (before ${least[0][i].toFixed(2)}) "${typed[i]}"`);
}
