// `litnotes lint-corpus FILE`, as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, bundledCorpus } from '../helpers.mjs';

test('cli: lint-corpus prints the title read and a confidence for each listing line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-lint-'));
  const file = path.join(dir, 'listing.txt');
  fs.writeFileSync(file, [
    '- Sparse Attention for Long Sequences Transformers struggle with long inputs. We fix it. 3 authors · Jan 2, 2024',
    '- Hidden structure of attention heads The attention mechanism is widely used. 2 authors · Feb 3, 2023',
  ].join('\n'));
  const result = spawnSync(process.execPath, [cliPath, 'lint-corpus', file], { encoding: 'utf8', timeout: 30000 });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /listing\.txt:1\t[01]\.\d\d[ ?]+\tSparse Attention for Long Sequences$/);
  assert.match(lines[1], /listing\.txt:2\t[01]\.\d\d[ ?]+\tHidden structure of attention heads$/);
  assert.match(result.stderr, /2 listing lines, \d doubtful/);
});

test('cli: lint-corpus on a file that is not a listing says so', () => {
  const result = spawnSync(process.execPath, [cliPath, 'lint-corpus', bundledCorpus[0]], { encoding: 'utf8', timeout: 30000 });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /not a one-line listing/);
});
