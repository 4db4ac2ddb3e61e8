// npm run bench: generates corpora of 1k, 10k and 100k papers (abstracts of real length) and a
// workspace of 1,000 notes, starts the real server for each, and prints a table of index time,
// memory and completion/hover latency measured over LSP.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { core } from '../helpers.mjs';
import { TestClient } from '../lsp/lspClient.mjs';
import { percentile, rssMb } from './measure.mjs';
import { bibEntry, listingLine, pick, random, word } from './generate.mjs';

process.env.LITNOTES_TEST_TIMEOUT_MS ??= '180000';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number); // BENCH_SIZES= skips the table
const NOTES = 1000;
const QUERIES = 400; // typed words: part of a title or abstract word, a quarter with a typo (the full stream is in scenarios/search-stream.mjs)

async function measure(size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-bench-${size}-`));
  const lines = Array.from({ length: size }, listingLine);
  fs.writeFileSync(path.join(dir, 'corpus.txt'), lines.join('\n'));
  let corpus = core.buildCorpus([{ path: 'corpus.txt', text: lines.join('\n') }]);
  const keys = corpus.papers.map((p) => p.key);
  // Queries as a user types them: part of a title or abstract word, a quarter with a typo.
  const queries = Array.from({ length: QUERIES }, (_, q) => {
    const paper = pick(corpus.papers);
    const source = random() < 0.5 ? paper.title.split(' ') : paper.abstract.split(' ');
    let query = pick(source).toLowerCase().replace(/[^a-z]/g, '').slice(0, 3 + Math.floor(random() * 6));
    if (q % 4 === 0 && query.length > 4) query = query.slice(0, 2) + query.slice(3);
    return query;
  });
  fs.mkdirSync(path.join(dir, 'notes'));
  for (let n = 0; n < NOTES; n++) {
    const body = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? `A claim [@${pick(keys)}, p. ${i}] and @${pick(keys)} too.` : Array.from({ length: 12 }, word).join(' '))).join('\n\n');
    fs.writeFileSync(path.join(dir, 'notes', `note${n}.md`), `# Note ${n}\n\n${body}\n`);
  }

  // The measuring process keeps no corpus: its own collections would show up as latency.
  corpus = undefined;
  globalThis.gc?.();
  const started = performance.now();
  const client = await new TestClient(dir, { corpus: ['corpus.txt'], includeBundledCorpus: false }).start();
  const indexSeconds = (performance.now() - started) / 1000;
  const ready = client.statuses.find((s) => s.state === 'ready');
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed && s.papers >= size * 0.99), 'abstract index'); // a generated title can repeat: its copies merge
  const fullSeconds = (performance.now() - started) / 1000;

  const uri = await client.open(path.join(dir, 'notes', 'draft.md'), '');
  const completion = [];
  for (const query of queries) {
    const text = `Some text [@${query}`;
    await client.change(uri, text);
    const t = performance.now();
    await client.request('textDocument/completion', client.at(uri, 0, text.length));
    completion.push(performance.now() - t);
  }
  const hoverText = keys.slice(0, 200).map((k) => `See [@${k}].`).join('\n');
  await client.change(uri, hoverText);
  const hover = [];
  for (let q = 0; q < QUERIES; q++) {
    const t = performance.now();
    await client.request('textDocument/hover', client.at(uri, q % 200, 6));
    hover.push(performance.now() - t);
  }
  const rss = rssMb(client.child.pid);
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { size, papers: ready.papers, notes: ready.notes, indexSeconds, fullSeconds, rss, completion, hover };
}

const rows = [];
for (const size of SIZES) rows.push(await measure(size));

const table = [
  '| papers | notes | cold index: ready (s) | abstracts searchable (s) | RSS (MB) | completion p50 (ms) | completion p99 (ms) | hover p50 (ms) | hover p99 (ms) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    `| ${r.papers} | ${r.notes} | ${r.indexSeconds.toFixed(2)} | ${r.fullSeconds.toFixed(2)} | ${r.rss.toFixed(0)} | ${percentile(r.completion, 50).toFixed(2)} | ${percentile(r.completion, 99).toFixed(2)} | ${percentile(r.hover, 50).toFixed(2)} | ${percentile(r.hover, 99).toFixed(2)} |`,
  ),
];
console.log(table.join('\n'));

// A user's library: a 10 MB .bib file with 10,000 entries, parsed and indexed in-process.
const bib = Array.from({ length: 10000 }, (_, n) => bibEntry(n)).join('\n');
const bibRuns = [];
let bibPapers = 0;
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  const corpus = core.buildCorpus([{ path: 'library.bib', text: bib }]);
  // As the server builds it before "ready": its search warm-up runs after "ready".
  new core.PaperSearch(corpus.papers, { deferAbstracts: true, warmUp: false });
  bibRuns.push(performance.now() - t);
  bibPapers = corpus.papers.length;
}
console.log(`\n| .bib size (MB) | entries | papers | load + key/title index, median of 5 (ms) |\n|---:|---:|---:|---:|\n| ${(Buffer.byteLength(bib) / 1048576).toFixed(1)} | 10000 | ${bibPapers} | ${percentile(bibRuns, 50).toFixed(0)} |`);
console.log('\nTargets at 100k papers: completion p99 ≤ 5 ms (including the first 200 keystrokes after ready), hover p99 ≤ 1 ms; at 1M: ready ≤ 30 s, RSS ≤ 2 GB, completion p99 ≤ 20 ms (`search-stream` scenario).');

// More scenarios, one file each in scenarios/ (each default-exports an async function that
// returns a Markdown table); `npm run bench -- NAME` runs only the scenarios whose file name
// contains NAME.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const scenarioDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'scenarios');
for (const file of fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort()) {
  if (only.length && !only.some((name) => file.includes(name))) continue;
  const { default: scenario } = await import(path.join(scenarioDir, file));
  console.log('\n' + (await scenario({ args: process.argv.slice(2) })));
}
