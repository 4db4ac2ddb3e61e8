// Bounded reading of the files a user names: devices, FIFOs, folders, files that grow past the
// limit while being read, binary files, and files that are not a corpus at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { cliPath, core, root, service as lib } from '../helpers.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-read-'));
const run = (...args) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 20000 });

// The node-side reader is not in dist/core.js: bundle it for the test.
const bundled = path.join(tmp, 'boundedRead.cjs');
buildSync({ entryPoints: [path.join(root, 'server/src/node/boundedRead.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundled, logLevel: 'error' });
const { readFileBounded, readFileBoundedAsync, readTextBounded } = createRequire(import.meta.url)(bundled);

// Read, /dev/zero never ends (8.7 GB in 25 s): the test's own time bound catches that.
test('reading: devices and folders are refused at once, not read', { skip: process.platform === 'win32', timeout: 30000 }, () => {
  const result = run('papers', '--no-default-corpus', '--corpus', '/dev/zero', '--corpus', '/dev/null', '--corpus', tmp);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^\/dev\/zero:1: error: not a regular file \(a device, FIFO or socket\); skipped$/m);
  assert.match(result.stderr, /^\/dev\/null:1: error: not a regular file/m);
  assert.match(result.stderr, /:1: error: is a folder, not a corpus file$/m);
});

test('reading: a FIFO does not block, and the other files still load', { skip: process.platform === 'win32' }, (t) => {
  const fifo = path.join(tmp, 'pipe.bib');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
  const result = run('papers', '--corpus', fifo);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /pipe\.bib:1: error: not a regular file/);
  assert.equal(result.stdout.trim().split('\n').length, 38);
  assert.equal(readFileBounded(fifo, 1000).reason, 'not a regular file (a device, FIFO or socket); skipped');
});

test('reading: the size is checked while reading, not only by stat', { skip: process.platform !== 'linux' }, async () => {
  // /proc files are regular files whose stat size is 0 however much they hold.
  assert.equal(fs.statSync('/proc/self/maps').size, 0);
  assert.match(readFileBounded('/proc/self/maps', 64).reason, /over the 1 KB limit/);
  assert.match((await readFileBoundedAsync('/proc/self/maps', 64)).reason, /over the 1 KB limit/);
  assert.ok(readFileBounded('/proc/self/maps', 10 * 1024 * 1024).bytes.length > 64);
});

test('reading: limits, missing files, binary and Latin-1 text', async () => {
  const big = path.join(tmp, 'big.txt');
  fs.writeFileSync(big, 'x'.repeat(5000));
  assert.match(readFileBounded(big, 4999).reason, /^file is over the 5 KB limit; skipped$/);
  assert.match(readFileBounded(big, 2000).reason, /^file is 5 KB, over the 2 KB limit; skipped$/);
  assert.equal(readFileBounded(big, 5000).bytes.length, 5000);
  assert.equal((await readFileBoundedAsync(big, 5000)).bytes.length, 5000);
  assert.deepEqual(readFileBounded(path.join(tmp, 'nope'), 10), { ok: false, reason: 'file not found', code: 'ENOENT' });
  const png = path.join(tmp, 'image.md');
  fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  assert.equal(readTextBounded(png, 1000).reason, 'binary file (NUL bytes); skipped');
  const latin = path.join(tmp, 'latin.md');
  fs.writeFileSync(latin, Buffer.from('Caf\xe9 [@k]\n', 'latin1'));
  assert.equal(readTextBounded(latin, 1000).text, 'Café [@k]\n');
});

test('corpus: a file that is not a corpus is reported as such, not indexed as papers', () => {
  const passwd = path.join(tmp, 'passwd');
  const lines = ['root:x:0:0:root:/root:/bin/bash', 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin'];
  for (let i = 0; i < 30; i++) lines.push(`user${i}:x:${1000 + i}:${1000 + i}:User Number ${i}:/home/user${i}:/bin/bash`);
  fs.writeFileSync(passwd, lines.join('\n') + '\n');
  const result = run('papers', '--corpus', passwd);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr.trim(), `${passwd}:1: error: not a BibTeX, CSL-JSON or listing file: no listing line, digest tag line, author line or abstract in its first 32 lines; skipped`);
  assert.equal(result.stdout.trim().split('\n').length, 38);
  // The same test in the core, for every format.
  assert.match(core.notCorpusReason('x.bib', 'just some words here'), /^not a BibTeX, CSL-JSON or listing file/);
  assert.match(core.notCorpusReason('x.json', 'key = value'), /CSL-JSON starts with/);
  assert.equal(core.notCorpusReason('x.json', ' [ ]'), undefined);
  assert.equal(core.notCorpusReason('x.bib', '% comment\n@Article{k, title={T}}'), undefined);
  assert.equal(core.notCorpusReason('x.txt', ''), undefined);
  for (const file of fs.readdirSync(path.join(root, 'corpus')).filter((f) => f.endsWith('.txt'))) {
    assert.equal(core.notCorpusReason(file, fs.readFileSync(path.join(root, 'corpus', file), 'utf8')), undefined, file);
  }
});

// The service with the real Node host: every note it reads goes through the bounded reader.
const hostBundle = path.join(tmp, 'nodeHost.cjs');
buildSync({ entryPoints: [path.join(root, 'server/src/node/nodeHost.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: hostBundle, logLevel: 'error' });
const { createNodeHost } = createRequire(import.meta.url)(hostBundle);

test('notes: a FIFO, a link to /dev/zero, a binary and an oversized .md each get a message; the rest is indexed', { skip: process.platform !== 'linux', timeout: 60000 }, async (t) => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-notes-'));
  t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
  fs.writeFileSync(path.join(ws, 'refs.bib'), '@article{smith2020, title={Graph Networks}, author={Smith, Ann}, year={2020}}\n');
  fs.writeFileSync(path.join(ws, 'good.md'), 'See [@smith2020] and [@nobody1999].\n');
  fs.writeFileSync(path.join(ws, 'also.md'), '# Also\n\n[@smith2020, p. 3]\n');
  assert.equal(spawnSync('mkfifo', [path.join(ws, 'pipe.md')]).status, 0);
  fs.symlinkSync('/dev/zero', path.join(ws, 'zero.md'));
  fs.writeFileSync(path.join(ws, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
  fs.writeFileSync(path.join(ws, 'huge.md'), '[@smith2020] '.repeat(Math.ceil((lib.MAX_NOTE_BYTES + 1) / 13)));

  const service = lib.createLitService({ host: createNodeHost(), settings: { corpus: ['refs.bib'], includeBundledCorpus: false }, folders: [ws] });
  const published = new Map();
  service.onDiagnostics((uri, diagnostics) => published.set(path.basename(uri), diagnostics.map((d) => d.message)));
  // A FIFO or a device read would block the index for ever: the test's own time bound catches it.
  const status = await service.rebuild();
  service.dispose();

  assert.equal(status.notes, 2);
  assert.equal(status.papers, 1);
  assert.equal(published.get('good.md').length, 1);
  assert.match(published.get('good.md')[0], /Unknown citation key "@nobody1999"/);
  assert.deepEqual(published.get('also.md'), []);
  const message = (name) => (published.get(name) ?? []).join(' | ');
  assert.match(message('pipe.md'), /^not indexed as a note: not a regular file \(a device, FIFO or socket\); skipped$/);
  assert.match(message('zero.md'), /^not indexed as a note: not a regular file/);
  assert.match(message('image.md'), /^not indexed as a note: binary file \(NUL bytes\); skipped$/);
  assert.equal(message('huge.md'), 'not indexed as a note: file is over the 5 MB limit; skipped');
});
