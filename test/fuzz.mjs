// Seeded fuzzing of every parser and scanner of the core: random text over each format's
// special characters, mutated real files, long runs of one character, and (for CSL-JSON) valid
// JSON whose fields have the wrong types. Used by test/unit/fuzz.test.mjs (a few seconds) and
// by `npm run fuzz` (scripts/fuzz.mjs, as long as you like).
//
// Each target runs in a worker thread (this file is also the worker): a throw is recorded with
// its input, and a hang is stopped by a CPU-time limit instead of stopping the caller.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { targets } from './hostile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Deterministic random numbers in [0, 1) from a seed (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTE = '---\ntitle: "A note"\ntags: [a, b]\n---\n# Heading ##\n\nAs [@lim2024, p. 3; -@b] say, `@code` and ``x`` @c.\n\n```\n@fenced\n```\n    @indented\nSee https://example.org/a_(b) and [x](http://e.org/y]). #tag\n';
const BIB = '@string{j = "Journal"}\n@article{lim2024,\n  title = {The {Empirical} Impact of \\"{U}ber -- Symmetries},\n  author = {Lim, Derek and van der Berg, Jan and {Acme Corp}},\n  journal = j # " of Things",\n  year = 2024, month = dec,\n  doi = {10.1/abc}, crossref = {proc}\n}\n@inproceedings{proc, booktitle = {Proc.}, year = 2023}\n@comment{x}\n';
const CSL = JSON.stringify([{ id: 'k1', type: 'article', title: 'T', author: [{ family: 'Lim', given: 'D' }, { literal: 'Acme' }], issued: { 'date-parts': [[2024, 12, 9]] }, DOI: '10.1/x', URL: 'https://e.org', keyword: 'a, b', abstract: 'Abs.' }], null, 1);
const SEED_CORPUS = fs.readFileSync(path.join(root, 'corpus', '000_40b54672e9f7f0c1.txt'), 'utf8').slice(0, 6000)
  + '\n' + fs.readFileSync(path.join(root, 'corpus', '001_982cc8407ff96e51.txt'), 'utf8').slice(0, 6000);

/** Per target: a real sample to mutate and the characters that mean something to its parser. */
const KINDS = {
  note: { sample: NOTE, alphabet: '@[]{}()#`~-;,.:!?\\/ \t\n\r"\'*_<>|=aZ0é😀' },
  bib: { sample: BIB, alphabet: '@{}()"#,=%\\^~$&_ \t\naZ0é' },
  csl: { sample: CSL, alphabet: '[]{}":,-.0123456789 \nnulltruefalseaZé\\' },
  seed: { sample: SEED_CORPUS, alphabet: '-·()[]>.,:; \t\naAzZ0123456789é' },
  query: { sample: 'equivariant neural netwrk lim2024 "quoted" -not', alphabet: ' @"-*?.aeiouEQ0' },
};
const KIND_OF = {
  citations: 'note', notes: 'note', completion: 'note', urls: 'note', text: 'note', sniff: 'seed',
  listing: 'seed', titleSplit: 'seed', digest: 'seed', corpus: 'seed',
  bibtex: 'bib', latex: 'bib', csl: 'csl', search: 'query',
};
export const TARGETS = Object.keys(KIND_OF);

/** The i-th input of a run: deterministic in (seed, i), so a failure is reproducible. */
export function makeInput(target, seed, i, maxLength) {
  const next = random(seed * 1_000_003 + i);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const kind = KINDS[KIND_OF[target]];
  const length = () => 1 + Math.floor(next() ** 2 * maxLength);
  const way = next();
  if (target === 'csl' && way < 0.35) return wrongTypes(next, pick);
  if (way < 0.3) {
    let text = '';
    for (let n = length(); text.length < n; ) text += pick(kind.alphabet);
    return text;
  }
  if (way < 0.4) return pick(kind.alphabet).repeat(length());
  // A mutated sample: insert, delete, duplicate, or drop in a run of one character.
  let text = kind.sample;
  for (let m = 1 + Math.floor(next() * 6); m > 0; m--) {
    const at = Math.floor(next() * (text.length + 1));
    const op = next();
    if (op < 0.3) text = text.slice(0, at) + pick(kind.alphabet) + text.slice(at);
    else if (op < 0.5) text = text.slice(0, at) + text.slice(at + Math.floor(next() * 40));
    else if (op < 0.7) text = text.slice(0, at) + text.slice(at, at + Math.floor(next() * 200)).repeat(2) + text.slice(at);
    else text = text.slice(0, at) + pick(kind.alphabet).repeat(Math.floor(next() * maxLength / 4)) + text.slice(at);
  }
  return text.slice(0, maxLength * 2);
}

