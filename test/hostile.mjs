// Hostile inputs for every parser and scanner of the core, shared by the super-linear test
// (test/unit/superlinear.test.mjs), the fuzz test and `npm run fuzz` (scripts/fuzz.mjs).
//
// Each shape makes an input of about n characters. A linear parser takes about 100 times longer
// at 1 MB than at 10 KB; one that backtracks or rescans takes 10,000 times longer or never ends.
// Measurements run in a worker thread (this file is also the worker), so a hang is stopped by a
// time limit and a memory blow-up by the worker's heap limit, not by the test runner dying.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Repeats `unit` to about n characters. */
const fill = (unit, n) => unit.repeat(Math.max(1, Math.ceil(n / unit.length)));

/** The parsers and scanners, each taking one text. */
export function targets(core) {
  let search;
  const seed = fs.readFileSync(path.join(root, 'corpus', '000_40b54672e9f7f0c1.txt'), 'utf8');
  return {
    citations: (text) => core.scanCitations(text),
    notes: (text) => core.analyzeNote('file:///w/note.md', text),
    completion: (text) => core.citationPrefixAt(text, text.length),
    urls: (text) => core.findUrls(text),
    text: (text) => [core.tokenize(text), core.normalizeTitle(text), core.looksBinary(text)],
    sniff: (text) => [core.notCorpusReason('x.txt', text), core.notCorpusReason('x.bib', text), core.binaryReason(Buffer.from(text))],
    listing: (text) => core.parseListing(text, 'listing.txt'),
    titleSplit: (text) => core.splitTitleAndAbstract(text),
    digest: (text) => core.parseDigest(text, 'digest.txt'),
    bibtex: (text) => core.parseBibtex(text, 'library.bib'),
    latex: (text) => core.latexToUnicode(text),
    csl: (text) => core.parseCslJson(text, 'library.json'),
    corpus: (text) => core.buildCorpus([{ path: 'any.txt', text }]),
    search: (text) => {
      search ??= new core.PaperSearch(core.buildCorpus([{ path: 'seed.txt', text: seed }]).papers);
      return search.search(text, 10);
    },
  };
}

const URL = 'see https://example.org/a_(b)/c';

/**
 * The shapes: the issue's inputs and their relatives. `owner` names the engineer whose parser it
 * is, when not issue 10's; `todo` (set where a fix has not landed yet) makes node:test report
 * the case without failing the run.
 */
