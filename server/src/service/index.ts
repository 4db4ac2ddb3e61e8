// The service's public face, for the LSP layer, the CLI and the tests (dist/service.js).
// (The topic worker too, so the benchmark runs the service with it in one process.)
export * from './service';
export * from './cancellation';
export * from './host';
export * from './settings';
export * from './limits';
export * from './uris';
export { lineLengths } from './corpusLoader';
export * from './corpusCache';
export * from './corpusTransfer';
export * from './corpusLoading';
export * from './packedCorpusCache';
export * from './keyMemory';
export { buildTopicsInWorker } from '../background/topicsInWorker';
