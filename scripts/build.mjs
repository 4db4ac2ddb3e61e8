// Bundles the extension, the language server and the CLI with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * The server bundle without the English tagger's model (3.8 MB of its 6 MB): only the topic
 * build tags words, and in the server it runs in dist/topicsWorker.js. Parsing the model's
 * source cost every server start about 40 ms of CPU before the first request could be read.
 */
const taggerInTopicsWorkerOnly = {
  name: 'tagger-in-topics-worker-only',
  setup(build) {
    build.onResolve({ filter: /^wink-(nlp|eng-lite-web-model)$/ }, (args) => ({ path: args.path, namespace: 'tagger-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'tagger-stub' }, () => ({
      contents: "throw new Error('the topic build runs in dist/topicsWorker.js; the server bundle has no tagger');",
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // dist/server.js is a small entry that starts the corpus worker, then loads the server's bundle
  // (serverEntry.ts): the worker's start no longer waits for the big bundle's compile.
  build({ ...common, entryPoints: ['server/src/serverEntry.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/serverMain.js', plugins: [taggerInTopicsWorkerOnly] }),
  // The graph view's script (sigma, graphology, ForceAtlas2), for the webview.
  build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['client/media/graphView.js'], outfile: 'dist/media/graphView.js', sourcemap: false, minify: true }),
  // The topic build runs in a worker thread next to the server.
  build({ ...common, entryPoints: ['server/src/background/topicsWorker.ts'], outfile: 'dist/topicsWorker.js' }),
  // citeproc-js (the preview's citations, the hover's reference) runs in a worker thread too.
  build({ ...common, entryPoints: ['server/src/background/citeprocWorker.ts'], outfile: 'dist/citeprocWorker.js' }),
  // So does the corpus load (reading, parsing and merging the corpus files).
  build({ ...common, entryPoints: ['server/src/background/corpusWorker.ts'], outfile: 'dist/corpusWorker.js' }),
  // And a note's own bibliography (its `bibliography:` files read, parsed and indexed).
  build({ ...common, entryPoints: ['server/src/background/noteSourcesWorker.ts'], outfile: 'dist/noteSourcesWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The pure core as a library, for the unit tests and the benchmark.
  build({ ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' }),
  // The service (no LSP, no Node host), for tests that run it in memory with a fake host.
  build({ ...common, entryPoints: ['server/src/service/index.ts'], outfile: 'dist/service.js' }),
]);
