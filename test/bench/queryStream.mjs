// The query stream of the search benchmark: queries typed letter by letter as a writer types
// them (distinctive title words, author names in the forms people type them, years), a share
// with typos, and the checkpoints where the intended paper should be in the top 10.
//
// A checkpoint is a keystroke whose clean form (the same keystrokes without the typos)
// identifies the paper: at most 10 papers have every finished word (title, author name forms,
// year) and a word starting with the one being typed (4 letters or more). What an ideal engine
// could not tell apart is not counted against any engine.
import { random, pick } from './generate.mjs';

const fold = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[øØ]/g, 'o').replace(/ı/g, 'i').toLowerCase();
const words = (text) => fold(text).match(/[a-z0-9]+/g) ?? [];
const STOP = new Set('the of and in for on with via from at to a an towards learning scale'.split(' '));

/** Name forms a writer types for a family name: its words, joined, and umlauts written out. */
function familyForms(family) {
  const parts = words(family);
  const forms = new Set(parts);
  if (parts.length > 1) forms.add(parts.join(''));
  return [...forms];
}

/** Ground truth index: each paper's finished-word tokens (title, author forms, year). */
export function groundTruth(papers) {
  const tokensOf = papers.map((p) => {
    const set = new Set(words(p.title));
    for (const a of p.authors ?? []) for (const f of familyForms(a.family)) set.add(f);
    if (p.date.year) set.add(String(p.date.year));
    return set;
  });
  const postings = new Map();
  tokensOf.forEach((set, i) => {
    for (const t of set) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(i);
    }
  });
  const sorted = [...postings.keys()].sort();
  /** Papers matching a clean state (finished words exact, last word as a prefix), up to cap. */
  function matching(state, cap = 11) {
    const ws = words(state);
    const last = ws.pop();
    let candidates;
    for (const w of ws) {
      const list = postings.get(w) ?? [];
      candidates = candidates ? candidates.filter((i) => tokensOf[i].has(w)) : list;
    }
    if (candidates) return candidates.filter((i) => [...tokensOf[i]].some((t) => t.startsWith(last))).slice(0, cap);
    const found = new Set();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < last) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < sorted.length && sorted[t].startsWith(last) && found.size < cap; t++) for (const i of postings.get(sorted[t])) found.add(i);
    return [...found].slice(0, cap);
  }
  return { tokensOf, postings, matching };
}

const KEYBOARD = 'qwertyuiopasdfghjklzxcvbnm';
const neighbour = (c) => {
  const i = KEYBOARD.indexOf(c);
  return i < 0 ? 'e' : KEYBOARD[i === KEYBOARD.length - 1 ? i - 1 : i + 1];
};
/** One typing slip at position i: a neighbouring key, a dropped, doubled or swapped letter. */
function slip(word, i) {
  switch (Math.floor(random() * 4)) {
    case 0: return word.slice(0, i) + neighbour(word[i]) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + word[i] + word.slice(i);
    default: return i + 1 < word.length && word[i] !== word[i + 1] ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + neighbour(word[i]) + word.slice(i + 1);
  }
}
/** One slip in the first 8 letters (not the first), a second beyond them in longer words. */
function typo(word) {
  let typed = slip(word, 1 + Math.floor(random() * Math.min(7, word.length - 2)));
  if (word.length > 10 && random() < 0.5) typed = slip(typed, 8 + Math.floor(random() * (typed.length - 9)));
  return typed;
}

/**
 * Queries of the stream. Each has `keystrokes`: [{ typed, clean, category }] where category
 * says which recall column a keystroke counts in (undefined: latency only).
 */
