// Loaded into the language server by a bench (`node --require stallProbe.cjs dist/server.js`,
// through LITNOTES_SERVER_NODE_ARGS): watches the server's event loop from inside and, when the
// server exits, writes every stall to the file named by LITNOTES_STALL_FILE. A timer re-armed
// every millisecond sees each gap longer than 10 ms: how long any request arriving then waited.
// Each stall has its wall-clock time (ms since the epoch, so the bench can keep the ones in its
// own measuring window), the process's CPU time in it (the corpus worker is idle by then; on a
// loaded machine most of a gap without CPU is a wait for a core) and the GC pauses in it.
'use strict';
const fs = require('node:fs');
const { PerformanceObserver, performance } = require('node:perf_hooks');

const { isMainThread } = require('node:worker_threads');

// Workers inherit --require: only the thread that answers requests is watched.
const file = process.env.LITNOTES_STALL_FILE;
if (file && isMainThread) {
  const stalls = [];
  const gcPauses = [];
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let last = performance.now();
  let lastCpu = cpuMs();
  const tick = () => {
    const now = performance.now();
    const cpu = cpuMs();
    if (now - last > 10) stalls.push({ at: performance.timeOrigin + last, ms: now - last, cpu: cpu - lastCpu });
    last = now;
    lastCpu = cpu;
    setTimeout(tick, 1).unref();
  };
  setTimeout(tick, 1).unref();
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind: entry.detail?.kind });
  });
  gc.observe({ entryTypes: ['gc'] });
  process.on('exit', () => fs.writeFileSync(file, JSON.stringify({ stalls, gcPauses })));
}
