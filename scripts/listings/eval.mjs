// npm run eval:listings: exact-title accuracy of the listing title splitter per set, on the
// training part and on the held-out part (never seen by the trainer). --errors lists the misses.
import { core, loadSets } from './data.mjs';

export function evaluate(items) {
  let exact = 0;
  let oneWord = 0;
  const errors = [];
  for (const item of items) {
    const split = core.splitTitleAndAbstract(item.body);
    const title = split?.title ?? '';
    if (title === item.title) exact++;
    else errors.push({ want: item.title, got: title, confidence: split?.confidence });
    if (!/\s/.test(title) && /\s/.test(item.title)) oneWord++;
  }
  return { total: items.length, exact, oneWord, errors };
}

const pct = (r) => (r.total ? ((100 * r.exact) / r.total).toFixed(1) : '-');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { sets, skipped } = loadSets();
  const showErrors = process.argv.includes('--errors');
  console.log('| set | part | lines | exact titles | one-word titles from multi-word |');
  console.log('|---|---|---:|---:|---:|');
  for (const set of sets) {
    for (const part of ['train', 'test']) {
      if (set[part].length === 0) continue;
      const r = evaluate(set[part]);
      console.log(`| ${set.name} | ${part === 'test' ? 'held out' : 'training'} | ${r.total} | ${pct(r)} % | ${r.oneWord} |`);
      if (showErrors) for (const e of r.errors) console.log(`    ${set.name}/${part} want: ${e.want}\n      got: ${e.got}  (${e.confidence?.toFixed(2)})`);
    }
  }
  for (const s of skipped) console.log(`skipped: ${s}`);
}
