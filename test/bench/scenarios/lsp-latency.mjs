// What a user waits for over LSP (issue 13): completion and hover latency of the real server at
// 100k papers and 1,000 notes, phase by phase as a session goes: the first 200 keystrokes right
// after "ready" (background work still running: abstract words, the citeproc engine), then
// once the server is idle. For each phase: latency percentiles, the server's CPU per request on
// its main thread and on its worker threads (from /proc, so background work competing for the
// 2 cores shows), and the bytes of a response. A `null` hover (no citation under the cursor)
// is the floor: what a JSON-RPC round trip costs on this machine without any work. The client
// (this process: vscode-jsonrpc, as the editor's client) is measured too: its CPU (rusage), its
// main thread's wait for a core and its garbage collections, so a tail can be told apart:
// server work, server waiting, client work or GC, client waiting. A raw pipe echo (another
// Node process echoing bytes, no JSON-RPC) is the floor below the floor: the machine's.
// The client takes the list defaults (LSP 3.17 itemDefaults) as VS Code's does.
//
//   BENCH_SIZES= node --expose-gc test/bench/bench.mjs lsp-latency
//   LATENCY_SIZE=10000 … (smaller library); LITNOTES_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server;
//   LATENCY_SLOW=20 also prints the completions that cost the server the most CPU, with the word typed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { core } from '../../helpers.mjs';
import { TestClient } from '../../lsp/lspClient.mjs';
import { cslItem, paper, pick, word } from '../generate.mjs';
import { groundTruth, makeStream } from '../queryStream.mjs';
import { percentile, rssMb } from '../measure.mjs';

const SIZE = Number(process.env.LATENCY_SIZE ?? 100000);
const NOTES = 1000;
const FIRST = 200;
const STEADY = 2000;
const HOVERS = 400;
/** The server counts as idle once its threads used less than this share of a core over a second. */
const IDLE_SHARE = 0.05;

const TICK_MS = 1000 / 100; // /proc reports CPU time in clock ticks (USER_HZ, 100 on Linux)

/** CPU time (ms) of a process's main thread and of its other threads (workers, GC, libuv). */
function threadCpu(pid) {
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that just ended
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    if (tid === String(pid)) main += ms;
    else others += ms;
  }
  return { main, others };
}

/** A process's main thread: nanoseconds on a CPU and waiting for one (Linux schedstat). */
function mainThreadSched(pid) {
  const [run, wait] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { run, wait };
}

/** Garbage collections of this process (the client) as they end: their total pause (ms). */
const clientGc = { ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) clientGc.ms += entry.duration;
}).observe({ entryTypes: ['gc'] });

/** Bytes are counted for every BYTES_EVERY-th answer: stringifying each would be the client's garbage. */
const BYTES_EVERY = 10;

/**
 * Runs `count` requests one after another, timing each, with the server main thread's CPU time
 * and run-queue wait per request (what a quiet machine would not have) and all threads' CPU.
 */
async function phase(client, count, send) {
  const pid = client.child.pid;
  const before = threadCpu(pid);
  const times = [];
  const cpu = [];
  const waits = [];
  const clientCpu = [];
  const clientWaits = [];
  const gc = [];
  const bytes = [];
  for (let i = 0; i < count; i++) {
    const s0 = mainThreadSched(pid);
    const c0 = mainThreadSched(process.pid);
    const u0 = process.cpuUsage();
    const gc0 = clientGc.ms;
    const t = performance.now();
    const result = await send(i);
    times.push(performance.now() - t);
    const u1 = process.cpuUsage(u0);
    const c1 = mainThreadSched(process.pid);
    const s1 = mainThreadSched(pid);
    cpu.push((s1.run - s0.run) / 1e6);
    waits.push((s1.wait - s0.wait) / 1e6);
    // Its own thread's schedstat runtime only moves at scheduler ticks while it runs: rusage instead (all its threads).
    clientCpu.push((u1.user + u1.system) / 1000);
    clientWaits.push((c1.wait - c0.wait) / 1e6);
    gc.push(clientGc.ms - gc0);
    if (i % BYTES_EVERY === 0) bytes.push(result == null ? 4 : Buffer.byteLength(JSON.stringify(result)));
  }
  const after = threadCpu(pid);
  return { times, cpu, waits, clientCpu, clientWaits, gc, bytes, others: (after.others - before.others) / count };
}

