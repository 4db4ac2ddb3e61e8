// Completion latency while the topic build (phrases, similarity, clusters) runs in its worker
// thread, against the same completions before it starts. `BENCH_SIZES=10000,100000` by default.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../../lsp/lspClient.mjs';
import { listingLine, pick, random } from '../generate.mjs';
import { percentile } from '../measure.mjs';

const SIZES = (process.env.TOPIC_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = 200;


async function measure(size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-topics-${size}-`));
  const lines = Array.from({ length: size }, listingLine);
  fs.writeFileSync(path.join(dir, 'corpus.txt'), lines.join('\n'));
  const words = lines.slice(0, 2000).flatMap((l) => l.slice(2, 80).split(' ')).filter((w) => w.length > 3);
  const queries = Array.from({ length: QUERIES }, () => pick(words).toLowerCase().slice(0, 3 + Math.floor(random() * 4)));
  fs.mkdirSync(path.join(dir, 'notes'));
  const client = await new TestClient(dir, { corpus: ['corpus.txt'], includeBundledCorpus: false }).start();
  try {
    await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed && s.papers >= size * 0.99), 'abstract index', 300000); // a generated title can repeat: its copies merge;
    const uri = await client.open(path.join(dir, 'notes', 'draft.md'), '');
    const complete = async (query) => {
      const text = `Text [@${query}`;
      await client.change(uri, text);
      const t = performance.now();
      await client.request('textDocument/completion', client.at(uri, 0, text.length));
      return performance.now() - t;
    };
    const before = [];
    for (const q of queries) before.push(await complete(q));
    const started = performance.now();
    await client.request('litnotes/topicTree', {});
    const during = [];
    let buildSeconds;
    for (let i = 0; ; i++) {
      during.push(await complete(queries[i % QUERIES]));
      if (i % 20 === 19) {
        const roots = await client.request('litnotes/topicTree', {});
        if (roots[0]?.id !== 'building') {
          buildSeconds = (performance.now() - started) / 1000;
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20)); // a user types, not a flood
    }
    const roots = await client.request('litnotes/topicTree', {});
    return { size, buildSeconds, before, during, clusters: roots.filter((r) => r.source === 'cluster').length };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The build's steps in CPU time, in a child process per size (topicPieces.mjs). */
function pieces(size) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'topicPieces.mjs');
  const run = spawnSync(process.execPath, ['--expose-gc', script, String(size)], { encoding: 'utf8', timeout: 600000 });
  if (run.status !== 0) throw new Error(`topicPieces ${size}: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

export default async function ({ args = [] } = {}) {
  const steps = SIZES.map(pieces);
  const table = [
    `The topic build step by step, in one process (CPU time, so waiting for a core on a shared machine is not counted; load average ${os.loadavg()[0].toFixed(1)} at the end). Above 20,000 papers phrases are mined from titles only and clusters link each paper to its 5 nearest.`,
    '',
    '| papers | phrases (s) | similarity (s) | clusters (s) | build total (s) | then on the server thread: topic tree / notes over it (ms) | phrases | clusters | peak RSS (MB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...steps.map((r) => `| ${r.size} | ${(r.phrases / 1000).toFixed(1)} | ${(r.similarity / 1000).toFixed(1)} | ${(r.clusters / 1000).toFixed(1)} | ${(r.total / 1000).toFixed(1)} | ${r.topicTree.toFixed(0)} / ${r.notesOverTopics.toFixed(0)} | ${r.phraseCount} | ${r.clusterCount} | ${r.maxRssMB} |`),
  ].join('\n');
  if (args.includes('--pieces')) return table;
  const rows = [];
  for (const size of SIZES) rows.push(await measure(size));
  return table + '\n\n' + [
    'Completion latency before and while the topic build runs in its worker thread (target: p99 under 20 ms while building).',
    '',
    '| papers | topic build (s) | completions during build | completion p50 / p99 before (ms) | completion p50 / p99 during build (ms) | clusters |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${r.buildSeconds.toFixed(1)} | ${r.during.length} | ${percentile(r.before, 50).toFixed(2)} / ${percentile(r.before, 99).toFixed(2)} | ${percentile(r.during, 50).toFixed(2)} / ${percentile(r.during, 99).toFixed(2)} | ${r.clusters} |`),
  ].join('\n');
}
