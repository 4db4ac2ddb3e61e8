// Imported first by server.ts: starts the corpus worker before the rest of the server initialises
// (when dist/server.js, serverEntry.ts, has not started it already).
import { startCorpusWorkerEarly } from './corpusWorkerThread';

startCorpusWorkerEarly();
