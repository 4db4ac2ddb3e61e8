import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath } from '../helpers.mjs';

const run = (...args) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 20000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-cli-'));

test('cli: papers --json lists the bundled corpus', () => {
  const result = run('papers', '--json');
  assert.equal(result.status, 0, result.stderr);
  const papers = JSON.parse(result.stdout);
  assert.equal(papers.length, 38);
  assert.equal(result.stderr, '');
});

test('cli: search and show', () => {
  const search = run('search', 'jellyfish', '--limit', '1');
  assert.equal(search.status, 0);
  assert.match(search.stdout, /^jellyfish2023characterise\tHow Jellyfish Characterise/);
  const show = run('show', '@limempirical');
  assert.equal(show.status, 0);
  assert.match(show.stdout, /The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof/);
  assert.match(show.stdout, /Derek Lim, Moe Putterman/);
  const missing = run('show', 'nosuchkey');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no paper with key "nosuchkey"/);
});

test('cli: a missing file and a bad line are reported with file and line; the rest loads', () => {
  const extra = path.join(tmp, 'extra.txt');
  fs.writeFileSync(extra, ['- Tiny Paper Title We study tiny things. 2 authors · Jan 5, 2021', 'garbage line here'].join('\n'));
  const result = run('papers', '--corpus', extra, '--corpus', path.join(tmp, 'missing.txt'));
  assert.equal(result.status, 0);
  assert.match(result.stderr, new RegExp(`${escape(extra)}:2: warning: not a listing line`));
  assert.match(result.stderr, /missing\.txt:1: error: file not found/);
  assert.match(result.stdout, /tiny2021paper\tTiny Paper Title/);
  assert.equal(result.stdout.trim().split('\n').length, 39);
});

test('cli: exit code 2 when nothing usable was given', () => {
  const binary = path.join(tmp, 'binary.txt');
  fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 0, 7]));
  const result = run('papers', '--no-default-corpus', '--corpus', binary);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /binary\.txt:1: error: binary file/);
  assert.equal(run('papers', '--no-default-corpus').status, 2);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('search').status, 2);
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('cli: check reports unknown keys as file:line:col and exits 1; clean notes exit 0', () => {
  const notes = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-notes-'));
  fs.mkdirSync(path.join(notes, 'sub'));
  fs.writeFileSync(path.join(notes, 'good.md'), 'Fine: [@limempirical].\n');
  fs.writeFileSync(path.join(notes, 'sub', 'bad.md'), 'Intro.\n\nBad: [see @jellyfsh2023, p. 2].\n');
  const result = spawnSync(process.execPath, [cliPath, 'check', notes], { encoding: 'utf8', cwd: notes, timeout: 20000 });
  assert.equal(result.status, 1);
  assert.equal(result.stdout.trim(), 'sub/bad.md:3:12: unknown citation key "@jellyfsh2023" (did you mean @jellyfish2023characterise?)');
  assert.match(result.stderr, /2 notes, 2 citations, 1 unknown/);
  fs.rmSync(path.join(notes, 'sub'), { recursive: true });
  assert.equal(spawnSync(process.execPath, [cliPath, 'check', notes], { encoding: 'utf8', timeout: 20000 }).status, 0);
  assert.equal(run('check', path.join(notes, 'nope')).status, 2);
});
