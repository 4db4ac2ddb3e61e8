// Search at scale, over LSP: the query stream (queryStream.mjs) typed letter by letter against
// the real server on a generated library with authors and years (CSL-JSON), with recall per kind
// of keystroke, completion and hover latency, the first 200 keystrokes right after "ready", and
// memory. `--big` adds a 1M-paper listing (ten files of 100k lines): ready time, RSS, latency.
//
// Completion sees what follows "@" (one word, the citation key syntax has no spaces), so each
// keystroke is sent as a completion of its last word, and as `litnotes/search` (the Search
// Papers command, which takes the whole query) for recall in its top 10.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { core } from '../../helpers.mjs';
import { TestClient } from '../../lsp/lspClient.mjs';
import { cslItem, listingLine, paper } from '../generate.mjs';
import { CATEGORIES, groundTruth, makeStream, recall } from '../queryStream.mjs';
import { percentile, rssMb } from '../measure.mjs';

const SIZE = Number(process.env.BENCH_STREAM_SIZE ?? 100000);
const QUERIES = 300;
const BIG = 1000000;

/** The most a process has held resident so far (MB, Linux VmHWM). */
const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const ms = (values, p) => (values.length ? percentile(values, p).toFixed(2) : '–');
const lastWord = (typed) => typed.split(' ').pop();

async function timed(client, method, params) {
  const t = performance.now();
  const result = await client.request(method, params);
  return [performance.now() - t, result];
}

/** Starts the server on a folder; returns the client, seconds to ready and an open draft. */
async function startServer(dir, corpus) {
  globalThis.gc?.();
  const started = performance.now();
  // List defaults (LSP 3.17 itemDefaults) as VS Code's client takes them.
  const client = await new TestClient(dir, { corpus, includeBundledCorpus: false }, { itemDefaults: true }).start({ waitReady: false });
  // The server's errors (a load that failed is "ready" with the previous, empty corpus).
  const errors = [];
  client.connection.onNotification('window/logMessage', (m) => m.type === 1 && errors.push(m.message.split('\n')[0]));
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready'), 'index ready');
  const readySeconds = (performance.now() - started) / 1000;
  const uri = await client.open(path.join(dir, 'draft.md'), '');
  return { client, readySeconds, uri, started, errors };
}

async function complete(client, uri, word) {
  const text = `Some text [@${word}`;
  await client.change(uri, text);
  return (await timed(client, 'textDocument/completion', client.at(uri, 0, text.length)))[0];
}

