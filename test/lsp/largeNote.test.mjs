// A large open note edited as VS Code edits it: incremental changes of a character, a new line,
// a fence, in a CRLF note of 3,000 lines (large enough for the server to keep its analysis and
// rescan only the changed lines, server/src/documentSync.ts). What the diagnostics, hover and
// completion say must follow the text exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const LINES = 3000;
let dir;
let client;
before(async () => {
  dir = makeWorkspace({ 'notes/small.md': 'Small [@limempirical].\n' });
  client = await new TestClient(dir).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('large note: incremental edits (CRLF) move diagnostics, hover and completion with the text', { timeout: 120000 }, async () => {
  const uri = uriOf(path.join(dir, 'notes/big.md'));
  const lines = Array.from({ length: LINES }, (_, i) => (i === 2000 ? 'Here [@unknownkey2000] is cited.' : `Line ${i} cites [@limempirical] and @jellyfish2023.`));
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: lines.join('\r\n') } });
  let diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [2000]);

  let version = 1;
  const change = (start, end, text) => {
    client.diagnostics.delete(uri);
    return client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start, end }, text }] });
  };
  // Typed one character at a time at the end of line 10: "[@nosuch10]".
  for (const [k, ch] of [...' [@nosuch10]'].entries()) {
    const at = { line: 10, character: lines[10].length + k };
    await change(at, at, ch);
  }
  diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.data?.key]), [[10, 'nosuch10'], [2000, 'unknownkey2000']]);

  // Two new lines above: everything below moves down by two, hover included.
  await change({ line: 5, character: 0 }, { line: 5, character: 0 }, 'New line one\r\nNew line two [@nosuch5]\r\n');
  diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [6, 12, 2002]);
  const hover = await client.request('textDocument/hover', client.at(uri, 1002, 18));
  assert.match(hover?.contents?.value ?? '', /limempirical|Empirical/i, 'the citation two lines down has its card');
  assert.equal(await client.request('textDocument/hover', client.at(uri, 1002, 0)), null);

  // A fence opened on line 100 makes the rest code: only the unknown keys above it remain.
  await change({ line: 100, character: 0 }, { line: 100, character: 0 }, '```\r\n');
  diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [6, 12]);
  // Closed again by deleting it (the line and its line end).
  await change({ line: 100, character: 0 }, { line: 101, character: 0 }, '');
  diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [6, 12, 2002]);

  // Completion reads the line being typed from the document.
  await change({ line: 1500, character: 0 }, { line: 1500, character: 0 }, '[@jelly');
  const completion = await client.request('textDocument/completion', client.at(uri, 1500, 7));
  const items = completion?.items ?? completion ?? [];
  assert.match(items[0]?.label ?? '', /^jellyfish/, 'the prefix typed on that line');
});
