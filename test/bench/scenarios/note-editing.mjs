// Editing a very large note (issue 10: "a 10 MB note opened in the editor: every keystroke
// blocks 3.3 s"). Opens a note of NOTE_MB megabytes (default 10) full of citations, one in 20
// unknown, over LSP, then types into it as VS Code sends it (incremental didChange of one
// character) and asks after every keystroke for a completion at the cursor, then for a hover on
// a citation next to it, then for the status. A keystroke's latency is from sending the edit to
// the answer; the CPU time of the server's main thread (from /proc: the thread that answers
// requests, not the corpus, topic and citeproc workers, which start their own work meanwhile) is
// the work it did per keystroke, which a loaded machine does not inflate as much. Last: the time
// from the last edit until the note's diagnostics arrive.
//
// Then a burst as a fast typist makes it: keystrokes every 30 ms without waiting for answers,
// each followed by the requests VS Code sends (a code action at the cursor, a completion or a
// hover, inlay hints for the visible lines every few keystrokes), in runs of 20 with a pause of
// 300 ms after each, so the note's debounced diagnostics start (200 ms) and the next keystrokes
// and requests arrive while they run. Each request's latency is from sending it to its answer.
// A probe loaded into the server (stallProbe.cjs) reports the event loop's longest stall during
// the burst: how long any request could have waited, whatever the client sent.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../../lsp/lspClient.mjs';
import { bibEntry, pick, word } from '../generate.mjs';
import { percentile } from '../measure.mjs';

const PAPERS = 2000;
const KEYSTROKES = 40;
const BURST_RUNS = 10;
const BURST_KEYS = 20;
const BURST_GAP_MS = 30;
const BURST_PAUSE_MS = 300;
const VISIBLE_LINES = 60;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


/** The user + system CPU time of the server's main thread in ms (Linux; clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Paragraphs of prose with citations in every form a note uses; one key in 20 is unknown. */
function bigNote(bytes) {
  const key = () => (Math.random() < 0.05 ? `nosuch${Math.floor(Math.random() * 100000)}` : `entry${Math.floor(Math.random() * PAPERS)}`);
  const lines = ['# A very large note', ''];
  let size = 0;
  while (size < bytes) {
    const prose = Array.from({ length: 14 }, word).join(' ');
    const line = `${prose} [@${key()}; @${key()}, p. ${lines.length % 300}] and @${key()} says so. ${pick(['See', 'Compare', 'Unlike'])} [-@${key()}].`;
    lines.push(line, '');
    size += line.length + 2;
  }
  return lines;
}

async function measure(noteMb) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-bigedit-'));
  const client = await (async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), Array.from({ length: PAPERS }, (_, n) => bibEntry(n)).join('\n'));
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'notes', 'small.md'), 'A small note [@entry1].\n');
    return new TestClient(dir, { corpus: ['refs.bib'], includeBundledCorpus: false, inlayHints: { enabled: true } }).start();
  })();
  try {
    const lines = bigNote(noteMb * 1048576);
    const text = lines.join('\n');
    const uri = client.uriOf(path.join(dir, 'notes', 'big.md'));
    let version = 1;
    const diagnosticsOf = () => client.diagnostics.get(uri);

    let t = performance.now();
    client.diagnostics.delete(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    await client.waitFor(() => diagnosticsOf() !== undefined, 'diagnostics of the opened note', 600000);
    const openMs = performance.now() - t;
    const openDiagnostics = diagnosticsOf().length;

    // Typing happens in the middle of the note, at the end of a line of prose.
    // Its first citation is a known key, for the hovers (one key in 20 is unknown and has no card).
    let line = 2 * Math.floor(lines.length / 4);
    while (lines[line].indexOf('[@') !== lines[line].indexOf('[@entry')) line += 2;
    let column = lines[line].length;
    const type = (character) => {
      const at = { line, character: column };
      column += character.length;
      return client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: at, end: at }, text: character }],
      });
    };
    const keystrokes = async (count, request) => {
      const times = [];
      const cpuBefore = cpuMs(client.child.pid);
      for (let k = 0; k < count; k++) {
        const start = performance.now();
        await type(k === 0 ? ' ' : String.fromCharCode(97 + (k % 26)));
        await request();
        times.push(performance.now() - start);
      }
      return { times, cpu: (cpuMs(client.child.pid) - cpuBefore) / count };
    };

    // Completion: typing "[@entr…" and asking at the cursor after every character.
    const typed = ' [@entr';
    const completion = { times: [], cpu: 0 };
    for (let k = 0; k < KEYSTROKES; k++) {
      const start = performance.now();
      const cpuBefore = cpuMs(client.child.pid);
      await type(k < typed.length ? typed[k] : String.fromCharCode(97 + (k % 26)));
      const items = await client.request('textDocument/completion', client.at(uri, line, column));
      completion.times.push(performance.now() - start);
      completion.cpu += (cpuMs(client.child.pid) - cpuBefore) / KEYSTROKES;
      if (k === typed.length - 1 && (items?.items ?? items ?? []).length === 0) throw new Error('no completion for "[@entr"');
      if (k === typed.length + 8) await type('] ');
    }
    // Hover: on the first citation of the line being typed in, after every character.
    const citationColumn = lines[line].indexOf('[@') + 3;
    const hover = await keystrokes(KEYSTROKES, async () => {
      const answer = await client.request('textDocument/hover', client.at(uri, line, citationColumn));
      if (!answer) throw new Error('no hover on a citation');
    });

    // Status: what the status bar asks, after every character.
    const statusAnswers = await keystrokes(KEYSTROKES, async () => {
      const answer = await client.request('litnotes/status', {});
      if (!answer?.state) throw new Error('no status');
    });

    const burst = await typeInBursts(client, uri, line + 2, lines, () => ++version);

    // The last edit puts an unknown key first in the note; its diagnostic shows the last state
    // was published (earlier publications may still be on their way, so they are let pass).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await client.request('textDocument/hover', client.at(uri, 0, 0));
    client.diagnostics.delete(uri);
    t = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '[@lastedit2099]' }],
    });
    await client.waitFor(() => diagnosticsOf()?.[0]?.message.includes('@lastedit2099'), 'diagnostics after the last edit', 600000);
    const diagnosticsMs = performance.now() - t;
    return { noteMb, lines: lines.length, openMs, openDiagnostics, completion, hover, status: statusAnswers, burst, diagnosticsMs, finalDiagnostics: diagnosticsOf().length };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Keystrokes sent every BURST_GAP_MS without waiting, at the end of `line`, each followed by
 * the requests an editor sends, in runs with a pause after each. Returns every request's
 * latency by method and the window's wall-clock bounds (for the server's stalls).
 */
