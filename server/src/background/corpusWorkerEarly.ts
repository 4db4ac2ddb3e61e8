// Imported first by server.ts: starts the corpus worker before the rest of the server initialises.
import { startCorpusWorkerEarly } from './corpusWorkerThread';

startCorpusWorkerEarly();
