// A 100k-line listing, read in-process: parseListing alone (the title splitter's cost, CPU time)
// and the whole load (parse, merge, keys), beside the share of exact titles on the same lines.
// Three kinds of lines: the synthetic bench lines, real Hugging Face lines from ../shared, and
// real journal papers from the BibTeX fixtures joined the listing way (both repeated to 100k)
// where ../shared is present.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { core } from '../../helpers.mjs';
import { loadSets } from '../../../scripts/listings/data.mjs';

// LISTINGS_LINES=30000 runs fewer lines (times are still given per 100k); LISTINGS_PARSE_ONLY=1
// skips the whole-load column: on a loaded machine the full run takes over 15 minutes.
const LINES = Number(process.env.LISTINGS_LINES) || 100000;
const PARSE_ONLY = process.env.LISTINGS_PARSE_ONLY === '1';
const RUNS = 3;
// LISTINGS_BASELINE=/path/to/other/dist/core.js: parseListing of that build (say, an older commit's)
// alternated with this one's in the same process, so a loaded machine slows both alike.
const BASELINE = process.env.LISTINGS_BASELINE;
const BASELINE_ROUNDS = 5;

// Own generator (not generate.mjs's shared seed), so the lines do not depend on what ran before.
/** { lines, titles }: titles[i] is the true title of lines[i]. */
function syntheticLines() {
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const syl = ['ka', 'lo', 'mi', 'tra', 'ne', 'sor', 'vi', 'qua', 'den', 'tal', 'rix', 'po', 'gen', 'sta', 'bel'];
  const w = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syl[Math.floor(random() * syl.length)]).join('');
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const common = 'the of and in to a we is for that on with by this as are our from'.split(' ');
  const titles = [];
  const lines = Array.from({ length: LINES }, (_, n) => {
    const title = Array.from({ length: 5 + Math.floor(random() * 7) }, () => cap(w())).join(' ');
    titles.push(title);
    const abstract = Array.from({ length: 8 }, (_, i) => {
      const words = Array.from({ length: 20 }, () => (random() < 0.45 ? common[Math.floor(random() * common.length)] : w()));
      return `${i === 0 ? 'We' : cap(words.shift())} ${words.join(' ')}.`;
    }).join(' ');
    return `- ${title} ${abstract} ${1 + (n % 9)} authors · Mar ${1 + (n % 28)}, ${1990 + (n % 35)}`;
  });
  return { lines, titles };
}

/** A labelled set of scripts/listings/data.mjs (all its lines) as listing lines, repeated to 100k. */
function realLines(set) {
  const items = [...set.train, ...set.test];
  const base = items.map((x, n) => `- ${x.body} ${1 + (n % 9)} authors · Mar ${1 + (n % 28)}, ${1990 + (n % 35)}`);
  return { lines: Array.from({ length: LINES }, (_, i) => base[i % base.length]), titles: items.map((x) => x.title) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU milliseconds of fn (user + system: less sensitive than the clock to waiting for a core). */
function cpuMs(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Exact titles among the distinct labelled lines (the first titles.length lines). */
function accuracy({ lines, titles }) {
  let exact = 0;
  for (let i = 0; i < titles.length; i++) if (core.splitTitleAndAbstract(core.listingBody(lines[i]) ?? '')?.title === titles[i]) exact++;
  return `${((100 * exact) / titles.length).toFixed(1)} % of ${titles.length}`;
}

function measure(name, data) {
  const { lines } = data;
  const text = lines.join('\n');
  const parse = [];
  const load = [];
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    parse.push(cpuMs(() => core.parseListing(text, 'listing.txt')));
    if (PARSE_ONLY) continue;
    globalThis.gc?.();
    load.push(cpuMs(() => core.buildCorpus([{ path: 'listing.txt', text }])));
  }
  const perLine = (1000 * Math.min(...parse)) / lines.length;
  const loadMs = PARSE_ONLY ? '–' : ((median(load) * 100000) / lines.length).toFixed(0);
  return `| ${name} | ${lines.length} | ${(Buffer.byteLength(text) / 1048576).toFixed(1)} | ${(perLine * 100).toFixed(0)} | ${perLine.toFixed(1)} | ${loadMs} | ${accuracy(data)} |`;
}

/** parseListing CPU time of this build and of the baseline, alternated: best and median of the rounds, per 100k lines. */
function compare(name, { lines }, baseline) {
  const text = lines.join('\n');
  const times = { baseline: [], current: [] };
  for (let round = 0; round < BASELINE_ROUNDS; round++) {
    for (const [which, build] of [['baseline', baseline], ['current', core]]) {
      globalThis.gc?.();
      times[which].push(cpuMs(() => build.parseListing(text, 'listing.txt')));
    }
  }
  const per100k = (ms) => ((ms * 100) / lines.length).toFixed(2);
  const cell = (t) => `${per100k(Math.min(...t))} / ${per100k(median(t))}`;
  return `| ${name} | ${lines.length} | ${cell(times.baseline)} | ${cell(times.current)} |`;
}

export default async function listings() {
  const { sets } = loadSets();
  const hf = sets.find((s) => s.name === 'hf');
  const bib = sets.find((s) => s.name === 'bib');
  if (BASELINE) {
    const baseline = createRequire(import.meta.url)(path.resolve(BASELINE));
    const rows = [compare('synthetic', syntheticLines(), baseline)];
    if (hf && bib) rows.push(compare('Hugging Face and BibTeX-fixture lines, repeated', realLines({ train: [...hf.train, ...bib.train], test: [...hf.test, ...bib.test] }), baseline));
    return [
      `parseListing CPU time per 100k lines (s), best / median of ${BASELINE_ROUNDS} rounds, the baseline (${BASELINE}) and this build alternated:`,
      '',
      '| lines | count | baseline | this build |',
      '|---|---:|---:|---:|',
      ...rows,
    ].join('\n');
  }
  const rows = [measure('synthetic', syntheticLines())];
  if (hf) rows.push(measure('Hugging Face daily papers, repeated', realLines(hf)));
  if (bib) rows.push(measure('BibTeX-fixture papers joined, repeated', realLines(bib)));
  return [
    `Listing load, in-process CPU time (parseListing: best of ${RUNS}; buildCorpus: median), beside exact titles on the distinct lines (training and held-out parts together; \`npm run eval:listings\` separates them):`,
    '',
    '| lines | count | MB | parseListing per 100k lines (ms) | µs per line | buildCorpus per 100k lines (ms) | exact titles |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
