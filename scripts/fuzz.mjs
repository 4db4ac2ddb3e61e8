// A longer fuzz run than `npm test` makes, for manual use: every parser and scanner of the core
// with ever new inputs until the time is up, then what it found. Each failing input is saved so
// it can be replayed; the same --seed gives the same inputs.
//
//   npm run fuzz                          60 s, all targets, a seed from the clock
//   npm run fuzz -- --seconds 600 --target bibtex --seed 7 --max-length 50000
//   npm run fuzz -- --shapes              also time the hostile shapes at 10 KB and 1 MB
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TARGETS, fuzzTarget } from '../test/fuzz.mjs';
import { SHAPES, measureShape } from '../test/hostile.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    target: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'max-length': { type: 'string', default: '20000' },
    shapes: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const maxLength = Number(values['max-length']);
const chosen = values.target ?? TARGETS;
for (const target of chosen) if (!TARGETS.includes(target)) throw new Error(`unknown target "${target}"; one of ${TARGETS.join(', ')}`);
const outDir = path.join(os.tmpdir(), 'litnotes-fuzz');
fs.mkdirSync(outDir, { recursive: true });

console.log(`fuzzing ${chosen.join(', ')} for ${seconds} s, seed ${seed}, inputs up to ${maxLength} characters`);
const deadline = Date.now() + seconds * 1000;
const runs = Object.fromEntries(chosen.map((t) => [t, 0]));
const found = [];
const BATCH = 200;
for (let round = 0; Date.now() < deadline; round++) {
  for (const target of chosen) {
    if (Date.now() >= deadline) break;
    const result = await fuzzTarget(target, { seed, from: round * BATCH, count: BATCH, maxLength, slowMs: 1000, cpuLimitMs: 30000 });
    runs[target] += result.runs;
    for (const failure of result.failures) {
      const file = path.join(outDir, `${target}-seed${seed}-${failure.index}.txt`);
      fs.writeFileSync(file, failure.input);
      found.push({ target, ...failure, file });
      console.log(`${target} #${failure.index}: ${failure.error} (${failure.input.length} characters, saved to ${file})`);
    }
  }
}

if (values.shapes) {
  console.log('\nhostile shapes, CPU ms at 10 KB and 1 MB (ratio over 150 means worse than linear):');
  for (const shape of SHAPES) {
    const r = await measureShape(shape, { cpuLimitMs: 20000 });
    const line = r.error ?? `${r.small.toFixed(2)} ms  ${r.large.toFixed(1)} ms  ${r.ratio.toFixed(0)}x${r.ratio > 150 ? '  OVER' : ''}`;
    console.log(`  ${shape.target.padEnd(10)} ${shape.name.padEnd(52)} ${line}`);
  }
}

console.log(`\n${Object.entries(runs).map(([t, n]) => `${t} ${n}`).join(', ')} inputs`);
if (found.length === 0) console.log('nothing found');
else {
  const byTarget = {};
  for (const f of found) (byTarget[f.target] ??= new Map()).set(f.error.replace(/\d+/g, 'N'), f);
  console.log(`${found.length} failing inputs; distinct problems:`);
  for (const [target, errors] of Object.entries(byTarget)) for (const f of errors.values()) console.log(`  ${target}: ${f.error} (e.g. ${f.file})`);
  process.exitCode = 1;
}