/** CSL-JSON that parses as JSON but whose fields hold anything. */
function wrongTypes(next, pick) {
  const values = () => pick([null, 7, -1.5, '', 'text', true, [], {}, [null], ['a', 3], { family: 5 }, [[2020, 'x']], { 'date-parts': '2020' }, { 'date-parts': [[null]] }]);
  const fields = ['id', 'type', 'title', 'author', 'editor', 'issued', 'abstract', 'DOI', 'URL', 'keyword', 'container-title'];
  const items = [];
  for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
    const item = {};
    for (const field of fields) if (next() < 0.6) item[field] = values();
    if (next() < 0.2) item.author = [values(), { family: values(), given: values() }];
    items.push(item);
  }
  return JSON.stringify(next() < 0.8 ? items : next() < 0.5 ? { items } : items[0] ?? null);
}

/**
 * Runs `count` inputs (from index `from`) of one target in a worker. Resolves to
 * { runs, failures: [{ index, error, ms, input }] }; a run stopped by the CPU limit is one failure.
 */
export function fuzzTarget(target, { seed = 1, from = 0, count = 100, maxLength = 4000, slowMs = 1000, cpuLimitMs = 20000 } = {}) {
  return new Promise((resolve) => {
    const cpuAtStart = cpuMs();
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { kind: 'fuzz', target, seed, from, count, maxLength, slowMs },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let lastIndex = from;
    const failures = [];
    const finish = (result) => {
      clearInterval(watch);
      worker.terminate();
      resolve(result);
    };
    worker.on('message', (message) => {
      if (message.progress !== undefined) lastIndex = message.progress;
      else if (message.failure) failures.push(message.failure);
      else finish({ runs: message.runs, failures });
    });
    worker.once('error', (error) => {
      failures.push({ index: lastIndex, error: `worker died: ${error.code ?? error.name}: ${error.message.split('\n')[0]}`, input: makeInput(target, seed, lastIndex, maxLength) });
      finish({ runs: lastIndex - from, failures });
    });
    const watch = setInterval(() => {
      if (cpuMs() - cpuAtStart <= cpuLimitMs) return;
      failures.push({ index: lastIndex, error: `still running after ${cpuLimitMs / 1000} s of CPU time`, input: makeInput(target, seed, lastIndex, maxLength) });
      finish({ runs: lastIndex - from, failures });
    }, 50);
  });
}

if (!isMainThread && workerData?.kind === 'fuzz') {
  const core = createRequire(import.meta.url)(path.join(root, 'dist', 'core.js'));
  const { target, seed, from, count, maxLength, slowMs } = workerData;
  const run = targets(core)[target];
  for (let i = from; i < from + count; i++) {
    const input = makeInput(target, seed, i, maxLength);
    parentPort.postMessage({ progress: i });
    const started = cpuMs();
    try {
      run(input);
      const ms = cpuMs() - started;
      if (ms > slowMs) parentPort.postMessage({ failure: { index: i, error: `slow: ${ms.toFixed(0)} ms of CPU for ${input.length} characters`, ms, input } });
    } catch (error) {
      parentPort.postMessage({ failure: { index: i, error: `threw ${error?.name}: ${String(error?.message).split('\n')[0]}`, input } });
    }
  }
  parentPort.postMessage({ runs: count });
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