/** The machine's own floor: a round trip of a JSON-RPC-sized message through two pipes to a Node process that echoes it. */
async function echoPhase(count) {
  const echo = spawn(process.execPath, ['-e', 'process.stdin.on("data", (d) => process.stdout.write(d))'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let arrived;
  echo.stdout.on('data', () => arrived?.());
  const message = `Content-Length: 36\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', id: 1, result: null })}`;
  const roundTrip = () => new Promise((resolve) => ((arrived = resolve), echo.stdin.write(message)));
  try {
    for (let i = 0; i < 20; i++) await roundTrip(); // the process's start is not a round trip
    return await phase({ child: echo }, count, roundTrip);
  } finally {
    echo.kill();
  }
}

/**
 * Waits until the server's threads are idle: abstracts indexed, the citeproc engine built, caches
 * written (the cache is written 2 s after the abstracts: three quiet seconds in a row).
 */
async function settle(client, maxMs = 180000) {
  const until = performance.now() + maxMs;
  let last = threadCpu(client.child.pid);
  let quiet = 0;
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = threadCpu(client.child.pid);
    const used = now.main - last.main + (now.others - last.others);
    last = now;
    quiet = used < 1000 * IDLE_SHARE && client.statuses.at(-1)?.abstractsIndexed ? quiet + 1 : 0;
    if (quiet >= 3) return;
  }
}

async function setUp(dir) {
  const items = Array.from({ length: SIZE }, (_, n) => cslItem(paper(n)));
  fs.writeFileSync(path.join(dir, 'library.json'), JSON.stringify(items));
  const papers = core.buildCorpus([{ path: 'library.json', text: fs.readFileSync(path.join(dir, 'library.json'), 'utf8') }]).papers;
  const keys = papers.map((p) => p.key);
  fs.mkdirSync(path.join(dir, 'notes'));
  for (let n = 0; n < NOTES; n++) {
    const body = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? `A claim [@${pick(keys)}, p. ${i}] and @${pick(keys)} too.` : Array.from({ length: 12 }, word).join(' '))).join('\n\n');
    fs.writeFileSync(path.join(dir, 'notes', `note${n}.md`), `# Note ${n}\n\n${body}\n`);
  }
  const typed = makeStream(papers, groundTruth(papers), 300).flatMap((q) => q.keystrokes.map((k) => k.typed.split(' ').pop()));
  return { typed, hoverKeys: keys.slice(0, 200) };
}