export const SHAPES = [
  // Notes and text (issue 10).
  { target: 'citations', name: 'a line of backticks', make: (n) => 'x ' + '`'.repeat(n) + ' @k' },
  { target: 'citations', name: 'backtick runs of every length', make: (n) => 'x ' + fill('`a``b```c````d`````e', n) + ' @k' },
  { target: 'notes', name: 'backticks and citations in a note', make: (n) => fill('`@a` ``x`@b` ', n) },
  { target: 'notes', name: '"# a" + spaces + "b"', make: (n) => '# a' + ' '.repeat(n) + 'b' },
  { target: 'notes', name: '"# a" + a run of "#"', make: (n) => '# a' + '#'.repeat(n) },
  { target: 'notes', name: '"# a" + spaces and "#"', make: (n) => '# a' + fill(' #', n) + 'b' },
  { target: 'notes', name: 'URL + a run of ")"', make: (n) => URL + ')'.repeat(n) },
  { target: 'notes', name: 'URL + a run of "]"', make: (n) => URL + ']'.repeat(n) },
  { target: 'urls', name: 'URL + ")" and "." alternating', make: (n) => URL + fill(').', n) },
  { target: 'notes', name: 'the same URL many times', make: (n) => fill('https://a.org/x ', n) },
  { target: 'citations', name: '"[@a; @b, p. 3] and @c." on one line', make: (n) => fill('[@a; @b, p. 3] and @c. ', n) },
  { target: 'notes', name: '"[@a; @b, p. 3] and @c." on one line, whole note', make: (n) => fill('[@a; @b, p. 3] and @c. ', n) },
  { target: 'citations', name: 'nested brackets around a citation', make: (n) => '['.repeat(n / 2) + '@a' + ']'.repeat(n / 2) },
  { target: 'citations', name: 'brackets without "@"', make: (n) => '@a ' + '['.repeat(n / 2) + ']'.repeat(n / 2) },
  { target: 'citations', name: 'a run of "@"', make: (n) => '@'.repeat(n) },
  { target: 'citations', name: 'unclosed "@{"', make: (n) => fill('@{aaaa', n) },
  { target: 'citations', name: 'key characters without an end', make: (n) => '@a' + fill('.-', n) },
  { target: 'completion', name: 'many "@" before the cursor', make: (n) => fill('@a ', n) + '[@lim' },
  { target: 'completion', name: 'a run of "@"', make: (n) => '@'.repeat(n) },
  { target: 'notes', name: 'front matter value with spaces and CR', make: (n) => '---\ntitle:' + ' '.repeat(n) + 'x\ry\ntags: [' + fill('a, ', n) + ']\n---\n' },
  { target: 'notes', name: 'front matter never closed', make: (n) => '---\n' + fill('tags:\n  - a\n', n) },
  { target: 'notes', name: 'fences and indented code', make: (n) => fill('```\n@a\n```\n\n    @b\n~~~\n', n) },
  { target: 'notes', name: 'tags', make: (n) => fill(' #a-b/c #1 ', n) },
  { target: 'notes', name: 'lines of "#"', make: (n) => fill('#\n# #\n', n) },
  { target: 'text', name: 'accents and symbols', make: (n) => fill('Zürich ß — ', n) },
  { target: 'sniff', name: 'a passwd-like file', make: (n) => fill('user:x:1000:1000:User:/home/u:/bin/sh\n', n) },
  { target: 'sniff', name: 'one long line', make: (n) => fill('word ', n) },

  // Readers owned by other engineers: the shapes from the issue and their relatives.
  { target: 'digest', owner: 'issue 12', name: 'tag line "-" + tabs', make: (n) => '-' + '\t'.repeat(n) },
  { target: 'digest', owner: 'issue 12', name: 'a title, then a tag line "-" + spaces and tabs', make: (n) => 'title\n-' + ' \t'.repeat(n / 2) + 'x\n' },
  { target: 'digest', owner: 'issue 12', name: 'tag line "- a" + spaces + "(1"', make: (n) => '- a' + ' '.repeat(n) + '(1' },
  { target: 'digest', owner: 'issue 12', name: 'author line without an end', make: (n) => fill('Aa, Bb ', n) },
  { target: 'listing', owner: 'issue 12', name: 'a line of " author"', make: (n) => '- ' + fill(' author', n) },
  { target: 'listing', owner: 'issue 12', name: 'lines that almost end like a listing', make: (n) => fill('- Title text 2 authors · Jan\n', n) },
  { target: 'titleSplit', owner: 'issue 12', name: 'one long word', make: (n) => 'A'.repeat(n) },
  { target: 'search', owner: 'issue 13', name: 'a long query', make: (n) => fill('equivariant netwrk ', n) },
  { target: 'search', owner: 'issue 13', name: 'a query of one character', make: (n) => 'e'.repeat(n) },
  { target: 'bibtex', owner: 'issue 11', name: 'entries that never close, one line', make: (n) => fill('@a{k, t = {x} ', n) },
  { target: 'bibtex', owner: 'issue 11', name: 'a run of "{"', make: (n) => '@article{k, title = ' + '{'.repeat(n) },
  { target: 'bibtex', owner: 'issue 11', name: '@string macros that double, 24 times', make: (n) => doublingMacros(24) + '% ' + 'x'.repeat(n) },
  { target: 'bibtex', owner: 'issue 11', name: 'a crossref chain', make: (n) => crossrefChain(Math.floor(n / 60)) },
  { target: 'latex', name: 'a run of "\\"', make: (n) => '\\'.repeat(n) },
  { target: 'latex', name: 'nested accent commands', make: (n) => fill('\\"{', n) },
  { target: 'latex', name: 'nested accents around spaces', make: (n) => fill('\\"{~ ', n) },
  { target: 'latex', name: 'accented letters in a row', make: (n) => fill('\\"{a}\\v c', n) },
  { target: 'latex', name: 'escaped characters in a row', make: (n) => fill('\\&', n) },
  { target: 'latex', name: 'dropped arguments that never close', make: (n) => fill('\\cite[{', n) },
  { target: 'csl', owner: 'issue 11', name: 'fields of the wrong type', make: (n) => '[' + fill(WRONG_TYPES + ',', n) + '{}]' },
  { target: 'csl', owner: 'issue 11', name: 'deeply nested arrays', make: (n) => '['.repeat(n / 2) + ']'.repeat(n / 2) },
  { target: 'corpus', owner: 'issue 12', name: 'prose lines as a corpus', make: (n) => fill('Many words here. And a sentence after it goes on and on.\n', n) },
];