async function typeInBursts(client, uri, line, lines, nextVersion) {
  let column = lines[line].length;
  const latencies = new Map();
  const pending = [];
  const ask = (method, params) => {
    const start = performance.now();
    pending.push(
      client.request(method, params).then((answer) => {
        if (!latencies.has(method)) latencies.set(method, []);
        latencies.get(method).push(performance.now() - start);
        return answer;
      }),
    );
  };
  const cursor = () => ({ line, character: column });
  const from = performance.timeOrigin + performance.now();
  for (let run = 0; run < BURST_RUNS; run++) {
    for (let k = 0; k < BURST_KEYS; k++) {
      const text = k === 0 ? ' [@entr' : String.fromCharCode(97 + (k % 26));
      const at = cursor();
      column += text.length;
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: nextVersion() },
        contentChanges: [{ range: { start: at, end: at }, text }],
      });
      // What VS Code asks on a keystroke: the quick fixes at the cursor (with the diagnostics
      // there), the completion while a key is typed or a hover, the visible lines' hints.
      const here = (client.diagnostics.get(uri) ?? []).filter((d) => d.range.start.line === line);
      ask('textDocument/codeAction', { textDocument: { uri }, range: { start: cursor(), end: cursor() }, context: { diagnostics: here, triggerKind: 2 } });
      if (k % 2 === 0) ask('textDocument/completion', client.at(uri, line, column));
      else ask('textDocument/hover', client.at(uri, line - 2, lines[line - 2].indexOf('@') + 1));
      if (k % 5 === 4) ask('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: Math.max(0, line - VISIBLE_LINES / 2), character: 0 }, end: { line: line + VISIBLE_LINES / 2, character: 0 } } });
      await sleep(BURST_GAP_MS);
    }
    // The pause: requests while the debounced diagnostics run (200 ms after the last keystroke).
    for (let waited = 0; waited < BURST_PAUSE_MS; waited += 20) {
      ask('litnotes/status', {});
      await sleep(20);
    }
  }
  await Promise.all(pending);
  const to = performance.timeOrigin + performance.now();
  return { latencies, from, to };
}

