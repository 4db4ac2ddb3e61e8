// The preview's citation formatting with citeproc-js (bundled APA): the engine build (once per
// style) and a note's render of 30, 300 and 3,000 citations, by CPU time in-process (best of
// several runs, each with its own items so no cache helps; the machine may be busy), the same
// note rendered again (what a keystroke elsewhere in it costs), then the first render through the
// worker thread the server uses (dist/citeprocWorker.js), with the longest stall of the main
// thread's event loop while the worker builds and renders: what a completion or hover would wait.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const SIZES = [30, 300, 3000];
/** Runs per size (a 3,000-citation render takes seconds of CPU). */
const runsFor = (count) => (count >= 3000 ? 2 : 5);

function note(count, run = 0) {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({ id: `k${i}`, type: 'article-journal', title: `Paper number ${i} on symmetry (${run})`, author: [{ family: `Author${i}`, given: 'A.' }, { family: 'Other', given: 'B.' }], 'container-title': 'Journal of Tests', volume: String(i), page: `${i}-${i + 9}`, issued: { 'date-parts': [[1990 + (i % 30)]] } });
  }
  const clusters = items.map((item, i) => ({ items: [{ key: item.id, suffix: i % 3 === 0 ? 'p. 3' : undefined }], inText: i % 2 === 0 }));
  return { items, clusters };
}

const cpuMs = (fn) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

function inWorker(files) {
  const worker = new Worker(path.join(root, 'dist', 'citeprocWorker.js'));
  let id = 0;
  const waiting = new Map();
  worker.on('message', (reply) => waiting.get(reply.id)(reply));
  const run = (job) => new Promise((resolve) => waiting.set(++id, resolve) && worker.postMessage({ id, job }));
  return { run, stop: () => worker.terminate(), files };
}

export default async function () {
  const files = { style: fs.readFileSync(path.join(root, 'csl', 'apa.csl'), 'utf8'), locale: fs.readFileSync(path.join(root, 'csl', 'locales-en-US.xml'), 'utf8') };
  const core = require(path.join(root, 'dist', 'core.js'));
  // The first build compiles citeproc's code too: it is what a server pays once.
  const firstBuild = cpuMs(() => core.prepareEngine(files));
  const rows = [];
  for (const count of SIZES) {
    const runs = [];
    let again = 0;
    for (let run = 0; run < runsFor(count); run++) {
      const { items, clusters } = note(count, run);
      const map = new Map(items.map((i) => [i.id, i]));
      runs.push(cpuMs(() => core.renderCitations(clusters, map, files)));
      again = cpuMs(() => core.renderCitations(clusters, map, files));
    }
    rows.push({ count, cpu: Math.min(...runs), again, runs: runs.length });
  }

  // The longest stall of an idle event loop over two seconds: what the machine's load alone costs.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  idle.disable();

  // Through the worker: wall time to build and render, and the main thread's longest stall meanwhile.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const worker = inWorker(files);
  let start = performance.now();
  await worker.run({ type: 'prepare', files });
  const buildWall = performance.now() - start;
  for (const row of rows) {
    const { items, clusters } = note(row.count, 'worker');
    start = performance.now();
    await worker.run({ type: 'render', clusters, items, nocite: [], files });
    row.wall = performance.now() - start;
  }
  delay.disable();
  await worker.stop();
  const stall = delay.max / 1e6;
  return [
    `Preview citations (citeproc-js, bundled APA; load average ${os.loadavg()[0].toFixed(1)} when measured). In-process CPU time: first engine build ${firstBuild.toFixed(0)} ms; a note's first render best of ${rows.map((r) => r.runs).join('/')} runs; the same note again (cached citations and reference list). In the worker: engine build ${buildWall.toFixed(0)} ms wall; the server's event loop stalled at most ${stall.toFixed(1)} ms meanwhile (a request waits no longer than that; an idle loop on this machine stalled up to ${(idle.max / 1e6).toFixed(1)} ms in 2 s).`,
    '',
    '| citations (= references) | first render, CPU in-process (ms) | same note again, CPU (ms) | first render in the worker, wall (ms) |',
    '|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.count} | ${r.cpu.toFixed(0)} | ${r.again.toFixed(1)} | ${r.wall.toFixed(0)} |`),
  ].join('\n');
}
