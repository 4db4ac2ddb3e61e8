// A note's own bibliography is built off the request path: the note gets no "unknown key"
// warnings for keys of its bibliography while 3,000 entries are parsed and indexed, once the
// build is done its diagnostics are published again, and a completion asked meanwhile waits for
// the build (other requests are answered; see completion.ts) or, past its wait, says the
// bibliography is still being read: never an answer silently without the note's keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace } from './lspClient.mjs';

const COUNT = 3000;
const bib = Array.from({ length: COUNT }, (_, i) => `@article{paper${i},\n  title = {Symmetry Number ${i} in Learned Representations},\n  author = {Author${i}, Ann},\n  journal = {Journal of Tests},\n  year = {${1950 + (i % 70)}}\n}\n`).join('\n');
const note = ['---', 'bibliography: refs.bib', '---', 'As @paper12 shows [see @nosuch; @paper2999].', 'More [@paper'].join('\n');

let dir;
let client;
before(async () => {
  dir = makeWorkspace({ 'notes/refs.bib': bib, 'notes/other.md': 'Nothing here.\n' });
  client = await new TestClient(dir, { includeBundledCorpus: false }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the first completion in a note over a big bibliography has its keys, or says they are still being read', { timeout: 120000 }, async () => {
  const published = [];
  const uri = await client.open(path.join(dir, 'notes', 'a.md'), note);
  const seen = setInterval(() => published.push(client.diagnostics.get(uri)), 5);
  seen.unref();
  // Sent right after the note opened, while its bibliography is being read (the race that made
  // this answer come with or without the note's keys, about half and half, is gone).
  const first = await client.request('textDocument/completion', client.at(uri, 4, 12));
  const labels = first.items.map((item) => item.label);
  assert.ok(labels.includes('paper1') || labels.includes("Still reading this note's bibliography…"), `the first completion has the bibliography's keys or says it is still reading them (${labels.slice(0, 5).join(', ')})`);
  if (!labels.includes('paper1')) console.log('the first completion came before the bibliography was read (the machine is slow)');
  await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.some((d) => /@nosuch/.test(d.message)));
  clearInterval(seen);
  const messages = client.diagnostics.get(uri).map((d) => d.message);
  assert.deepEqual(messages.filter((m) => /Unknown citation key "@paper\d/.test(m)), [], 'the bibliography\'s keys are known');
  for (const diagnostics of published.filter(Boolean)) {
    assert.ok(!diagnostics.some((d) => /@paper\d/.test(d.message)), 'no warning for a key of the bibliography while it was being built');
  }
  const later = await client.request('textDocument/completion', client.at(uri, 4, 12));
  assert.ok(later.items.some((item) => item.label === 'paper1'), 'the bibliography\'s keys once built');
});
