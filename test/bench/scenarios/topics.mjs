// Completion latency while the topic build (phrases, similarity, clusters) runs in its worker
// thread, against the same completions before it starts. `BENCH_SIZES=10000,100000` by default.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../../lsp/lspClient.mjs';
import { listingLine, pick, random } from '../generate.mjs';

const SIZES = (process.env.TOPIC_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = 200;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function measure(size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-topics-${size}-`));
  const lines = Array.from({ length: size }, listingLine);
  fs.writeFileSync(path.join(dir, 'corpus.txt'), lines.join('\n'));
  const words = lines.slice(0, 2000).flatMap((l) => l.slice(2, 80).split(' ')).filter((w) => w.length > 3);
  const queries = Array.from({ length: QUERIES }, () => pick(words).toLowerCase().slice(0, 3 + Math.floor(random() * 4)));
  fs.mkdirSync(path.join(dir, 'notes'));
  const client = await new TestClient(dir, { corpus: ['corpus.txt'], includeBundledCorpus: false }).start();
  try {
    await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed && s.papers === size), 'abstract index', 300000);
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

export default async function () {
  const rows = [];
  for (const size of SIZES) rows.push(await measure(size));
  return [
    'Completion latency before and while the topic build runs in its worker thread (target: p99 under 20 ms while building).',
    '',
    '| papers | topic build (s) | completions during build | completion p50 / p99 before (ms) | completion p50 / p99 during build (ms) | clusters |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${r.buildSeconds.toFixed(1)} | ${r.during.length} | ${percentile(r.before, 50).toFixed(2)} / ${percentile(r.before, 99).toFixed(2)} | ${percentile(r.during, 50).toFixed(2)} / ${percentile(r.during, 99).toFixed(2)} | ${r.clusters} |`),
  ].join('\n');
}
