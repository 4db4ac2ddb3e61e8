// One file is one note whatever the spelling of its URI: editors encode paths differently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, makeWorkspace } from './lspClient.mjs';

let dir;
let client;
before(async () => {
  dir = makeWorkspace({
    'a.md': 'First [@limempirical].\n',
    'my notes (draft)/c+d.md': 'Second [@limempirical].\n',
    'über.md': 'Third [@limempirical].\n',
  });
  client = await new TestClient(dir).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const refsOf = (uri) => client.request('textDocument/references', { ...client.at(uri, 0, 10), context: { includeDeclaration: false } });

/** The spelling VS Code uses: every reserved character percent-encoded, uppercase hex. */
const vscodeSpelling = (file) => pathToFileURL(file).toString().replace(/[()+]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

test('URIs: Node and VS Code spellings of a path with spaces, ( ) and + are one note', async () => {
  const file = path.join(dir, 'my notes (draft)/c+d.md');
  const nodeSpelling = pathToFileURL(file).toString();
  const vscode = vscodeSpelling(file);
  assert.notEqual(nodeSpelling, vscode);
  for (const spelling of [nodeSpelling, vscode]) {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: spelling, languageId: 'markdown', version: 1, text: 'Second [@limempirical].\n' } });
    const refs = await refsOf(spelling);
    assert.equal(refs.length, 3, `3 citations, not 4: ${JSON.stringify(refs.map((r) => r.uri))}`);
    assert.ok(refs.some((r) => r.uri === spelling), 'the open note answers in the client spelling');
    assert.equal((await client.request('litnotes/status')).notes, 3);
    await client.close(spelling);
  }
});

test('URIs: lowercase percent-encoding (Neovim) of a non-ASCII name is the same note', async () => {
  const lower = pathToFileURL(path.join(dir, 'über.md')).toString().replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  assert.match(lower, /%c3%bc/);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: lower, languageId: 'markdown', version: 1, text: 'Third [@limempirical] and [@nosuchkey].\n' } });
  const diagnostics = await client.waitForDiagnostics(lower, (d) => d.length === 1);
  assert.match(diagnostics[0].message, /nosuchkey/);
  assert.equal((await refsOf(lower)).length, 3);
  assert.equal((await client.request('litnotes/status')).notes, 3);
  await client.close(lower);
});

test('URIs: a Windows drive letter, encoded or not, upper or lower case, is one note', async () => {
  const encoded = 'file:///c%3A/Users/Ann/Notes/w.md';
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: encoded, languageId: 'markdown', version: 1, text: 'Win [@limempirical].\n' } });
  await client.waitForDiagnostics(encoded);
  for (const spelling of ['file:///C:/Users/Ann/Notes/w.md', 'file:///c:/Users/Ann/Notes/w.md', encoded]) {
    const hover = await client.request('textDocument/hover', client.at(spelling, 0, 8));
    assert.match(hover?.contents.value ?? '', /Empirical Impact/, spelling);
    const refs = await refsOf(spelling);
    assert.equal(refs.length, 4, spelling);
    assert.equal(refs.filter((r) => r.uri.toLowerCase().includes('users/ann')).length, 1);
    assert.ok(refs.some((r) => r.uri === encoded), 'answered in the spelling the client opened it with');
  }
  assert.equal((await client.request('litnotes/status')).notes, 4);
  const at = await client.request('litnotes/citationAt', { uri: 'file:///C:/Users/Ann/Notes/w.md', position: { line: 0, character: 8 } });
  assert.deepEqual(at, { key: 'limempirical', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } } });
  await client.close(encoded);
});
