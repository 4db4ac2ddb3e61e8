// A 100k-line listing, read in-process: parseListing alone (the title splitter's cost) and the
// whole load (parse, merge, keys). Two kinds of lines: the synthetic bench lines, and real Hugging
// Face lines from ../shared (repeated to 100k) where that folder is present.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, root } from '../../helpers.mjs';

const LINES = 100000;
const RUNS = 5;

// Own generator (not generate.mjs's shared seed), so the lines do not depend on what ran before.
function syntheticLines() {
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const syl = ['ka', 'lo', 'mi', 'tra', 'ne', 'sor', 'vi', 'qua', 'den', 'tal', 'rix', 'po', 'gen', 'sta', 'bel'];
  const w = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syl[Math.floor(random() * syl.length)]).join('');
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const common = 'the of and in to a we is for that on with by this as are our from'.split(' ');
  return Array.from({ length: LINES }, (_, n) => {
    const title = Array.from({ length: 5 + Math.floor(random() * 7) }, () => cap(w())).join(' ');
    const abstract = Array.from({ length: 8 }, (_, i) => {
      const words = Array.from({ length: 20 }, () => (random() < 0.45 ? common[Math.floor(random() * common.length)] : w()));
      return `${i === 0 ? 'We' : cap(words.shift())} ${words.join(' ')}.`;
    }).join(' ');
    return `- ${title} ${abstract} ${1 + (n % 9)} authors · Mar ${1 + (n % 28)}, ${1990 + (n % 35)}`;
  });
}

function realLines() {
  const file = path.join(root, '..', 'shared', 'data', 'listings-train', 'hf-train.txt');
  const alt = '/work/shared/data/listings-train/hf-train.txt';
  const found = [file, alt].find((f) => fs.existsSync(f));
  if (!found) return undefined;
  const base = fs.readFileSync(found, 'utf8').split('\n').filter((l) => l.trim());
  return Array.from({ length: LINES }, (_, i) => base[i % base.length]);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(name, lines) {
  const text = lines.join('\n');
  const parse = [];
  const load = [];
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    let t = performance.now();
    core.parseListing(text, 'listing.txt');
    parse.push(performance.now() - t);
    globalThis.gc?.();
    t = performance.now();
    core.buildCorpus([{ path: 'listing.txt', text }]);
    load.push(performance.now() - t);
  }
  return `| ${name} | ${lines.length} | ${(Buffer.byteLength(text) / 1048576).toFixed(1)} | ${median(parse).toFixed(0)} | ${median(load).toFixed(0)} |`;
}

export default async function listings() {
  const rows = [measure('synthetic', syntheticLines())];
  const real = realLines();
  if (real) rows.push(measure('Hugging Face lines, repeated', real));
  return [
    `Listing load, in-process, median of ${RUNS} runs:`,
    '',
    '| lines | count | MB | parseListing (ms) | buildCorpus (ms) |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