export default async function ({ args }) {
  void args;
  process.env.LITNOTES_TEST_TIMEOUT_MS = '600000';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `litnotes-latency-${SIZE}-`));
  let { typed, hoverKeys } = await setUp(dir);
  globalThis.gc?.();
  const client = await new TestClient(dir, { corpus: ['library.json'], includeBundledCorpus: false }, { itemDefaults: true }).start();
  const uri = await client.open(path.join(dir, 'notes', 'draft.md'), '');
  const complete = async (i) => {
    const text = `Some text [@${typed[i % typed.length]}`;
    await client.change(uri, text);
    return client.request('textDocument/completion', client.at(uri, 0, text.length));
  };
  const rows = [];
  rows.push(['completion, first 200 keystrokes after ready', await phase(client, FIRST, complete)]);
  await settle(client);
  rows.push([`completion, ${STEADY} keystrokes once idle`, await phase(client, STEADY, (i) => complete(FIRST + i))]);
  const slowest = Number(process.env.LATENCY_SLOW ?? 0);
  if (slowest > 0) {
    const [first, idle] = [rows[0][1], rows[1][1]];
    const list = (r, offset) => r.cpu.map((cpu, i) => ({ cpu, wait: r.waits[i], ms: r.times[i], word: typed[(offset + i) % typed.length], i }));
    for (const [name, r, offset] of [['first 200', first, 0], ['idle', idle, FIRST]]) {
      for (const s of list(r, offset).sort((a, b) => b.cpu - a.cpu).slice(0, slowest)) console.error(`SLOW ${name} #${s.i} server CPU ${s.cpu.toFixed(2)} ms, wait ${s.wait.toFixed(2)}, latency ${s.ms.toFixed(2)}: "${s.word}"`);
    }
  }
  const list = await complete(0);
  rows.push(['completion item resolve (the card), once idle', await phase(client, HOVERS, (i) => client.request('completionItem/resolve', list.items[i % list.items.length]))]);
  await client.change(uri, hoverKeys.map((key) => `See [@${key}].`).join('\n'));
  // As a writer hovers a note open a moment: its edits paused, what that starts has finished.
  await client.waitForDiagnostics(uri);
  await settle(client);
  rows.push(['hover, first on each of 200 citations of a note open a moment', await phase(client, 200, (i) => client.request('textDocument/hover', client.at(uri, i, 6)))]);
  rows.push(['hover, again', await phase(client, HOVERS, (i) => client.request('textDocument/hover', client.at(uri, i % 200, 6)))]);
  rows.push(['hover off a citation (`null`: the round-trip floor)', await phase(client, HOVERS, (i) => client.request('textDocument/hover', client.at(uri, i % 200, 1)))]);
  // A hover's card asks for related papers, which starts the topic build (a worker thread, tens of
  // seconds at 100k): the rows above share the cores with it. These are once it has finished.
  await settle(client);
  rows.push(['hover again, once the topic build the first hover started has finished', await phase(client, HOVERS, (i) => client.request('textDocument/hover', client.at(uri, i % 200, 6)))]);
  rows.push(['hover off a citation (`null`), once that build has finished', await phase(client, HOVERS, (i) => client.request('textDocument/hover', client.at(uri, i % 200, 1)))]);
  rows.push(['raw pipe echo, no JSON-RPC (the machine\'s floor; "server" is the echo process)', await echoPhase(HOVERS)]);
  const rss = rssMb(client.child.pid);
  const papers = client.statuses.at(-1).papers;
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  typed = hoverKeys = undefined;

  const f = (v) => v.toFixed(2);
  /** Where the slowest 1 % of requests spent their time, on average; "none" is latency none of the others covers. */
  const tail = (r) => {
    const slow = r.times.map((t, i) => i).sort((a, b) => r.times[b] - r.times[a]).slice(0, Math.max(1, Math.ceil(r.times.length / 100)));
    const mean = (values) => slow.reduce((sum, i) => sum + values[i], 0) / slow.length;
    const parts = [mean(r.cpu), mean(r.waits), mean(r.clientCpu), mean(r.clientWaits), mean(r.gc)];
    return [...parts, Math.max(0, mean(r.times) - parts.reduce((a, b) => a + b, 0))];
  };
  return [
    `Latency over LSP at ${papers} papers and ${NOTES} notes (CSL-JSON library, the search-stream's typed words; server RSS ${rss.toFixed(0)} MB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end). Server CPU and run-queue wait per request from /proc (schedstat: the main thread, measured around each request; worker threads in 10 ms ticks, averaged over the phase): on a busy machine latency minus the wait for a core is what the code costs.`,
    '',
    '| phase | requests | latency p50 / p90 / p99 / max (ms) | server main thread: CPU p50 / p99 (ms) | server waiting for a core p99 (ms) | worker threads CPU per request (ms) | client: CPU p50 / p99 (ms) | client waiting for a core p99 (ms) | client GC p99 / total (ms) | slowest 1 %: server CPU / server wait / client CPU / client wait / client GC / none of these (ms, mean) | response p50 / max (bytes) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(([name, r]) => `| ${name} | ${r.times.length} | ${f(percentile(r.times, 50))} / ${f(percentile(r.times, 90))} / ${f(percentile(r.times, 99))} / ${f(Math.max(...r.times))} | ${f(percentile(r.cpu, 50))} / ${f(percentile(r.cpu, 99))} | ${f(percentile(r.waits, 99))} | ${f(r.others)} | ${f(percentile(r.clientCpu, 50))} / ${f(percentile(r.clientCpu, 99))} | ${f(percentile(r.clientWaits, 99))} | ${f(percentile(r.gc, 99))} / ${f(r.gc.reduce((a, b) => a + b, 0))} | ${tail(r).map(f).join(' / ')} | ${percentile(r.bytes, 50)} / ${Math.max(...r.bytes)} |`),
  ].join('\n');
}
