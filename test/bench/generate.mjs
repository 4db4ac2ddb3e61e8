// Deterministic synthetic corpora for the benchmark: listing lines with abstracts of real length.
// A deterministic generator, so every run measures the same corpus.
let seed = 42;
export const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
export const pick = (list) => list[Math.floor(random() * list.length)];
const syllables = ['ka', 'lo', 'mi', 'tra', 'ne', 'sor', 'vi', 'qua', 'den', 'tal', 'rix', 'po', 'gen', 'sta', 'bel', 'chu', 'fer', 'ion', 'ma', 'ter'];
const vocabulary = Array.from({ length: 30000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(''));
const common = 'the of and in to a we is for that on with by this as are our from be an which can show model method results learning data neural network approach problem performance propose training task tasks based using new two framework'.split(' ');
// Zipf-like: low indices far more often, as in real abstracts.
export const word = () => (random() < 0.45 ? pick(common) : vocabulary[Math.floor(vocabulary.length * random() ** 2.5)]);
const capital = (w) => w[0].toUpperCase() + w.slice(1);
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function listingLine() {
  const title = Array.from({ length: 5 + Math.floor(random() * 7) }, () => capital(vocabulary[Math.floor(random() * vocabulary.length)])).join(' ');
  const sentences = 6 + Math.floor(random() * 6);
  const abstract = Array.from({ length: sentences }, (_, i) => {
    const words = Array.from({ length: 14 + Math.floor(random() * 14) }, word);
    return `${i === 0 ? 'We' : capital(words.shift())} ${words.join(' ')}.`;
  }).join(' ');
  const year = 1990 + Math.floor(random() * 36);
  return `- ${title} ${abstract} ${1 + Math.floor(random() * 9)} authors · ${pick(months)} ${1 + Math.floor(random() * 28)}, ${year}`;
}


/** A BibTeX entry of realistic size (about 1 KB): accented names, LaTeX, DOI, keywords, abstract. */
export function bibEntry(n) {
  const names = Array.from({ length: 2 + Math.floor(random() * 6) }, () => `${capital(pick(vocabulary))}, ${capital(pick(vocabulary)).slice(0, 1)}. ${random() < 0.2 ? 'M{\\"u}ller' : capital(pick(vocabulary))}`);
  const title = Array.from({ length: 6 + Math.floor(random() * 6) }, () => capital(pick(vocabulary))).join(' ');
  const abstract = Array.from({ length: 5 }, () => Array.from({ length: 22 }, word).join(' ') + '.').join(' ');
  return `@article{entry${n},
  author = {${names.join(' and ')}},
  title = {{${title}}: A {S}tudy of \\emph{Things} -- Part ${n % 7}},
  journal = {Journal of ${capital(pick(vocabulary))}},
  year = {${1990 + (n % 35)}},
  month = ${pick(['jan', 'feb', 'mar', 'apr', 'may', 'jun'])},
  doi = {10.${1000 + (n % 9000)}/j.${n}},
  keywords = {${pick(vocabulary)}, ${pick(vocabulary)}},
  abstract = {${abstract}}
}
`;
}
