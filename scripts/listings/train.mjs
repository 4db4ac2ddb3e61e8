// Trains the title splitter's weights (server/src/core/readers/titleSplitWeights.ts): a
// log-linear model over the candidate cuts of each line, maximising the probability of the true
// cut (softmax over the line's candidates), L2-regularised, full-batch AdaGrad. Only the
// training part of each set is used (see data.mjs); run `npm run eval:listings` afterwards.
//   npm run build && node scripts/listings/train.mjs && npm run eval:listings
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, loadSets, root } from './data.mjs';

const EPOCHS = Number(process.env.LISTINGS_EPOCHS) || 1500;
const L2 = Number(process.env.LISTINGS_L2) || 0.0005;
const RATE = 0.3;
const MIN_WORD_COUNT = Number(process.env.LISTINGS_MIN_WORD_COUNT) || 3;

/** One line: the feature lists of its candidates and the index of the true one. */
export function example(item) {
  const ctx = core.splitContext(item.body);
  if (!ctx) return undefined;
  const k = ctx.offsets.findIndex((o) => item.body.slice(ctx.offsets[0], o).trimEnd() === item.title);
  const lists = core.candidateFeatureLists(ctx);
  if (k < 1 || k >= lists.length || !lists[k]) return undefined;
  const candidates = [];
  let gold = -1;
  lists.forEach((list, i) => {
    if (!list) return;
    if (i === k) gold = candidates.length;
    candidates.push(list);
  });
  return { candidates, gold };
}

/** Words at the true cuts of at least MIN_WORD_COUNT training lines, as the abstract's first word and as the title's last. */
function wordVocabulary(items) {
  const opening = new Map();
  const closing = new Map();
  const add = (map, w) => map.set(w, (map.get(w) ?? 0) + 1);
  for (const item of items) {
    const ctx = core.splitContext(item.body);
    if (!ctx) continue;
    const k = ctx.offsets.findIndex((o) => item.body.slice(ctx.offsets[0], o).trimEnd() === item.title);
    if (k < 1 || k >= ctx.words.length) continue;
    add(opening, ctx.words[k].lower);
    add(closing, ctx.words[k - 1].lower);
  }
  const frequent = (map) => [...map].filter(([w, n]) => n >= MIN_WORD_COUNT && w).map(([w]) => w).sort();
  return { opening: frequent(opening), closing: frequent(closing) };
}

/** Flattens the examples into typed arrays: the loop below runs millions of times. */
function flatten(examples) {
  let candidates = 0;
  let features = 0;
  for (const ex of examples) {
    candidates += ex.candidates.length;
    for (const list of ex.candidates) features += list.length;
  }
  const exStart = new Int32Array(examples.length + 1);
  const gold = new Int32Array(examples.length);
  const candStart = new Int32Array(candidates + 1);
  const featIndex = new Int32Array(features);
  const featValue = new Float64Array(features);
  let c = 0;
  let f = 0;
  examples.forEach((ex, e) => {
    exStart[e] = c;
    gold[e] = c + ex.gold;
    for (const list of ex.candidates) {
      candStart[c++] = f;
      for (const [index, value] of list) {
        featIndex[f] = index;
        featValue[f++] = value;
      }
    }
  });
  exStart[examples.length] = c;
  candStart[c] = f;
  return { count: examples.length, exStart, gold, candStart, featIndex, featValue, candidates };
}

