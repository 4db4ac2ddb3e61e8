// Labelled listing lines for training and evaluating the title splitter. Each set is split
// by a hash of the title into a training part (70 %) and a held-out part (30 %) that the
// trainer never sees; accuracy is reported on both. Sets outside the repository (../shared)
// are used where present and skipped, saying so, otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const core = require(path.join(root, 'dist', 'core.js'));

/** ../shared beside the work tree, or the machine's shared folder. */
export function sharedDir() {
  for (const dir of [path.join(root, '..', 'shared'), path.join(root, '..', '..', 'shared'), '/work/shared']) {
    if (fs.existsSync(path.join(dir, 'data'))) return dir;
  }
  return undefined;
}

/** Deterministic 0..99 from a string (FNV-1a). */
export function bucket(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 100;
}

const heldOut = (title) => bucket(title) < 30;

/** Hugging Face daily papers: the listing lines as they are, with their true titles. */
function hfSet(shared) {
  const dir = path.join(shared, 'data', 'listings-train');
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'hf-train.truth.json'), 'utf8'));
  const lines = fs.readFileSync(path.join(dir, 'hf-train.txt'), 'utf8').split('\n');
  return truth.papers.map((p) => ({ body: core.listingBody(lines[p.line - 1]) ?? '', title: p.title }));
}

/** Real journal and conference papers with abstracts from the BibTeX fixtures, joined the listing way. */
function bibSet(shared) {
  const dir = path.join(shared, 'data', 'bibtex-fixtures');
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const byTitle = new Map();
  for (const file of walk(dir).filter((f) => f.endsWith('.bib'))) {
    for (const r of core.parseBibtex(fs.readFileSync(file, 'utf8'), file).records) {
      const title = r.title?.replace(/\s+/g, ' ').trim();
      const abstract = r.abstract?.replace(/\s+/g, ' ').trim();
      if (title && abstract && abstract.split(' ').length >= 15 && !byTitle.has(title)) byTitle.set(title, `${title} ${abstract}`);
    }
  }
  return [...byTitle].map(([title, body]) => ({ body, title }));
}

/** The bundled seed listing: every line's title is known (test/unit/seeds.test.mjs). */
function seedSet() {
  const file = path.join(root, 'test', 'fixtures', 'listings', 'seed-titles.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every set: { name, train: [{body, title}], test: [{body, title}] }; missing ones listed in skipped. */
export function loadSets() {
  const shared = sharedDir();
  const sets = [];
  const skipped = [];
  const add = (name, items, split = true) => {
    const usable = items.filter((x) => x.body && x.title);
    sets.push({ name, train: split ? usable.filter((x) => !heldOut(x.title)) : usable, test: split ? usable.filter((x) => heldOut(x.title)) : [] });
  };
  if (shared && fs.existsSync(path.join(shared, 'data', 'listings-train'))) add('hf', hfSet(shared));
  else skipped.push('hf (../shared/data/listings-train not found)');
  if (shared && fs.existsSync(path.join(shared, 'data', 'bibtex-fixtures'))) add('bib', bibSet(shared));
  else skipped.push('bib (../shared/data/bibtex-fixtures not found)');
  add('seeds', seedSet(), false);
  add('handmade', JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'listings', 'handmade-train.json'), 'utf8')), false);
  return { sets, skipped };
}