/** The server's stalls (from stallProbe.cjs) within a burst's window. */
function stallsIn(stallFile, { from, to }) {
  const { stalls, gcPauses } = JSON.parse(fs.readFileSync(stallFile, 'utf8'));
  const inWindow = stalls.filter((s) => s.at >= from && s.at <= to);
  const longest = inWindow.reduce((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0, cpu: 0 });
  const mostCpu = inWindow.reduce((a, b) => (b.cpu > a.cpu ? b : a), { at: 0, ms: 0, cpu: 0 });
  const gcIn = (s) => gcPauses.filter((g) => g.at >= s.at - 1 && g.at <= s.at + s.ms).reduce((sum, g) => sum + g.ms, 0);
  const gcInWindow = gcPauses.filter((g) => g.at >= from && g.at <= to);
  return {
    longest: longest.ms,
    longestCpu: longest.cpu,
    longestGc: gcIn(longest),
    over20: inWindow.filter((s) => s.ms > 20).length,
    mostCpu: mostCpu.cpu,
    mostCpuMs: mostCpu.ms,
    mostCpuGc: gcIn(mostCpu),
    longestGcPause: Math.max(0, ...gcInWindow.map((g) => g.ms)),
  };
}

export default async function noteEditing() {
  const sizes = (process.env.NOTE_MB ?? '10').split(',').filter(Boolean).map(Number);
  const rows = [];
  // The probe writes the server's stalls when it exits (one file per server started here).
  const probe = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'stallProbe.cjs');
  // LITNOTES_STALL_FILE=FILE keeps the stalls and GC pauses of the last server (JSON) to look at.
  const keep = process.env.LITNOTES_STALL_FILE;
  const stallFile = keep ?? path.join(os.tmpdir(), `litnotes-stalls-${process.pid}.json`);
  const nodeArgs = process.env.LITNOTES_SERVER_NODE_ARGS;
  process.env.LITNOTES_SERVER_NODE_ARGS = `${nodeArgs ?? ''} --require ${probe}`;
  process.env.LITNOTES_STALL_FILE = stallFile;
  try {
    for (const size of sizes) {
      const row = await measure(size);
      row.stalls = stallsIn(stallFile, row.burst);
      if (keep) fs.writeFileSync(`${keep}.window`, JSON.stringify({ from: row.burst.from, to: row.burst.to }));
      rows.push(row);
    }
  } finally {
    if (nodeArgs === undefined) delete process.env.LITNOTES_SERVER_NODE_ARGS;
    else process.env.LITNOTES_SERVER_NODE_ARGS = nodeArgs;
    if (!keep) {
      delete process.env.LITNOTES_STALL_FILE;
      fs.rmSync(stallFile, { force: true });
    }
  }
  const f = (n, d = 1) => n.toFixed(d);
  const cell = (r) => `${f(percentile(r.times, 50))} / ${f(percentile(r.times, 99))} | ${f(r.cpu)}`;
  return [
    `Editing a large note over LSP (${PAPERS} papers; ${KEYSTROKES} keystrokes each; latency = edit sent to answer; CPU = the server main thread's CPU time per keystroke, 10 ms ticks averaged):`,
    '',
    '| note (MB) | lines | open: diagnostics after (ms) | diagnostics (capped) | completion p50 / p99 (ms) | completion CPU (ms) | hover p50 / p99 (ms) | hover CPU (ms) | status p50 / p99 (ms) | status CPU (ms) | last edit to diagnostics (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.noteMb} | ${r.lines} | ${f(r.openMs, 0)} | ${r.openDiagnostics} | ${cell(r.completion)} | ${cell(r.hover)} | ${cell(r.status)} | ${f(r.diagnosticsMs, 0)} |`),
    '',
    `A burst of typing (${BURST_RUNS} runs of ${BURST_KEYS} keystrokes ${BURST_GAP_MS} ms apart, each with a code action, a completion or hover, inlay hints every 5th; ${BURST_PAUSE_MS} ms pauses with a status request every 20 ms while the diagnostics run). Latency = request sent to answer; a stall is a gap in the server's event loop during the burst, with the main thread's CPU time in it and the GC pauses in it:`,
    '',
    '| note (MB) | requests | all p50 / p99 / max (ms) | code action p99 | completion p99 | hover p99 | inlay hints p99 | status p99 | longest stall (ms) | its CPU / GC (ms) | most CPU in a stall (ms) | that stall, its GC (ms) | stalls > 20 ms | longest GC pause (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const all = [...r.burst.latencies.values()].flat();
      const p99 = (method) => f(percentile(r.burst.latencies.get(method) ?? [NaN], 99));
      const s = r.stalls;
      return `| ${r.noteMb} | ${all.length} | ${f(percentile(all, 50))} / ${f(percentile(all, 99))} / ${f(Math.max(...all))} | ${p99('textDocument/codeAction')} | ${p99('textDocument/completion')} | ${p99('textDocument/hover')} | ${p99('textDocument/inlayHint')} | ${p99('litnotes/status')} | ${f(s.longest)} | ${f(s.longestCpu)} / ${f(s.longestGc)} | ${f(s.mostCpu)} | ${f(s.mostCpuMs)}, ${f(s.mostCpuGc)} | ${s.over20} | ${f(s.longestGcPause)} |`;
    }),
  ].join('\n');
}
