// node scripts/listings/crossval.mjs: 5-fold cross-validation on the training parts only (the
// held-out parts are never read), to choose features and settings without looking at the lines
// `npm run eval:listings` reports as held out. Prints exact titles per set over the folds.
import { bucket, loadSets } from './data.mjs';
import { titleWith, trainOn } from './train.mjs';

const FOLDS = 5;
const { sets } = loadSets();
const totals = new Map();
for (let fold = 0; fold < FOLDS; fold++) {
  // A second hash of the title (a different seed than the held-out split's) picks the fold.
  const inFold = (item) => bucket(`fold:${item.title}`) % FOLDS === fold;
  const trainSets = sets.map((set) => ({ ...set, train: set.train.filter((x) => !inFold(x)) }));
  const { w } = trainOn(trainSets);
  for (const set of sets) {
    const t = totals.get(set.name) ?? { exact: 0, total: 0 };
    for (const item of set.train.filter(inFold)) {
      t.total++;
      if (titleWith(w, item.body) === item.title) t.exact++;
    }
    totals.set(set.name, t);
  }
}
for (const [name, t] of totals) console.log(`${name}: ${t.exact} / ${t.total} = ${((100 * t.exact) / t.total).toFixed(1)} %`);
