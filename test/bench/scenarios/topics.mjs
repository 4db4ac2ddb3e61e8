// The topic build (phrases, similarity, clusters) in its worker thread and what is left of it
// on the server thread: step by step in CPU time (topicPieces.mjs), the longest event-loop stall
// and completion latency while it builds (topicStalls.mjs, the service in one process), and
// completion over LSP before and during the build. `TOPIC_BENCH_SIZES=10000,100000` by default;
// `-- topics --pieces` only the first table, `--stalls` only the first two, `--lsp` only the last.
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

/** One JSON line from a bench script run in a child process (each size gets the heap to itself). */
function child(name, args) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', name);
  const run = spawnSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', timeout: 900000 });
  if (run.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

/** Both kinds of library: titles only (clusters), and tagged with keywords and subjects. */
const VARIANTS = [[], ['--keywords']];
const variantName = (r) => (r.keywords ? 'tagged' : 'untagged');
const ms = (n) => n.toFixed(0);

export default async function ({ args = [] } = {}) {
  if (args.includes('--lsp')) return lspTable();
  const steps = SIZES.flatMap((size) => VARIANTS.map((variant) => child('topicPieces.mjs', [String(size), ...variant])));
  const table = [
    `The topic build step by step, in one process (CPU time, so waiting for a core on a shared machine is not counted; load average ${os.loadavg()[0].toFixed(1)} at the end). Above 20,000 papers phrases are mined from titles only and clusters link each paper to its 5 nearest. "Tagged": 3 keywords and a 3-level subject per paper (no clusters). On the server thread, a step at a time between requests: the topic tree from the worker's result (once per corpus), the notes over it (after a note edit), the full graph as the view asks for it (cut to 5,000 nodes) and its JSON.`,
    '',
    '| papers | library | phrases (s) | similarity (s) | clusters (s) | build total (s) | server thread: topic tree, total / longest step (ms) | notes over it (ms) | full graph, total / longest step / JSON (ms) | full graph nodes of all | local graph, depth 3, in steps: the largest topic total / longest step; a paper total / longest step (ms) | peak RSS (MB) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...steps.map((r) => `| ${r.size} | ${variantName(r)} | ${(r.phrases / 1000).toFixed(1)} | ${(r.similarity / 1000).toFixed(1)} | ${(r.clusters / 1000).toFixed(1)} | ${(r.total / 1000).toFixed(1)} | ${ms(r.topicTree)} / ${ms(r.topicTreeLongestStep)} | ${ms(r.notesOverTopics)} | ${ms(r.fullGraph)} / ${ms(r.fullGraphLongestStep)} / ${ms(r.fullGraphJson)} | ${r.fullGraphNodes} of ${r.fullGraphTotal} | ${ms(r.localTopic)} / ${ms(r.localTopicLongestStep)} (${r.localTopicPapers} papers); ${ms(r.localPaper)} / ${ms(r.localPaperLongestStep)} | ${r.maxRssMB} |`),
  ].join('\n');
  if (args.includes('--pieces')) return table;
  const stalls = SIZES.flatMap((size) => VARIANTS.map((variant) => child('topicStalls.mjs', [String(size), ...variant])));
  const stallTable = [
    `The server thread while topics build: the service in one process with the real topic worker, completions every 20 ms, latency counted from when each keystroke was due (waiting behind other work counts). A stall is a gap in a 1 ms timer; its CPU is this thread's CPU time in it (Linux schedstat), so waiting for a core is told apart from work; "most CPU in one stall" says what the code held the thread for, GC included (load average ${os.loadavg()[0].toFixed(1)} at the end).`,
    '',
    '| papers | library | topic build, wall (s) | completions during | completion p50 / p99 / max before (ms) | completion p50 / p99 / max during (ms) | the completion call itself, p50 / p99 before; during (ms) | server-thread CPU per completion, mean before / during (ms) | longest stall during, wall / its CPU (ms) | most CPU in one stall during (ms), GC pauses in that stall (wall ms) | stalls over 20 ms CPU during | longest stall before, wall / its CPU (ms) | first topic graph after (ms) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...stalls.map((r) => `| ${r.size} | ${variantName(r)} | ${r.buildSeconds.toFixed(1)} | ${r.completions} | ${r.before.p50.toFixed(1)} / ${r.before.p99.toFixed(1)} / ${r.before.max.toFixed(1)} | ${r.during.p50.toFixed(1)} / ${r.during.p99.toFixed(1)} / ${r.during.max.toFixed(1)} | ${r.before.callP50.toFixed(2)} / ${r.before.callP99.toFixed(2)}; ${r.during.callP50.toFixed(2)} / ${r.during.callP99.toFixed(2)} | ${r.before.cpuMean.toFixed(2)} / ${r.during.cpuMean.toFixed(2)} | ${ms(r.during.longestStall)} / ${ms(r.during.longestStallCpu)} | ${ms(r.during.mostCpuStall)}, ${ms(r.during.mostCpuStallGc)} | ${r.during.stallsOver20Cpu} | ${ms(r.before.longestStall)} / ${ms(r.before.longestStallCpu)} | ${ms(r.firstGraphMs)} |`),
  ].join('\n');
  if (args.includes('--stalls')) return table + '\n\n' + stallTable;
  return table + '\n\n' + stallTable + '\n\n' + (await lspTable());
}

/** Completion over LSP in the same server and run: without the build (before it starts), then while it runs. */
async function lspTable() {
  const rows = [];
  for (const size of SIZES) rows.push(await measure(size));
  return [
    `Completion latency over LSP (untagged library), in one server: ${QUERIES} completions without the topic build (before it starts), then completions while it runs in its worker thread. Target: p99 under 20 ms while building, and no worse than without the build. Load average ${os.loadavg()[0].toFixed(1)} at the end.`,
    '',
    '| papers | topic build (s) | completions during build | completion p50 / p99 / max without the build (ms) | completion p50 / p99 / max during the build (ms) | clusters |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${r.buildSeconds.toFixed(1)} | ${r.during.length} | ${percentile(r.before, 50).toFixed(2)} / ${percentile(r.before, 99).toFixed(2)} / ${Math.max(...r.before).toFixed(1)} | ${percentile(r.during, 50).toFixed(2)} / ${percentile(r.during, 99).toFixed(2)} / ${Math.max(...r.during).toFixed(1)} | ${r.clusters} |`),
  ].join('\n');
}
