// A loaded corpus as a few strings, to cross from the corpus worker to the service. Copying
// 100,000 paper objects between threads (structured clone) costs seconds on the receiving side,
// which is the thread that answers requests; one JSON text of the papers without their abstracts
// and one string of all abstracts cost a parse and a copy. Abstracts become slices of that string.
import type { Paper, Problem } from '../core/corpus/model';
import { corpusFromPapers } from './corpusCache';
import type { CorpusLoadResult } from './corpusLoading';

export interface PackedCorpusLoad {
  papers: string;
  /** Absent when they follow in a second message (a warm start sends them just after "ready"). */
  abstracts?: string;
  /** Per paper, the length of its abstract in `abstracts`, or -1 when it has none. */
  abstractLengths: Int32Array;
  problems: string;
  problemLineLengths: [string, [number, number][]][];
  heldShrunk: boolean;
  fromCache: number;
  warnings: string[];
}

export function packCorpusLoad(result: CorpusLoadResult): PackedCorpusLoad {
  const { papers } = result.corpus;
  const abstractLengths = new Int32Array(papers.length);
  const abstracts: string[] = [];
  const bare = papers.map((paper, i) => {
    const { abstract, ...rest } = paper;
    abstractLengths[i] = abstract === undefined ? -1 : abstract.length;
    if (abstract !== undefined) abstracts.push(abstract);
    return rest;
  });
  return {
    papers: JSON.stringify(bare),
    abstracts: abstracts.join(''),
    abstractLengths,
    problems: JSON.stringify(result.corpus.problems),
    problemLineLengths: [...result.problemLineLengths].map(([file, lengths]) => [file, [...lengths]]),
    heldShrunk: result.heldShrunk,
    fromCache: result.fromCache,
    warnings: result.warnings,
  };
}

/** The abstracts of papers in the order packed: `lengths[i]` characters of `abstracts` each, -1 for none. */
export interface PackedAbstracts {
  abstracts: string;
  lengths: Int32Array;
}

/** Gives each paper its abstract; false (and nothing changed) when they do not fit these papers. */
export function attachAbstracts(papers: Paper[], { abstracts, lengths }: PackedAbstracts): boolean {
  if (lengths.length !== papers.length) return false;
  let total = 0;
  for (let i = 0; i < lengths.length; i++) if (lengths[i] > 0) total += lengths[i];
  if (total !== abstracts.length) return false;
  let at = 0;
  for (let i = 0; i < papers.length; i++) {
    const length = lengths[i];
    if (length < 0) continue;
    papers[i].abstract = abstracts.slice(at, at + length);
    at += length;
  }
  return true;
}

export function unpackCorpusLoad(packed: PackedCorpusLoad): CorpusLoadResult {
  const papers = JSON.parse(packed.papers) as Paper[];
  if (!Array.isArray(papers) || papers.length !== packed.abstractLengths.length) throw new Error('papers and abstracts do not match');
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    // Enough of a paper's shape that every feature can rely on it.
    if (typeof paper?.key !== 'string' || typeof paper.title !== 'string' || !Array.isArray(paper.aliases) || !Array.isArray(paper.sources)) throw new Error(`paper ${i} is malformed`);
  }
  if (packed.abstracts !== undefined && !attachAbstracts(papers, { abstracts: packed.abstracts, lengths: packed.abstractLengths })) throw new Error('papers and abstracts do not match');
  const problems = JSON.parse(packed.problems) as Problem[];
  return {
    corpus: corpusFromPapers(papers, problems),
    problemLineLengths: new Map(packed.problemLineLengths.map(([file, lengths]) => [file, new Map(lengths)])),
    heldShrunk: packed.heldShrunk,
    fromCache: packed.fromCache,
    warnings: packed.warnings,
  };
}
