// Real libraries (issue 11): a 10 MB .bib (one file, and split into macros + entries files read
// as one database), and a 28,000-paper listing without author names: load + keys, how many
// keys need more than the base key, and how many keys change when papers are shuffled or one
// paper is added (without any key memory).
import { core } from '../../helpers.mjs';
import { bibEntry } from '../generate.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall time and CPU time (the CPU time says more on a shared, loaded machine). */
function time(runs, work) {
  const times = [];
  const cpus = [];
  let result;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t = performance.now();
    const c = process.cpuUsage();
    result = work();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpus.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), cpu: median(cpus), result };
}
const ms = (t) => `${t.ms.toFixed(0)} / ${t.cpu.toFixed(0)}`;

// Titles as a listing of ML papers has them: a Zipf-like head of common title words, so base
// keys collide as they do in real listings.
let seed = 2811;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const head = ('learning deep neural towards efficient robust graph large language models scalable adaptive multi ' +
  'generative self supervised federated diffusion transformer attention reinforcement contrastive bayesian causal fast ' +
  'understanding improving rethinking unified optimal sparse continual meta vision visual data training').split(' ');
const syllables = ['ka', 'lo', 'mi', 'tra', 'ne', 'sor', 'vi', 'qua', 'den', 'tal', 'rix', 'po', 'gen', 'sta', 'bel', 'chu', 'fer', 'ion'];
const tail = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
const titleWord = () => (random() < 0.55 ? head[Math.floor(head.length * random() ** 2)] : tail[Math.floor(tail.length * random() ** 1.5)]);
const cap = (w) => w[0].toUpperCase() + w.slice(1);
function listingLine() {
  const title = Array.from({ length: 4 + Math.floor(random() * 7) }, titleWord).map(cap).join(' ');
  const year = 2015 + Math.floor(random() * 11);
  return `- ${title} We study ${titleWord()} and ${titleWord()} in depth. ${1 + Math.floor(random() * 9)} authors · Jan ${1 + Math.floor(random() * 28)}, ${year}`;
}

export default async function libraries() {
  const rows = [];
  const entries = Array.from({ length: 10000 }, (_, n) => bibEntry(n));
  const bib = entries.join('\n');
  const mb = (Buffer.byteLength(bib) / 1048576).toFixed(1);
  const one = time(5, () => core.buildCorpus([{ path: 'library.bib', text: bib }]));
  rows.push(`| ${mb} MB .bib, one file | ${entries.length} | ${one.result.papers.length} | ${ms(one)} | – | – | – |`);
  // The core table's .bib row, with its CPU time: the corpus and the key/title index the corpus
  // worker builds before "ready" (its abstract words come after).
  const indexed = time(5, () => {
    const corpus = core.buildCorpus([{ path: 'library.bib', text: bib }]);
    new core.PaperSearch(corpus.papers, { deferAbstracts: true, warmUp: false });
    return corpus;
  });
  rows.push(`| ${mb} MB .bib + key/title index | ${entries.length} | ${indexed.result.papers.length} | ${ms(indexed)} | – | – | – |`);
  // The same library as abbrev.bib (macros) + two halves, read as one database.
  const strings = '@string{jmlr = "Journal of Machine Learning Research"}\n';
  const halves = [entries.slice(0, 5000).join('\n'), entries.slice(5000).join('\n')];
  const split = time(5, () => core.buildCorpus([{ path: 'abbrev.bib', text: strings }, { path: 'a.bib', text: halves[0] }, { path: 'b.bib', text: halves[1] }]));
  rows.push(`| ${mb} MB .bib in 3 files | ${entries.length} | ${split.result.papers.length} | ${ms(split)} | – | – | – |`);

  const lines = Array.from({ length: 28000 }, listingLine);
  const listing = time(3, () => core.buildCorpus([{ path: 'listing.txt', text: lines.join('\n') }]));
  const papers = listing.result.papers;
  const extended = papers.filter((p) => p.key !== core.baseKey(p)).length;
  const invalid = papers.filter((p) => !/^[a-z][a-z0-9]*$/.test(p.key)).length;
  const keyOf = (corpus) => new Map(corpus.papers.map((p) => [`${p.title}|${p.date.year}`, p.key]));
  const before = keyOf(listing.result);
  const shuffled = [...lines].sort(() => random() - 0.5);
  const afterShuffle = keyOf(core.buildCorpus([{ path: 'listing.txt', text: shuffled.join('\n') }]));
  const changedByShuffle = [...before].filter(([id, key]) => afterShuffle.get(id) !== key).length;
  const afterAdd = keyOf(core.buildCorpus([{ path: 'listing.txt', text: [...lines, listingLine()].join('\n') }]));
  const changedByAdd = [...before].filter(([id, key]) => afterAdd.has(id) && afterAdd.get(id) !== key).length;
  rows.push(
    `| 28k-paper listing, no author names | ${lines.length} | ${papers.length} | ${ms(listing)} | ${extended} (${((100 * extended) / papers.length).toFixed(2)} %) | ${invalid} | ${changedByShuffle} / ${changedByAdd} |`,
  );
  return [
    'Real libraries (issue 11): load + merge + keys in-process, median of 5 runs (3 for the listing); keys changed without any key memory',
    '',
    '| corpus | entries | papers | load + keys, wall / CPU (ms) | keys beyond the base key | invalid keys | keys changed: shuffle / one paper added |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
