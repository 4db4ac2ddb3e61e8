// Loaded into the language server by a bench (`node --require stallProbe.cjs dist/server.js`,
// through LITNOTES_SERVER_NODE_ARGS): watches the server's event loop from inside and, when the
// server exits, writes every stall to the file named by LITNOTES_STALL_FILE. A timer re-armed
// every millisecond sees each gap longer than 10 ms: how long any request arriving then waited.
// Each stall has its wall-clock time (ms since the epoch, so the bench can keep the ones in its
// own measuring window), this thread's CPU time in it (on a loaded machine most of a gap
// without CPU is a wait for a core) and the GC pauses in it.
'use strict';
const fs = require('node:fs');
const { PerformanceObserver, performance } = require('node:perf_hooks');

const { isMainThread } = require('node:worker_threads');

// Workers inherit --require: only the thread that answers requests is watched.
const file = process.env.LITNOTES_STALL_FILE;
if (file && isMainThread) {
  const stalls = [];
  const gcPauses = [];
  // This thread's CPU time from Linux's scheduler statistics (the worker threads, such as the
  // topic build, would otherwise count in); elsewhere the process's.
  // The file is kept open and read in place (a read per millisecond; opening it each time cost
  // the server several percent of a core).
  const schedstat = '/proc/thread-self/schedstat';
  const fd = fs.existsSync(schedstat) ? fs.openSync(schedstat, 'r') : undefined;
  const buffer = Buffer.alloc(128);
  const cpuMs =
    fd !== undefined
      ? () => {
          const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
          return Number(buffer.toString('latin1', 0, length).split(' ')[0]) / 1e6;
        }
      : () => {
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