function train(examples, size, log) {
  const d = flatten(examples);
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const scores = new Float64Array(d.candidates);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(size);
    let loss = 0;
    for (let e = 0; e < d.count; e++) {
      let max = -Infinity;
      for (let c = d.exStart[e]; c < d.exStart[e + 1]; c++) {
        let s = 0;
        for (let f = d.candStart[c]; f < d.candStart[c + 1]; f++) s += w[d.featIndex[f]] * d.featValue[f];
        scores[c] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let c = d.exStart[e]; c < d.exStart[e + 1]; c++) z += Math.exp(scores[c] - max);
      loss -= scores[d.gold[e]] - max - Math.log(z);
      for (let c = d.exStart[e]; c < d.exStart[e + 1]; c++) {
        const p = Math.exp(scores[c] - max) / z - (c === d.gold[e] ? 1 : 0);
        for (let f = d.candStart[c]; f < d.candStart[c + 1]; f++) grad[d.featIndex[f]] += p * d.featValue[f];
      }
    }
    for (let f = 0; f < size; f++) {
      const g = grad[f] / d.count + L2 * w[f];
      g2[f] += g * g;
      w[f] -= (RATE * g) / Math.sqrt(g2[f]);
    }
    if (epoch % 250 === 0 || epoch === EPOCHS - 1) log(`epoch ${epoch}: loss ${(loss / d.count).toFixed(4)}`);
  }
  return w;
}

/**
 * Trains on items ({ body, title, weight? } with the hand-written lines counted three times, see
 * below): returns every feature's name and its weight. Leaves the vocabulary set for scoring.
 */
export function trainOn(sets, log = () => {}) {
  const trainItems = sets.flatMap((set) => set.train);
  const vocabulary = wordVocabulary(trainItems);
  const names = core.useTitleSplitVocabulary(vocabulary.opening, vocabulary.closing);
  log(`word features: ${vocabulary.opening.length} opening words, ${vocabulary.closing.length} closing words`);
  const examples = [];
  let unusable = 0;
  for (const set of sets) {
    for (const item of set.train) {
      const ex = example(item);
      // The hand-written lines stand for whole failure classes: count them three times.
      if (ex) for (let copy = 0; copy < (set.name === 'handmade' ? 3 : 1); copy++) examples.push(ex);
      else unusable++;
    }
  }
  log(`${examples.length} training lines (${unusable} whose true cut is not a candidate)`);
  return { names, w: train(examples, names.length, log) };
}

/** The title a set of weights reads (the vocabulary trainOn left set). */
export function titleWith(weights, body) {
  const ctx = core.splitContext(body);
  if (!ctx) return '';
  const scores = core.scoreCandidates(ctx, weights);
  let best = -1;
  for (let k = 1; k < scores.length; k++) if (scores[k] !== undefined && (best < 0 || scores[k] > scores[best])) best = k;
  return best < 0 ? '' : body.slice(ctx.offsets[0], ctx.offsets[best]).trimEnd();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { sets, skipped } = loadSets();
  for (const s of skipped) console.error(`skipped: ${s}`);
  const { names, w } = trainOn(sets, (m) => console.error(m));
  const base = core.TITLE_SPLIT_FEATURES.length;
  const entry = (name, i) => `  ${JSON.stringify(name).replace(/^"|"$/g, "'")}: ${Number(w[i].toFixed(4))},`;
  const body = names.slice(0, base).map(entry).join('\n');
  const words = (prefix) => names.map((name, i) => [name, i]).filter(([name], i) => i >= base && name.startsWith(prefix) && w[i] !== 0)
    .map(([name, i]) => `    ${JSON.stringify(name.slice(2))}: ${Number(w[i].toFixed(4))},`).join('\n');
  const out = path.join(root, 'server', 'src', 'core', 'readers', 'titleSplitWeights.ts');
  fs.writeFileSync(out, `// Generated by scripts/listings/train.mjs from the training parts of scripts/listings/data.mjs: do not edit by hand.\nexport const TITLE_SPLIT_WEIGHTS: Record<string, number> = {\n${body}\n};\n\n// The abstract's first word (opening) and the title's last word (closing), lowercase.\nexport const TITLE_SPLIT_WORD_WEIGHTS: { opening: Record<string, number>; closing: Record<string, number> } = {\n  opening: {\n${words('a=')}\n  },\n  closing: {\n${words('p=')}\n  },\n};\n`);
  console.error(`wrote ${path.relative(root, out)}`);
}