export function makeStream(papers, truth, count = 300) {
  const titleDf = (w) => truth.postings.get(w)?.length ?? 0;
  const queries = [];
  const kinds = ['prefix', 'typo-prefix', 'word-typo', 'author', 'typo-prefix', 'year', 'author-typo', 'single'];
  for (let q = 0; q < count; q++) {
    const index = Math.floor(random() * papers.length);
    const paper = papers[index];
    const distinct = [...new Set(words(paper.title))].filter((w) => w.length >= 5 && !STOP.has(w) && !/\d/.test(w)).sort((a, b) => titleDf(a) - titleDf(b));
    if (distinct.length < 2) continue;
    const [w1, w2] = distinct;
    const kind = kinds[q % kinds.length];
    let cleanWords;
    let typedWords;
    if (kind === 'prefix') [cleanWords, typedWords] = [[w1, w2], [w1, w2]];
    else if (kind === 'typo-prefix') [cleanWords, typedWords] = [[w1, w2], [w1, typo(w2)]];
    else if (kind === 'word-typo') [cleanWords, typedWords] = [[w2, w1], [typo(w2), w1]];
    else if (kind === 'single') [cleanWords, typedWords] = [[w1], [random() < 0.5 ? typo(w1) : w1]];
    else if (kind === 'year') [cleanWords, typedWords] = [[w1, String(paper.date.year)], [w1, String(paper.date.year)]];
    else {
      const author = pick(paper.authors ?? []);
      if (!author) continue;
      const forms = familyForms(author.family);
      let form = forms.length > 1 && random() < 0.6 ? forms[forms.length - 1] : pick(forms);
      if (form.length < 4) continue;
      // Typed as written ("müller", "Müller"), folded ("muller") or with umlauts written out.
      let typedForm = form;
      if (/[äöü]/i.test(author.family) && random() < 0.5) typedForm = random() < 0.5 ? author.family.toLowerCase() : fold(author.family.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'));
      if (kind === 'author-typo' && form.length >= 5) typedForm = typo(typedForm);
      [cleanWords, typedWords] = [[w1, form], [w1, typedForm]];
    }
    const keystrokes = [];
    const cleanHead = cleanWords.slice(0, -1).join(' ');
    const typedHead = typedWords.slice(0, -1).join(' ');
    const typedLast = typedWords[typedWords.length - 1];
    const cleanLast = cleanWords[cleanWords.length - 1];
    // Head words are typed too (latency), their checkpoints are not counted.
    for (let n = 1; n <= typedHead.length; n++) keystrokes.push({ typed: typedHead.slice(0, n) });
    for (let n = 1; n <= typedLast.length; n++) {
      const typed = `${typedHead} ${typedLast.slice(0, n)}`.trim();
      // The clean state: as many letters of the clean word (typos change the length by one).
      const clean = `${cleanHead} ${cleanLast.slice(0, Math.min(cleanLast.length, n))}`.trim();
      const finished = n === typedLast.length;
      const hasTypo = typedWords.join(' ') !== cleanWords.join(' ');
      let category;
      if (n >= 4) {
        if (kind === 'author' || kind === 'author-typo') category = 'author';
        else if (kind === 'year') category = finished ? 'year' : undefined;
        else if (kind === 'word-typo') category = finished ? 'word typo' : undefined;
        else if (hasTypo && typedLast.slice(0, n) !== cleanLast.slice(0, n)) category = finished ? 'word typo' : "typo'd prefix";
        else category = finished ? 'clean word' : 'clean prefix';
      }
      if (category) {
        const matches = truth.matching(clean);
        if (!(matches.length <= 10 && matches.includes(index))) category = undefined;
      }
      keystrokes.push({ typed, clean, category });
    }
    queries.push({ key: paper.key, kind, keystrokes });
  }
  return queries;
}

export const CATEGORIES = ['clean prefix', 'clean word', "typo'd prefix", 'word typo', 'author', 'year'];

/** Recall per category from [{ category, found }]. */
export function recall(results) {
  const table = {};
  for (const name of CATEGORIES) {
    const of = results.filter((r) => r.category === name);
    table[name] = { n: of.length, found: of.filter((r) => r.found).length };
  }
  return table;
}

