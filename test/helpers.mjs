// Shared by the test files: the built core and paths.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const core = require(path.join(root, 'dist', 'core.js'));
export const service = require(path.join(root, 'dist', 'service.js'));
export const cliPath = path.join(root, 'dist', 'cli.js');
export const serverPath = path.join(root, 'dist', 'server.js');
export const bundledCorpus = ['000_40b54672e9f7f0c1.txt', '001_982cc8407ff96e51.txt'].map((f) => path.join(root, 'corpus', f));

/**
 * Whether an external program (Graphviz, pandoc) is there. Without it a test skips, saying so;
 * CI installs them and sets LITNOTES_REQUIRE_TOOLS=1, so there they can never be skipped.
 */
export function hasTool(t, command) {
  const found = spawnSync(command, ['--version'], { encoding: 'utf8' }).error?.code !== 'ENOENT';
  if (found) return true;
  if (process.env.LITNOTES_REQUIRE_TOOLS) throw new Error(`${command} is not installed`);
  t.skip(`${command} is not installed`);
  return false;
}
