// Key phrases mined from titles and abstracts: two- and three-word phrases that recur across
// papers, normalised for case, plurals and hyphens, never starting or ending on a function word.
// The corpus decides the topics; nothing here knows what it is about.
import type { Paper } from '../corpus/model';
import { foldToAscii, STOP_WORDS } from '../text';

export interface MinedTopic {
  /** Normalised phrase: "equivariant neural network". */
  id: string;
  /** The form most often written: "equivariant neural networks". */
  label: string;
  /** Indices of the papers whose title or abstract contains it. */
  papers: number[];
}

/** Words that are never topics on their own, though not function words. */
const GENERIC = new Set(
  ('paper work works approach approaches method methods result results show shows propose proposed present ' +
    'study studies problem problems task tasks model models framework use used well also however first second ' +
    'one two three many several various different important recent existing provide provides based novel ' +
    'able case cases way ways set sets number numbers art state result such other further thus data demonstrate ' +
    'significantly significant effective effectively lead leads key new large small high low across simple ' +
    'whose some all any each every available http https www com org github html specific underlying certain ' +
    'given general whole full possible respect allow allows often even still much less known better improved ' +
    'extensive extensively studied during practical non pre empirically investigate represent experiments experiment')
    .split(' '),
);

/** Singular, lowercase, ASCII: "Networks" -> "network", "symmetries" -> "symmetry". */
export function normalizeWord(word: string): string {
  const w = foldToAscii(word);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ss|us|is|ices)$/.test(w)) return w;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Runs of words between punctuation, with hyphenated words split ("loss-landscapes"). */
function phrasesOf(text: string): { norm: string[]; raw: string[] }[] {
  const runs: { norm: string[]; raw: string[] }[] = [];
  for (const chunk of text.split(/[.,;:!?()[\]{}"“”]|\s[-–—]+\s/)) {
    const raw = chunk.split(/[\s-]+/).filter((w) => /^[\p{L}][\p{L}'’]*$/u.test(w));
    if (raw.length >= 2) runs.push({ raw, norm: raw.map(normalizeWord) });
  }
  return runs;
}

function isContentWord(word: string): boolean {
  return word.length >= 3 && !STOP_WORDS.has(word) && !GENERIC.has(word);
}

export interface MineOptions {
  /** Fewest papers a phrase must appear in; default grows with the corpus (at least 2). */
  minPapers?: number;
  /** Most topics kept, the most frequent first. */
  maxTopics?: number;
  /** Leave abstracts out (a large corpus: titles say enough and cost far less). */
  titlesOnly?: boolean;
}

/** Phrases are discovered on at most this many papers (an even sample), then matched in all. */
const DISCOVERY_SAMPLE = 20000;

export function mineTopics(papers: Paper[], options: MineOptions = {}): MinedTopic[] {
  const maxTopics = options.maxTopics ?? 60;
  const step = Math.max(1, Math.ceil(papers.length / DISCOVERY_SAMPLE));
  const sampleSize = Math.ceil(papers.length / step);
  const minPapers = options.minPapers ?? Math.max(2, Math.ceil(sampleSize * 0.01));

  // Pass 1, on the sample: which phrases recur.
  const counts = new Map<string, { papers: number; last: number }>();
  for (let index = 0; index < papers.length; index += step) {
    forEachPhrase(papers[index], options.titlesOnly === true, (id) => {
      const entry = counts.get(id);
      if (!entry) counts.set(id, { papers: 1, last: index });
      else if (entry.last !== index) (entry.papers++, (entry.last = index));
    });
  }
  const frequent = new Set([...counts.entries()].filter(([, e]) => e.papers >= minPapers).map(([id]) => id));
  counts.clear();

  // Pass 2, on every paper: which papers say each recurring phrase, and how they write it.
  const found = new Map<string, { papers: number[]; forms: Map<string, number> }>();
  papers.forEach((paper, index) => {
    forEachPhrase(paper, options.titlesOnly === true, (id, form) => {
      if (!frequent.has(id)) return;
      let entry = found.get(id);
      if (!entry) found.set(id, (entry = { papers: [], forms: new Map() }));
      if (entry.papers[entry.papers.length - 1] !== index) entry.papers.push(index);
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    });
  });
  const entries = [...found.entries()];
  // A shorter phrase that only ever occurs inside one longer phrase adds nothing.
  const kept = entries.filter(([id, e]) => {
    return !entries.some(([other, o]) => other !== id && other.includes(id) && o.papers.length === e.papers.length && other.split(' ').length > id.split(' ').length);
  });
  return kept
    .sort((a, b) => b[1].papers.length - a[1].papers.length || b[0].split(' ').length - a[0].split(' ').length || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTopics)
    .map(([id, e]) => ({
      id,
      label: [...e.forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
      papers: e.papers,
    }));
}

/** Every two- and three-word phrase of content words in a paper's title and abstract. */
function forEachPhrase(paper: Paper, titlesOnly: boolean, visit: (id: string, form: string) => void): void {
  for (const { norm, raw } of phrasesOf(titlesOnly ? paper.title : `${paper.title}. ${paper.abstract ?? ''}`)) {
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= norm.length; i++) {
        const words = norm.slice(i, i + n);
        if (!words.every(isContentWord)) continue;
        visit(words.join(' '), raw.slice(i, i + n).join(' ').toLowerCase());
      }
    }
  }
}
