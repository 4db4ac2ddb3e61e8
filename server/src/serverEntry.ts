// dist/server.js, the file editors start (`node dist/server.js --stdio`): a few lines that start
// the corpus worker's thread and only then load the server (dist/serverMain.js). Node compiles a
// script whole before running its first line, and the server's 2.2 MB took about 45 ms to
// compile; started from here, the worker's own start (about 0.1 s of Node's internals and its
// bundle, then the warm-start cache read) overlaps that too, and at 100k papers the worker was
// what "ready" waited for.
import * as path from 'node:path';
import { startCorpusWorkerEarly } from './background/corpusWorkerThread';

startCorpusWorkerEarly();
// A path esbuild does not follow: the server stays a bundle of its own, loaded after the worker started.
require(path.join(__dirname, 'serverMain.js'));
