// A loaded corpus as a few strings, to cross from the corpus worker to the service. Copying
// 100,000 paper objects between threads (structured clone) costs seconds on the receiving side,
// which is the thread that answers requests; one JSON text of the papers without their abstracts
// and one string of all abstracts cost a parse and a copy. Abstracts become slices of that string.
// The parse is most of a warm start's time on the server thread, so the JSON leaves out what
// it can give back cheaply: empty lists, and each source's file path (an index into a table).
import type { Paper, Problem, SourceLocation } from '../core/corpus/model';
import { addPaperKeys } from './corpusCache';
import type { CorpusLoadResult } from './corpusLoading';

export interface PackedCorpusLoad {
  /** PackedPapers as JSON. */
  papers: string;
  /** Absent when they follow in a second message (a warm start sends them just after "ready"). */
  abstracts?: string;
  /** Per paper, the length of its abstract in `abstracts`, or -1 when it has none. */
  abstractLengths: Int32Array;
  problems: string;
  problemLineLengths: [string, [number, number][]][];
  heldShrunk: boolean;
  fromCache: number;
  /** Read whole from the packed cache: nothing of it needs writing again. */
  fromPackedCache?: boolean;
  warnings: string[];
}

/** Papers as packed: no abstract, empty lists left out, sources as [file index, line, ...]. */
interface PackedPapers {
  files: string[];
  papers: (Omit<Paper, 'abstract' | 'aliases' | 'urls' | 'topics' | 'sources'> & Partial<Pick<Paper, 'aliases' | 'urls' | 'topics'>> & { sources: number[] })[];
}

/** Abstracts (undefined: none) as one string and their lengths (-1: none). */
export function packAbstracts(abstracts: (string | undefined)[]): PackedAbstracts {
  const lengths = new Int32Array(abstracts.length);
  const texts: string[] = [];
  abstracts.forEach((abstract, i) => {
    lengths[i] = abstract === undefined ? -1 : abstract.length;
    if (abstract !== undefined) texts.push(abstract);
  });
  return { abstracts: texts.join(''), lengths };
}

function packPapers(papers: Paper[]): string {
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const indexOf = (file: string) => {
    let index = fileIndex.get(file);
    if (index === undefined) fileIndex.set(file, (index = files.push(file) - 1));
    return index;
  };
  const packed: PackedPapers['papers'] = papers.map((paper) => {
    const { abstract, aliases, urls, topics, sources, ...rest } = paper;
    void abstract;
    return {
      ...rest,
      ...(aliases.length > 0 && { aliases }),
      ...(urls.length > 0 && { urls }),
      ...(topics.length > 0 && { topics }),
      sources: sources.flatMap((source) => [indexOf(source.file), source.line]),
    };
  });
  return JSON.stringify({ files, papers: packed } satisfies PackedPapers);
}

/**
 * The papers of packPapers' JSON, whole again (no abstracts); throws when it is not such JSON.
 * With `byKey`, each key and alias goes into it on the same pass (a second pass over 100,000
 * papers of mixed shapes cost as much again).
 */
export function unpackPapers(text: string, byKey?: Map<string, Paper>): Paper[] {
  const { files, papers } = JSON.parse(text) as PackedPapers;
  if (!Array.isArray(files) || !Array.isArray(papers)) throw new Error('not packed papers');
  const out = papers as unknown as Paper[];
  for (let i = 0; i < papers.length; i++) {
    const packed = papers[i];
    // Enough of a paper's shape that every feature can rely on it.
    if (typeof packed?.key !== 'string' || typeof packed.title !== 'string' || !Array.isArray(packed.sources)) throw new Error(`paper ${i} is malformed`);
    const flat = packed.sources;
    const sources = new Array<SourceLocation>(flat.length >> 1);
    for (let k = 0; k < flat.length; k += 2) {
      const file = files[flat[k]];
      if (typeof file !== 'string' || typeof flat[k + 1] !== 'number') throw new Error(`paper ${i} is malformed`);
      sources[k >> 1] = { file, line: flat[k + 1] };
    }
    // Made whole in place: a second array of 100,000 objects would double the work.
    const paper = out[i];
    paper.sources = sources;
    if (paper.aliases === undefined) paper.aliases = [];
    if (byKey) addPaperKeys(byKey, paper);
    if (paper.urls === undefined) paper.urls = [];
    if (paper.topics === undefined) paper.topics = [];
  }
  return out;
}

export function packCorpusLoad(result: CorpusLoadResult): PackedCorpusLoad {
  const { papers } = result.corpus;
  const { abstracts, lengths } = packAbstracts(papers.map((p) => p.abstract));
  return {
    papers: packPapers(papers),
    abstracts,
    abstractLengths: lengths,
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
  const byKey = new Map<string, Paper>();
  const papers = unpackPapers(packed.papers, byKey);
  if (papers.length !== packed.abstractLengths.length) throw new Error('papers and abstracts do not match');
  if (packed.abstracts !== undefined && !attachAbstracts(papers, { abstracts: packed.abstracts, lengths: packed.abstractLengths })) throw new Error('papers and abstracts do not match');
  const problems = JSON.parse(packed.problems) as Problem[];
  return {
    corpus: { papers, byKey, problems },
    problemLineLengths: new Map(packed.problemLineLengths.map(([file, lengths]) => [file, new Map(lengths)])),
    heldShrunk: packed.heldShrunk,
    fromCache: packed.fromCache,
    fromPackedCache: packed.fromPackedCache === true,
    warnings: packed.warnings,
  };
}
