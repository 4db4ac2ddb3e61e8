// A loaded corpus as one string and a few byte arrays, to cross from the corpus worker to the
// service. Copying 100,000 paper objects between threads (structured clone) costs seconds on the
// receiving side, which is the thread that answers requests; one JSON text of the papers without
// their abstracts and the abstracts joined into a few chunks cost a parse and a copy. Abstracts
// become slices of those chunks, decoded. A few, not one: V8 holds at most 2^29 - 24 characters
// in a string, and 1M papers' abstracts are about 1G characters (joined into one they threw, and
// the load was lost). As UTF-8 bytes, not strings: outside the JS heap, where the worker packing
// 1M papers' abstracts beside the corpus ran out of its 4 GB heap.
// The parse is most of a warm start's time on the server thread, so the JSON leaves out what
// it can give back cheaply: empty lists, and each source's file path (an index into a table).
import type { Paper, Problem, SourceLocation } from '../core/corpus/model';
import { addPaperKeys } from './corpusCache';
import type { CorpusLoadResult } from './corpusLoading';

export interface PackedCorpusLoad {
  /** PackedPapers as JSON. */
  papers: string;
  /** UTF-8 chunks (PackedAbstracts); absent when they follow in a second message (a warm start sends them just after "ready"). */
  abstracts?: Uint8Array[];
  /** Per paper, the length of its abstract in `abstracts` (chunked as PackedAbstracts says), or -1 when it has none. */
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

/**
 * Characters per chunk of packed abstracts: well under V8's string limit (2^29 - 24), so that a
 * chunk with one long abstract past it, or a UTF-16 to UTF-8 encode of it (the cache file), still fits.
 */
export const ABSTRACT_CHUNK_CHARS = 1 << 26;
/** The most characters of JSON V8 can hold in one string. */
const MAX_STRING_CHARS = (1 << 29) - 24;

/**
 * Abstracts (undefined: none) joined into chunks of at most `chunkChars` characters (one longer
 * abstract makes a chunk of its own), each as UTF-8, and their lengths (-1: none). An abstract is
 * never split: a non-empty one starts a new chunk only when it does not fit in the current one
 * (attachAbstracts relies on exactly that). Only one chunk's text is joined at a time.
 */
export function packAbstracts(abstracts: (string | undefined)[], chunkChars = ABSTRACT_CHUNK_CHARS): PackedAbstracts {
  const encoder = new TextEncoder();
  const lengths = new Int32Array(abstracts.length);
  const chunks: Uint8Array[] = [];
  let texts: string[] = [];
  let size = 0;
  const endChunk = () => {
    if (size > 0) chunks.push(encoder.encode(texts.join('')));
    texts = [];
    size = 0;
  };
  abstracts.forEach((abstract, i) => {
    lengths[i] = abstract === undefined ? -1 : abstract.length;
    if (abstract === undefined) return;
    if (abstract.length > 0 && size > 0 && size + abstract.length > chunkChars) endChunk();
    texts.push(abstract);
    size += abstract.length;
  });
  endChunk();
  return { abstracts: chunks, lengths };
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
  try {
    return JSON.stringify({ files, papers: packed } satisfies PackedPapers);
  } catch (error) {
    // Past V8's string limit (about 1.8M papers): said plainly, so the load fails and the previous corpus stays.
    if (error instanceof RangeError) throw new Error(`the corpus is too large: the text of its ${papers.length} papers is more than ${MAX_STRING_CHARS} characters (${error.message})`);
    throw error;
  }
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

/**
 * The abstracts of papers in the order packed: `lengths[i]` characters (UTF-16 code units) each
 * (-1: none), in chunks as packAbstracts cut them, each chunk as UTF-8.
 */
export interface PackedAbstracts {
  abstracts: Uint8Array[];
  lengths: Int32Array;
}

/**
 * Chunks in one byte array, as both cache files store abstracts: the chunk count, each chunk's
 * byte length, then the chunks.
 */
export function encodeChunkList(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * chunks.length + chunks.reduce((n, c) => n + c.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, chunks.length);
  let offset = 4 + 4 * chunks.length;
  chunks.forEach((chunk, i) => {
    view.setUint32(4 + 4 * i, chunk.length);
    out.set(chunk, offset);
    offset += chunk.length;
  });
  return out;
}

/** The chunks encodeChunkList wrote, as views on `bytes`; undefined when the lengths do not add up. */
export function decodeChunkList(bytes: Uint8Array): Uint8Array[] | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0);
  let offset = 4 + 4 * count;
  if (offset > bytes.length) return undefined;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const end = offset + view.getUint32(4 + 4 * i);
    if (end > bytes.length) return undefined;
    chunks.push(bytes.subarray(offset, end));
    offset = end;
  }
  return offset === bytes.length ? chunks : undefined;
}

/** How many UTF-16 code units the UTF-8 `bytes` decode to (a 4-byte sequence is two), without decoding them. */
function utf16Length(bytes: Uint8Array): number {
  let units = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // Every byte but a continuation (10xxxxxx) starts a character; one of 4 bytes (11110xxx) is a surrogate pair.
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/**
 * Where each abstract lies: `[chunk, start]` per paper in order, or undefined when the lengths do
 * not fit chunks of these lengths (characters) exactly (an abstract across a chunk's end,
 * characters left over or missing).
 */
function abstractPlaces(chunkLengths: number[], lengths: Int32Array): Int32Array | undefined {
  const places = new Int32Array(lengths.length * 2);
  let chunk = 0;
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i];
    if (length < 0) continue;
    // Past this chunk's end: it starts the next one, and this one must have been used up.
    if (at + length > (chunkLengths[chunk] ?? 0)) {
      if (at !== chunkLengths[chunk] || chunk + 1 >= chunkLengths.length || length > chunkLengths[chunk + 1]) return undefined;
      chunk++;
      at = 0;
    }
    places[2 * i] = chunk;
    places[2 * i + 1] = at;
    at += length;
  }
  const usedUp = chunkLengths.length === 0 || (chunk === chunkLengths.length - 1 && at === chunkLengths[chunk]);
  return usedUp ? places : undefined;
}

/** Whether these chunks hold exactly abstracts of these lengths, in order (counted, not decoded: the worker checks a cache file so). */
export const abstractsFit = ({ abstracts, lengths }: PackedAbstracts): boolean => abstractPlaces(abstracts.map(utf16Length), lengths) !== undefined;

/** Gives each paper its abstract; false (and nothing changed) when they do not fit these papers or are not UTF-8. */
export function attachAbstracts(papers: Paper[], packed: PackedAbstracts): boolean {
  const { abstracts, lengths } = packed;
  if (lengths.length !== papers.length) return false;
  let texts: string[];
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    texts = abstracts.map((chunk) => decoder.decode(chunk));
  } catch {
    return false;
  }
  const places = abstractPlaces(texts.map((text) => text.length), lengths);
  if (!places) return false;
  for (let i = 0; i < papers.length; i++) {
    const length = lengths[i];
    if (length < 0) continue;
    const start = places[2 * i + 1];
    // An empty abstract may lie past the last chunk (papers whose abstracts are all empty have none).
    papers[i].abstract = length === 0 ? '' : texts[places[2 * i]].slice(start, start + length);
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
