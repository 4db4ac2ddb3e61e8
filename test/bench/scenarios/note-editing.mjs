// Editing a very large note (issue 10: "a 10 MB note opened in the editor: every keystroke
// blocks 3.3 s"). Opens a note of NOTE_MB megabytes (default 10) full of citations, one in 20
// unknown, over LSP, then types into it as VS Code sends it (incremental didChange of one
// character) and asks after every keystroke for a completion at the cursor, then for a hover on
// a citation next to it, then for the status. A keystroke's latency is from sending the edit to
// the answer; the CPU time of the server's main thread (from /proc: the thread that answers
// requests, not the corpus, topic and citeproc workers, which start their own work meanwhile) is
// the work it did per keystroke, which a loaded machine does not inflate as much. Last: the time
// from the last edit until the note's diagnostics arrive.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../../lsp/lspClient.mjs';
import { bibEntry, pick, word } from '../generate.mjs';
import { percentile } from '../measure.mjs';

const PAPERS = 2000;
const KEYSTROKES = 40;


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
    return new TestClient(dir, { corpus: ['refs.bib'], includeBundledCorpus: false }).start();
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
    return { noteMb, lines: lines.length, openMs, openDiagnostics, completion, hover, status: statusAnswers, diagnosticsMs, finalDiagnostics: diagnosticsOf().length };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function noteEditing() {
  const sizes = (process.env.NOTE_MB ?? '10').split(',').filter(Boolean).map(Number);
  const rows = [];
  for (const size of sizes) rows.push(await measure(size));
  const f = (n, d = 1) => n.toFixed(d);
  const cell = (r) => `${f(percentile(r.times, 50))} / ${f(percentile(r.times, 99))} | ${f(r.cpu)}`;
  return [
    `Editing a large note over LSP (${PAPERS} papers; ${KEYSTROKES} keystrokes each; latency = edit sent to answer; CPU = the server main thread's CPU time per keystroke, 10 ms ticks averaged):`,
    '',
    '| note (MB) | lines | open: diagnostics after (ms) | diagnostics (capped) | completion p50 / p99 (ms) | completion CPU (ms) | hover p50 / p99 (ms) | hover CPU (ms) | status p50 / p99 (ms) | status CPU (ms) | last edit to diagnostics (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.noteMb} | ${r.lines} | ${f(r.openMs, 0)} | ${r.openDiagnostics} | ${cell(r.completion)} | ${cell(r.hover)} | ${cell(r.status)} | ${f(r.diagnosticsMs, 0)} |`),
  ].join('\n');
}
