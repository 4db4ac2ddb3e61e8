// The search-stream benchmark in one process, without the server: the same generated library and
// query stream as scenarios/search-stream.mjs, run against PaperSearch directly, with CPU time per
// query (process.cpuUsage, less sensitive to a busy machine than wall time), recall per kind, the
// keystrokes missed and the slowest queries. For working on the search itself:
//   npm run build --silent && node --expose-gc test/bench/searchInProcess.mjs [size] [--misses] [--slow] [--snapshot]
// --snapshot also times the warm-start path (snapshot, encode, decode, restore) and checks that
// the restored index answers the stream exactly as the built one.
import { core } from '../helpers.mjs';
import { cslItem, paper } from './generate.mjs';
import { CATEGORIES, groundTruth, makeStream, recall } from './queryStream.mjs';
import { percentile } from './measure.mjs';

const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100000);
const showMisses = process.argv.includes('--misses');
const showSlow = process.argv.includes('--slow');
const checkSnapshot = process.argv.includes('--snapshot');
const rounds = Number(process.env.ROUNDS ?? 3);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const items = Array.from({ length: size }, (_, n) => cslItem(paper(n)));
const papers = core.buildCorpus([{ path: 'library.json', text: JSON.stringify(items) }]).papers;
const stream = makeStream(papers, groundTruth(papers), 300);
const keystrokes = stream.flatMap((q) => q.keystrokes.map((k) => ({ ...k, key: q.key, kind: q.kind })));

globalThis.gc?.();
let t = cpuMs();
const search = new core.PaperSearch(papers);
const buildMs = cpuMs() - t;

if (checkSnapshot) {
  const best = (run) => {
    let fastest = Infinity;
    let value;
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      const t0 = cpuMs();
      value = run();
      fastest = Math.min(fastest, cpuMs() - t0);
    }
    return [fastest, value];
  };
  const [snapMs, snapshot] = best(() => search.snapshot());
  const [encodeMs, bytes] = best(() => core.encodeSearchSnapshot(snapshot));
  const [decodeMs, decoded] = best(() => core.decodeSearchSnapshot(bytes));
  const [restoreMs, restored] = best(() => core.PaperSearch.fromSnapshot(papers, decoded));
  const [fingerprintMs] = best(() => core.papersFingerprint(papers));
  console.log(`snapshot ${(bytes.length / 1e6).toFixed(1)} MB: snapshot() ${snapMs.toFixed(0)} ms, encode ${encodeMs.toFixed(0)} ms, decode ${decodeMs.toFixed(0)} ms, fromSnapshot ${restoreMs.toFixed(0)} ms (of which fingerprint ${fingerprintMs.toFixed(0)} ms) CPU, best of 3`);
  let differ = 0;
  for (const k of keystrokes) {
    const a = search.search(k.typed, 10).map((h) => `${h.paper.key}${h.score}`).join();
    const b = restored.search(k.typed, 10).map((h) => `${h.paper.key}${h.score}`).join();
    if (a !== b) differ++;
  }
  console.log(`restored index: ${differ} of ${keystrokes.length} keystrokes answered differently`);
}

// As the service answers litnotes/search: the shorter prefix when a typo'd word finds nothing.
// (service/writing.ts searchWhileTyping, repeated here: the service bundle does not export it.)
function whileTyping(query, limit) {
  let hits = search.search(query, limit);
  const trimmed = query.trimEnd();
  for (let cut = 1; hits.length === 0 && cut <= 3 && trimmed.length - cut >= 3; cut++) hits = search.search(trimmed.slice(0, -cut), limit);
  return hits;
}
const lastWord = (typed) => typed.split(' ').pop();

// Best of a few rounds per query: the machine is shared, the least CPU time is the code's.
const searchCpu = new Array(keystrokes.length).fill(Infinity);
const completeCpu = new Array(keystrokes.length).fill(Infinity);
const results = [];
for (let round = 0; round < rounds; round++) {
  keystrokes.forEach((k, i) => {
    let t0 = cpuMs();
    const hits = whileTyping(k.typed, 10);
    searchCpu[i] = Math.min(searchCpu[i], cpuMs() - t0);
    t0 = cpuMs();
    search.search(lastWord(k.typed), 50);
    completeCpu[i] = Math.min(completeCpu[i], cpuMs() - t0);
    if (round === 0 && k.category) results.push({ ...k, found: hits.some((h) => h.paper.key === k.key), top: hits.slice(0, 3).map((h) => h.paper.title) });
  });
}
const table = recall(results);
const fmt = (values) => `p50 ${percentile(values, 50).toFixed(2)} p90 ${percentile(values, 90).toFixed(2)} p99 ${percentile(values, 99).toFixed(2)} max ${Math.max(...values).toFixed(2)}`;
console.log(`${search.papers.length} papers, ${keystrokes.length} keystrokes; build ${buildMs.toFixed(0)} ms CPU; index ${(search.indexBytes() / 1e6).toFixed(1)} MB`);
console.log(`search (whole query, top 10) CPU ms: ${fmt(searchCpu)}`);
console.log(`completion (last word, 50) CPU ms: ${fmt(completeCpu)}`);
console.log(CATEGORIES.map((c) => `${c} ${((100 * table[c].found) / Math.max(1, table[c].n)).toFixed(1)} % (${table[c].n})`).join(' | '));
if (showMisses) {
  for (const r of results.filter((r) => !r.found)) console.log(`MISS [${r.category}] typed "${r.typed}" clean "${r.clean}" wanted ${r.key}\n    top: ${r.top.join(' | ')}`);
}
if (showSlow) {
  const order = keystrokes.map((_, i) => i).sort((a, b) => Math.max(searchCpu[b], completeCpu[b]) - Math.max(searchCpu[a], completeCpu[a]));
  for (const i of order.slice(0, 40)) console.log(`SLOW search ${searchCpu[i].toFixed(2)} complete ${completeCpu[i].toFixed(2)} "${keystrokes[i].typed}" (${keystrokes[i].kind})`);
}
