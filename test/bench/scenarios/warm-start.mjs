// Warm start: the same corpus (listings with abstracts of real length) and notes, started twice
// over LSP with one cache folder: the first start parses and writes the cache, the second reads
// it. "ready" is the status notification that says keys, titles and authors are searchable.
// WARM_SIZES=10000 (comma-separated) picks the sizes; default 100000.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../../lsp/lspClient.mjs';
import { rssMb } from '../measure.mjs';
import { listingLine, pick, word } from '../generate.mjs';

const NOTES = 200;


async function start(dir, cacheHome, size) {
  const started = performance.now();
  const client = await new TestClient(dir, { corpus: ['corpus.txt'], includeBundledCorpus: false }, { cacheHome }).start();
  const ready = (performance.now() - started) / 1000;
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed && s.papers >= size * 0.99), 'abstracts indexed'); // a generated title can repeat: its copies merge
  const full = (performance.now() - started) / 1000;
  return { client, ready, full, status: client.statuses.find((s) => s.state === 'ready') };
}

async function measure(size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-warm-${size}-`));
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-warm-cache-'));
  const cacheFile = path.join(cacheHome, 'litnotes', 'corpus.cache');
  try {
    const lines = Array.from({ length: size }, listingLine);
    fs.writeFileSync(path.join(dir, 'corpus.txt'), lines.join('\n'));
    fs.mkdirSync(path.join(dir, 'notes'));
    for (let n = 0; n < NOTES; n++) fs.writeFileSync(path.join(dir, 'notes', `n${n}.md`), `# Note ${n}\n\n${Array.from({ length: 40 }, word).join(' ')} [@${pick(['a', 'b'])}]\n`);

    const cold = await start(dir, cacheHome, size);
    // The cache is written a moment after the index completes; wait until it is complete.
    for (let i = 0; i < 600 && !fs.existsSync(cacheFile); i++) await new Promise((r) => setTimeout(r, 500));
    const coldRss = rssMb(cold.client.child.pid);
    await cold.client.stop();
    // The per-file cache, the packed corpus, its abstract words and its abstracts.
    const cacheDir = path.dirname(cacheFile);
    const cacheMb = fs.readdirSync(cacheDir).reduce((n, f) => n + fs.statSync(path.join(cacheDir, f)).size, 0) / 1048576;

    const warm = await start(dir, cacheHome, size);
    const warmRss = rssMb(warm.client.child.pid);
    const samePapers = warm.status.papers === cold.status.papers;
    await warm.client.stop();
    return { size, cold, warm, coldRss, warmRss, cacheMb, samePapers };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
}

export default async function warmStart() {
  const sizes = (process.env.WARM_SIZES ?? '100000').split(',').filter(Boolean).map(Number);
  const rows = [];
  for (const size of sizes) rows.push(await measure(size));
  const f = (n, d = 2) => n.toFixed(d);
  return [
    `Warm start (${NOTES} notes; cache = the per-file cache, the packed corpus with its index of keys, titles and authors, restored before "ready", and its abstract words and abstract texts, sent just after):`,
    '',
    '| papers | cold: ready (s) | warm: ready (s) | cold: abstracts searchable (s) | warm: abstracts searchable (s) | cache, all files (MB) | RSS cold / warm (MB) | same papers |',
    '|---:|---:|---:|---:|---:|---:|---:|:---|',
    ...rows.map((r) => `| ${r.size} | ${f(r.cold.ready)} | ${f(r.warm.ready)} | ${f(r.cold.full)} | ${f(r.warm.full)} | ${f(r.cacheMb, 0)} | ${f(r.coldRss, 0)} / ${f(r.warmRss, 0)} | ${r.samePapers ? 'yes' : 'NO'} |`),
  ].join('\n');
}
