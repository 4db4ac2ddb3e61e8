// The packaged extension (.vsix) must hold every bundle the extension, the server and its worker
// threads load at run time; .vscodeignore lists them one by one, so a new bundle is easy to miss
// (the note-sources worker was: a note with `bibliography:` failed in the installed extension only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';

const TEST_ONLY = new Set(['dist/core.js', 'dist/service.js']); // libraries for the tests and the bench

test('.vscodeignore ships every bundle the build writes for run time', () => {
  const build = fs.readFileSync('scripts/build.mjs', 'utf8');
  const outfiles = [...build.matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]).filter((file) => !TEST_ONLY.has(file));
  assert.ok(outfiles.length >= 8, `found ${outfiles.length} bundles in scripts/build.mjs`);
  const shipped = new Set(fs.readFileSync('.vscodeignore', 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim()));
  const missing = outfiles.filter((file) => !shipped.has(file) && ![...shipped].some((pattern) => pattern.endsWith('/**') && file.startsWith(pattern.slice(0, -2))));
  assert.deepEqual(missing, [], 'bundles built for run time but left out of the .vsix');
});