const WRONG_TYPES = JSON.stringify({ id: 7, title: ['t'], author: 'Smith', DOI: 10.1, keyword: ['a', 'b'], issued: { 'date-parts': '2020' }, editor: [null] });

/** A 659-byte kind of file whose macros double: m24 is 2^24 times "xx". */
export function doublingMacros(times) {
  let text = '@string{m0 = "xx"}\n';
  for (let i = 1; i <= times; i++) text += `@string{m${i} = m${i - 1} # m${i - 1}}\n`;
  return text + `@article{big, title = m${times}}\n`;
}

export function crossrefChain(depth) {
  let text = '@article{k0, title = {Root}, year = 2000}\n';
  for (let i = 1; i <= depth; i++) text += `@article{k${i}, crossref = {k${i - 1}}}\n`;
  return text;
}

export const SMALL = 10_000;
export const LARGE = 1_000_000;

/**
 * Times one shape at both sizes in a worker: { small, large, ratio } in CPU ms, or { error }.
 * The limit is on CPU time (the worker is the only thread of this process that computes), so a
 * busy machine makes the wait longer but never turns a linear parser into a "hang".
 */
export function measureShape(shape, { cpuLimitMs = 10000, wallLimitMs = 180000, heapMb = 1024, youngMb = 64 } = {}) {
  return new Promise((resolve) => {
    const cpuAtStart = cpuMs();
    const wallAtStart = Date.now();
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { kind: 'shape', target: shape.target, name: shape.name },
      // A young generation large enough for a 1 MB input's short-lived objects, as for 10 KB:
      // what is compared is the parser's work, not how often the collector promotes.
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngMb },
    });
    const finish = (result) => {
      clearInterval(watch);
      worker.terminate();
      resolve(result);
    };
    const watch = setInterval(() => {
      if (cpuMs() - cpuAtStart > cpuLimitMs) finish({ error: `still running after ${cpuLimitMs / 1000} s of CPU time` });
      else if (Date.now() - wallAtStart > wallLimitMs) finish({ error: `no answer within ${wallLimitMs / 1000} s` });
    }, 50);
    worker.once('message', finish);
    worker.once('error', (error) => finish({ error: `${error.code ?? error.name}: ${error.message.split('\n')[0]}` }));
  });
}

if (!isMainThread && workerData?.kind === 'shape') {
  const core = createRequire(import.meta.url)(path.join(root, 'dist', 'core.js'));
  const run = targets(core)[workerData.target];
  const shape = SHAPES.find((s) => s.name === workerData.name && s.target === workerData.target);
  try {
    parentPort.postMessage(measureInThisThread(run, shape));
  } catch (error) {
    parentPort.postMessage({ error: `threw ${error?.name}: ${String(error?.message).split('\n')[0]}` });
  }
}

/**
 * CPU time, not wall time: on a shared machine a process waits for a core far longer than it
 * computes. Best of several runs, the one least disturbed. Garbage collection is charged to both
 * sizes alike: the small input's time is an average over many runs, so its collections count.
 */
function measureInThisThread(run, shape) {
  const small = shape.make(SMALL);
  const large = shape.make(LARGE);
  run(small); // warm up: compile, build lazy tables
  // The small input many times with every result kept, as the large run keeps its one result:
  // the same amount of text and of output for the collector, in 100 pieces instead of one.
  const once = timed(run, small);
  const perBatch = Math.max(2, Math.min(100, Math.ceil(100 / Math.max(once, 0.001))));
  let smallMs = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    const kept = [];
    const started = cpuMs();
    for (let i = 0; i < perBatch; i++) kept.push(run(small));
    smallMs = Math.min(smallMs, (cpuMs() - started) / perBatch);
  }
  let largeMs = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = cpuMs();
    run(large);
    largeMs = Math.min(largeMs, cpuMs() - started);
    // Clearly linear, or clearly not: no need for another run.
    if (largeMs / smallMs < 60 || largeMs > 3000) break;
  }
  return { small: smallMs, large: largeMs, ratio: largeMs / Math.max(smallMs, 0.001) };
}

/** CPU time of this process in ms (the worker computes; the thread that started it waits). */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed(run, input) {
  const started = cpuMs();
  run(input);
  return cpuMs() - started;
}