async function measureStream(size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-stream-${size}-`));
  const items = Array.from({ length: size }, (_, n) => cslItem(paper(n)));
  fs.writeFileSync(path.join(dir, 'library.json'), JSON.stringify(items));
  // The stream is made from the corpus as the core reads it (keys, merged copies).
  let papers = core.buildCorpus([{ path: 'library.json', text: fs.readFileSync(path.join(dir, 'library.json'), 'utf8') }]).papers;
  const stream = makeStream(papers, groundTruth(papers), QUERIES);
  const keystrokes = stream.flatMap((q) => q.keystrokes.map((k) => ({ ...k, key: q.key })));
  const hoverKeys = papers.slice(0, 200).map((p) => p.key);
  papers = undefined;

  const { client, readySeconds, uri, started } = await startServer(dir, ['library.json']);
  // The first 200 keystrokes after "ready": abstracts are still being indexed in the background.
  const first = [];
  for (const k of keystrokes.slice(0, 200)) first.push(await complete(client, uri, lastWord(k.typed)));
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'abstract index', 600000);
  const abstractsSeconds = (performance.now() - started) / 1000;

  const completion = [];
  const searchTimes = [];
  const results = [];
  for (const k of keystrokes) {
    completion.push(await complete(client, uri, lastWord(k.typed)));
    const [t, hits] = await timed(client, 'litnotes/search', { query: k.typed, limit: 10 });
    searchTimes.push(t);
    if (k.category) results.push({ category: k.category, found: hits.some((h) => h.key === k.key) });
  }
  await client.change(uri, hoverKeys.map((key) => `See [@${key}].`).join('\n'));
  const hover = [];
  for (let q = 0; q < 400; q++) hover.push((await timed(client, 'textDocument/hover', client.at(uri, q % 200, 6)))[0]);
  const rss = rssMb(client.child.pid);
  const papersServed = client.statuses.at(-1).papers;
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { size: papersServed, readySeconds, abstractsSeconds, rss, first, completion, searchTimes, hover, recall: recall(results), keystrokes: keystrokes.length };
}

async function measureBig() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-big-'));
  const files = [];
  const sample = [];
  for (let f = 0; f < BIG / 100000; f++) {
    const lines = [];
    for (let n = 0; n < 100000; n++) {
      const p = paper(f * 100000 + n);
      if (n % 1000 === 0) sample.push(p);
      lines.push(listingLine(p));
    }
    files.push(`part${f}.txt`);
    fs.writeFileSync(path.join(dir, files.at(-1)), lines.join('\n'));
  }
  // Words as typed: prefixes and typo'd prefixes of distinctive title words of sampled papers.
  const words = sample.flatMap((p) => p.title.toLowerCase().match(/[a-z]{6,}/g)?.slice(0, 1) ?? []);
  const typed = words.flatMap((w, i) => Array.from({ length: w.length }, (_, n) => (i % 3 === 0 && n > 3 ? w.slice(0, 2) + w.slice(3, n + 1) : w.slice(0, n + 1))));
  const { client, readySeconds, uri, started, errors } = await startServer(dir, files);
  const rssReady = rssMb(client.child.pid);
  const peak = peakRssMb(client.child.pid);
  if (client.statuses.at(-1).papers < BIG / 2) {
    // Measured 2026-12-07: the corpus worker joins every abstract into one string, past V8's
    // longest string at 1M papers ("Invalid string length"), after about 600 s and 4 GB.
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return { failed: errors[0] ?? 'no papers', readySeconds, rss: peak };
  }
  const first = [];
  for (const w of typed.slice(0, 200)) first.push(await complete(client, uri, w));
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'abstract index', 1800000);
  const abstractsSeconds = (performance.now() - started) / 1000;
  const completion = [];
  for (const w of typed) completion.push(await complete(client, uri, w));
  const rss = Math.max(rssReady, peakRssMb(client.child.pid));
  const papersServed = client.statuses.at(-1).papers;
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { size: papersServed, readySeconds, abstractsSeconds, rss, first, completion, keystrokes: typed.length };
}

export default async function ({ args }) {
  process.env.LITNOTES_TEST_TIMEOUT_MS = '1800000';
  const rows = [await measureStream(SIZE)];
  const big = args.includes('--big') ? await measureBig() : undefined;
  const pct = (r, c) => (r.recall[c].n ? `${((100 * r.recall[c].found) / r.recall[c].n).toFixed(1)} % (${r.recall[c].n})` : '–');
  const lines = [
    `Search over LSP: ${QUERIES} queries typed letter by letter (distinctive title words, author names as typed, years; a third with typos), completion of the word after "@" and \`litnotes/search\` of the whole query on every keystroke; recall = intended paper in the top 10 at the keystrokes where the clean query identifies it (count in brackets).`,
    '',
    `| papers | keystrokes | ready (s) | abstracts searchable (s) | RSS (MB) | KB per paper | first 200 completions after ready p50 / p99 (ms) | completion p50 / p99 (ms) | search p50 / p99 (ms) | hover p50 / p99 (ms) | ${CATEGORIES.join(' | ')} |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${CATEGORIES.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.size} | ${r.keystrokes} | ${r.readySeconds.toFixed(1)} | ${r.abstractsSeconds.toFixed(1)} | ${r.rss.toFixed(0)} | ${((r.rss * 1024) / r.size).toFixed(1)} | ${ms(r.first, 50)} / ${ms(r.first, 99)} | ${ms(r.completion, 50)} / ${ms(r.completion, 99)} | ${ms(r.searchTimes, 50)} / ${ms(r.searchTimes, 99)} | ${ms(r.hover, 50)} / ${ms(r.hover, 99)} | ${CATEGORIES.map((c) => pct(r, c)).join(' | ')} |`),
  ];
  if (big?.failed) lines.push('', `1M papers (\`--big\`): the load failed after ${big.readySeconds.toFixed(0)} s, peak RSS ${big.rss.toFixed(0)} MB: ${big.failed}`);
  else if (big) {
    lines.push(
      '',
      `1M papers (\`--big\`): a listing in ten files of 100k lines (listings name no authors); completion of prefixes and typo'd prefixes of title words.`,
      '',
      '| papers | keystrokes | ready (s) | abstracts searchable (s) | RSS (MB) | KB per paper | first 200 completions after ready p50 / p99 (ms) | completion p50 / p99 (ms) |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${big.size} | ${big.keystrokes} | ${big.readySeconds.toFixed(1)} | ${big.abstractsSeconds.toFixed(1)} | ${big.rss.toFixed(0)} | ${((big.rss * 1024) / big.size).toFixed(1)} | ${ms(big.first, 50)} / ${ms(big.first, 99)} | ${ms(big.completion, 50)} / ${ms(big.completion, 99)} |`,
    );
  }
  return lines.join('\n');
}
