// The server thread while topics build: the service in this process with the real topic worker
// (dist/topicsWorker.js), a generated library of SIZE papers, and completions typed every 20 ms
// before and during the build. Reports the longest event-loop stall (how long any request could
// have waited) and completion latency counted from when the keystroke was due, so waiting behind
// work on the thread counts. Prints one JSON line. Run by scenarios/topics.mjs per size:
//   node --expose-gc test/bench/topicStalls.mjs 100000 [--keywords]
// --keywords: each paper has 3 keywords (a tagged library: many curated topics, no clusters).
import * as fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { service as lib } from '../helpers.mjs';
import { memoryHost } from '../unit/memoryHost.mjs';
import { cslItem, paper, pick, random } from './generate.mjs';
import { percentile } from './measure.mjs';

const size = Number(process.argv[2] ?? 10000);
const keywords = process.argv.includes('--keywords');
const KEYWORD_POOL = Array.from({ length: 2000 }, (_, i) => `keyword ${i.toString(36)}`);
const items = Array.from({ length: size }, (_, n) => {
  const p = paper(n);
  const item = cslItem(p);
  if (keywords) item.keyword = Array.from({ length: 3 }, () => KEYWORD_POOL[Math.floor(KEYWORD_POOL.length * random() ** 2)]).join(', ');
  return item;
});
const words = items.slice(0, 2000).flatMap((item) => item.title.split(' ')).filter((w) => w.length > 3);
const queries = Array.from({ length: 200 }, () => pick(words).toLowerCase().slice(0, 3 + Math.floor(random() * 4)));

const host = memoryHost({ '/ws/library.json': JSON.stringify(items), '/ws/notes/draft.md': 'Draft\n' });
/** When the worker's result reached this thread: after it, the topic tree is built here in slices. */
let deliveredAt = Infinity;
const buildTopics = (...args) => {
  const job = lib.buildTopicsInWorker(...args);
  job.result.then(() => (deliveredAt = performance.now())).catch(() => {});
  return job;
};
const service = lib.createLitService({ host, settings: { corpus: ['/ws/library.json'], includeBundledCorpus: false }, folders: ['/ws'], buildTopics });
await service.rebuild();
// Abstracts indexed, then the corpus cache written (in this process it is written on this thread; the server's corpus worker writes it there).
for (let waited = 0; (!service.status().abstractsIndexed || !host.cache) && waited < 30000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
const uri = 'file:///ws/notes/draft.md';
service.openDocument(uri, 'Draft\n', 'markdown');

/** This thread's CPU time (ms), from Linux's scheduler statistics (process.cpuUsage() counts the worker too). */
const threadCpu = fs.existsSync('/proc/thread-self/schedstat') ? () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 : () => NaN;

/**
 * The event loop's stalls: a timer re-armed every millisecond sees each gap, with the CPU time
 * this thread spent in it (on a loaded machine most of a gap can be waiting for a core, which
 * is the machine's, not the code's) and the GC pauses in it.
 */
function watchStalls() {
  const stalls = [];
  const gcPauses = [];
  let last = performance.now();
  let lastCpu = threadCpu();
  let on = true;
  const tick = () => {
    const now = performance.now();
    const cpu = threadCpu();
    if (now - last > 10) stalls.push({ at: last, ms: now - last, cpu: cpu - lastCpu });
    last = now;
    lastCpu = threadCpu();
    if (on) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const gc = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration, kind: e.detail?.kind }))));
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    on = false;
    gc.disconnect();
    const gcIn = (stall) => gcPauses.filter((g) => g.at >= stall.at - 1 && g.at + g.ms <= stall.at + stall.ms + 1).reduce((sum, g) => sum + g.ms, 0);
    const longest = stalls.reduce((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0, cpu: 0 });
    const mostCpu = stalls.reduce((a, b) => (b.cpu > a.cpu ? b : a), { at: 0, ms: 0, cpu: 0 });
    return {
      longestStall: longest.ms,
      longestStallCpu: longest.cpu,
      mostCpuStall: mostCpu.cpu,
      mostCpuStallGc: gcIn(mostCpu),
      stallsOver20: stalls.filter((s) => s.ms > 20).length,
      stallsOver20Cpu: stalls.filter((s) => s.cpu > 20).length,
      longestGc: Math.max(0, ...gcPauses.map((g) => g.ms)),
      // Once the worker's result is here (the topic tree built on this thread): the stalls and GC pauses of that part alone.
      delivery: deliveredAt === Infinity ? undefined : delivery(stalls.filter((x) => x.at >= deliveredAt), gcPauses.filter((g) => g.at >= deliveredAt)),
    };
  };
}

/** GC pauses by kind (1 minor, 4 major, 8 incremental step) and the stalls after the worker's result came. */
function delivery(stalls, gcPauses) {
  const byKind = {};
  for (const g of gcPauses) {
    const k = (byKind[g.kind] ??= { count: 0, over20: 0, maxMs: 0, totalMs: 0 });
    k.count++;
    if (g.ms > 20) k.over20++;
    k.maxMs = Math.max(k.maxMs, Math.round(g.ms * 10) / 10);
    k.totalMs = Math.round((k.totalMs + g.ms) * 10) / 10;
  }
  return {
    ms: Math.round(performance.now() - deliveredAt),
    mostCpuStall: Math.max(0, ...stalls.map((x) => x.cpu)),
    stallsOver20Cpu: stalls.filter((x) => x.cpu > 20).length,
    gcByKind: byKind,
  };
}

/** Completions every 20 ms (a user typing) while `running()`; latency from when each was due. */
async function typeWhile(running, atLeast) {
  const latencies = [];
  /**
   * The code's part of each latency, whatever the machine's load: the completion call's own time
   * on the thread (wall, from its start: waiting behind other work is not in it), and this
   * thread's CPU time in it (schedstat moves in scheduler ticks, so only its mean over many
   * completions says something).
   */
  const call = [];
  const cpu = [];
  const stop = watchStalls();
  for (let i = 0; running() || i < atLeast; i++) {
    const due = performance.now() + 20;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = `Text [@${queries[i % queries.length]}`;
    const cpuStart = threadCpu();
    const callStart = performance.now();
    service.complete(uri, text, { line: 0, character: text.length }, 50);
    const end = performance.now();
    cpu.push(threadCpu() - cpuStart);
    call.push(end - callStart);
    latencies.push(end - due);
  }
  return { latencies, call, cpu, ...stop() };
}

global.gc?.();
const before = await typeWhile(() => false, 200);
let building = true;
const started = performance.now();
service.topicsProgress(); // as the Topics view does: starts the build
const built = service.corpusTopics().then(() => (building = false));
const during = await typeWhile(() => building, 0);
await built;
const buildSeconds = (performance.now() - started) / 1000;
// The first topic requests after the build: the tree's roots, then a local graph.
const graphStart = performance.now();
await service.topicGraph();
const firstGraphMs = performance.now() - graphStart;
service.dispose();
const summary = ({ latencies, call, cpu, ...stalls }) => ({
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  max: Math.max(...latencies),
  callP50: percentile(call, 50),
  callP99: percentile(call, 99),
  cpuMean: cpu.reduce((a, b) => a + b, 0) / cpu.length,
  ...stalls,
});
console.log(
  JSON.stringify({
    size,
    keywords,
    buildSeconds,
    completions: during.latencies.length,
    before: summary(before),
    during: summary(during),
    firstGraphMs,
  }),
);
process.exit(0);
