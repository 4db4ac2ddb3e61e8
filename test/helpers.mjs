// Shared by the test files: the built core and paths.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const core = require(path.join(root, 'dist', 'core.js'));
export const cliPath = path.join(root, 'dist', 'cli.js');
export const serverPath = path.join(root, 'dist', 'server.js');
export const bundledCorpus = ['000_40b54672e9f7f0c1.txt', '001_982cc8407ff96e51.txt'].map((f) => path.join(root, 'corpus', f));
