// The warm-start cache: each corpus file's parse result, keyed by its path, size, mtime and a
// content fingerprint, plus the merged corpus for the exact set of files it came from. Stored
// as one file: a header, the structure as JSON, and the abstracts in a few UTF-8 chunks
// (abstracts are most of the bytes; a chunk decodes in one pass and each abstract is a slice of
// it; a few, not one, since 1M papers' abstracts are about twice V8's longest string).
// Anything unexpected (wrong magic or version, a length that does not add up, bad JSON, a
// field of the wrong shape) makes the whole cache count as absent: it is rebuilt, never trusted.
// The key memory (the keys each copy of a paper answered to) is a fourth section, decoded only
// when a rebuild needs it, so a key cited before a restart keeps resolving after it.
import type { Corpus } from '../core/corpus/corpus';
import type { KeyMemory } from '../core/corpus/keys';
import type { Paper, ParseResult, PaperRecord, Problem } from '../core/corpus/model';
import { ABSTRACT_CHUNK_CHARS, decodeChunkList, encodeChunkList } from './corpusTransfer';

/** Bump whenever the shape of parse results or papers changes: old caches are then ignored. */
export const CACHE_VERSION = 7; // 6: BibTeX entries keep their titles as written (publication.bibtex), not pandoc's sentence case; 7: with their subtitles and title additions
const MAGIC = 0x4c4e4332; // "LNC2": abstracts in chunks ("LNC1", one blob, is refused and rebuilt)
const HEADER_BYTES = 24;

/** What identifies one version of a corpus file. */
export interface FileKey {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface CachedFile extends FileKey {
  result: ParseResult;
  /** Lengths of the lines problems point at (0-based line → length). */
  lineLengths: [number, number][];
}

export interface CachedCorpus {
  files: FileKey[];
  papers: Paper[];
  problems: Problem[];
  /** Problem line lengths by file. */
  lineLengths: Record<string, [number, number][]>;
}

export interface CorpusCacheData {
  /** Per-file parse results; decoded only when asked (a warm start with no change never asks). */
  files: () => CachedFile[];
  /** The merged corpus of exactly these files (in this order), if it was saved. */
  corpus?: CachedCorpus;
  /** The keys the last corpus gave, by copy fingerprint; decoded only when asked. */
  keyMemory?: () => KeyMemory | undefined;
}

export function sameKey(a: FileKey, b: FileKey): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.hash === b.hash;
}

/** Papers sorted by key with their aliases, as corpusFromRecords leaves them, to a Corpus. */
export function corpusFromPapers(papers: Paper[], problems: Problem[]): Corpus {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) addPaperKeys(byKey, paper);
  return { papers, byKey, problems };
}

/** The paper under its key, then its aliases (a later paper's alias wins over an earlier key). */
export function addPaperKeys(byKey: Map<string, Paper>, paper: Paper): void {
  byKey.set(paper.key, paper);
  for (const alias of paper.aliases) byKey.set(alias, paper);
}

// --- encoding --------------------------------------------------------------------------

type WithAbstract = { abstract?: string };

type AbstractRef = [chunk: number, start: number, length: number];

/**
 * Moves abstracts into chunks of at most `chunkChars` characters (a longer abstract is a chunk of
 * its own): each object's abstract becomes [chunk, start, length] in `abstractRef`.
 */
class AbstractBlob {
  /** Each finished chunk as UTF-8: one chunk's text is joined at a time. */
  private readonly chunks: Uint8Array[] = [];
  private parts: string[] = [];
  private length = 0;
  private readonly seen = new Map<string, AbstractRef>();
  private readonly encoder = new TextEncoder();

  constructor(private readonly chunkChars: number) {}

  strip<T extends WithAbstract>(item: T): Omit<T, 'abstract'> & { abstractRef?: AbstractRef } {
    const { abstract, ...rest } = item;
    if (abstract === undefined) return rest;
    let ref = this.seen.get(abstract);
    if (!ref) {
      if (this.length > 0 && this.length + abstract.length > this.chunkChars) this.endChunk();
      ref = [this.chunks.length, this.length, abstract.length];
      this.parts.push(abstract);
      this.length += abstract.length;
      this.seen.set(abstract, ref);
    }
    return { ...rest, abstractRef: ref };
  }

  private endChunk(): void {
    this.chunks.push(this.encoder.encode(this.parts.join('')));
    this.parts = [];
    this.length = 0;
  }

  /** The chunks, laid out by encodeChunkList. */
  bytes(): Uint8Array {
    if (this.length > 0) this.endChunk();
    return encodeChunkList(this.chunks);
  }
}

/** The chunks AbstractBlob.bytes() wrote, decoded; throws when they do not add up. */
function abstractChunks(bytes: Uint8Array, decoder: { decode(bytes: Uint8Array): string }): string[] {
  const chunks = decodeChunkList(bytes);
  if (!chunks) throw new Error('bad abstracts');
  return chunks.map((chunk) => decoder.decode(chunk));
}

/**
 * Layout: magic, version, four lengths; the corpus JSON, the files JSON, the abstracts' chunks,
 * the key memory JSON. `chunkChars`: the most characters of abstracts a chunk holds (tests make it small).
 */
export function encodeCache(data: CorpusCacheData, chunkChars = ABSTRACT_CHUNK_CHARS): Uint8Array {
  const blob = new AbstractBlob(chunkChars);
  const corpusJson = JSON.stringify({ version: CACHE_VERSION, corpus: data.corpus && { ...data.corpus, papers: data.corpus.papers.map((p) => blob.strip(p)) } });
  const filesJson = JSON.stringify(data.files().map((f) => ({ ...f, result: { records: f.result.records.map((r) => blob.strip(r)), problems: f.result.problems } })));
  const encoder = new TextEncoder();
  const memory = data.keyMemory?.();
  const memoryJson = memory ? JSON.stringify([...memory]) : '[]';
  const sections = [encoder.encode(corpusJson), encoder.encode(filesJson), blob.bytes(), encoder.encode(memoryJson)];
  const out = new Uint8Array(HEADER_BYTES + sections.reduce((n, b) => n + b.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, CACHE_VERSION);
  let offset = HEADER_BYTES;
  sections.forEach((bytes, i) => {
    view.setUint32(8 + 4 * i, bytes.length);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}

/** The cache's content, or undefined when it is absent, old, cut short or corrupt. */
export function decodeCache(bytes: Uint8Array | undefined): CorpusCacheData | undefined {
  if (!bytes || bytes.length < HEADER_BYTES) return undefined;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC || view.getUint32(4) !== CACHE_VERSION) return undefined;
    const [corpusLength, filesLength, blobLength, memoryLength] = [view.getUint32(8), view.getUint32(12), view.getUint32(16), view.getUint32(20)];
    if (HEADER_BYTES + corpusLength + filesLength + blobLength + memoryLength !== bytes.length) return undefined;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const filesStart = HEADER_BYTES + corpusLength;
    const blobStart = filesStart + filesLength;
    const memoryStart = blobStart + blobLength;
    const abstracts = abstractChunks(bytes.subarray(blobStart, memoryStart), decoder);
    const raw = JSON.parse(decoder.decode(bytes.subarray(HEADER_BYTES, filesStart))) as { version?: unknown; corpus?: unknown };
    if (raw?.version !== CACHE_VERSION) return undefined;
    const corpus = raw.corpus === undefined || raw.corpus === null ? undefined : checkCorpus(raw.corpus, abstracts);
    if (raw.corpus && !corpus) return undefined;
    let files: CachedFile[] | undefined;
    let memory: KeyMemory | undefined | null = null;
    return {
      corpus,
      keyMemory: () => {
        // A memory that does not check out is no memory: keys are then computed afresh.
        if (memory === null) {
          try {
            memory = checkKeyMemory(JSON.parse(decoder.decode(bytes.subarray(memoryStart))));
          } catch {
            memory = undefined;
          }
        }
        return memory;
      },
      files: () => {
        // A part that does not check out counts as no per-file cache: those files are parsed.
        try {
          files ??= checkFiles(JSON.parse(decoder.decode(bytes.subarray(filesStart, blobStart))), abstracts) ?? [];
        } catch {
          files = [];
        }
        return files;
      },
    };
  } catch {
    return undefined;
  }
}

function restoreAbstract<T>(item: T & { abstractRef?: unknown }, abstracts: string[]): T {
  if (item.abstractRef === undefined) return item;
  const ref = (Array.isArray(item.abstractRef) ? item.abstractRef : []) as unknown[];
  const [at, start, length] = ref;
  const chunk = typeof at === 'number' ? abstracts[at] : undefined;
  if (chunk === undefined || typeof start !== 'number' || typeof length !== 'number' || start < 0 || length < 0 || start + length > chunk.length) throw new Error('bad abstract');
  delete item.abstractRef;
  (item as WithAbstract).abstract = chunk.slice(start, start + length);
  return item;
}

const isKey = (f: Record<string, unknown>) => typeof f.path === 'string' && typeof f.size === 'number' && typeof f.mtimeMs === 'number' && typeof f.hash === 'string';
const isProblems = (p: unknown): p is Problem[] => Array.isArray(p) && p.every((x) => typeof x?.file === 'string' && typeof x?.line === 'number' && typeof x?.message === 'string');
const isPaperLike = (p: Record<string, unknown>) => typeof p?.title === 'string' && Array.isArray(p.topics) && typeof p.date === 'object' && p.date !== null;

function checkFiles(raw: unknown, abstracts: string[]): CachedFile[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const files: CachedFile[] = [];
  for (const f of raw as Record<string, unknown>[]) {
    const result = f?.result as { records?: unknown; problems?: unknown } | undefined;
    if (!isKey(f) || !result || !Array.isArray(result.records) || !isProblems(result.problems) || !Array.isArray(f.lineLengths)) return undefined;
    const records = (result.records as Record<string, unknown>[]).map((r) => {
      if (!isPaperLike(r) || typeof (r.source as { file?: unknown })?.file !== 'string') throw new Error('bad record');
      return restoreAbstract(r, abstracts) as unknown as PaperRecord;
    });
    files.push({ ...(f as unknown as FileKey), result: { records, problems: result.problems }, lineLengths: f.lineLengths as [number, number][] });
  }
  return files;
}

function checkCorpus(raw: unknown, abstracts: string[]): CachedCorpus | undefined {
  const c = raw as { files?: unknown; papers?: unknown; problems?: unknown; lineLengths?: unknown };
  if (!Array.isArray(c.files) || !c.files.every((k) => isKey(k as Record<string, unknown>)) || !Array.isArray(c.papers) || !isProblems(c.problems)) return undefined;
  if (typeof c.lineLengths !== 'object' || c.lineLengths === null) return undefined;
  const papers = (c.papers as Record<string, unknown>[]).map((p) => {
    if (!isPaperLike(p) || typeof p.key !== 'string' || !Array.isArray(p.aliases) || !Array.isArray(p.sources)) throw new Error('bad paper');
    return restoreAbstract(p, abstracts) as unknown as Paper;
  });
  return { files: c.files as FileKey[], papers, problems: c.problems, lineLengths: c.lineLengths as Record<string, [number, number][]> };
}

function checkKeyMemory(raw: unknown): KeyMemory | undefined {
  if (!Array.isArray(raw)) return undefined;
  const memory: KeyMemory = new Map();
  for (const entry of raw as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]) || !entry[1].every((k: unknown) => typeof k === 'string')) return undefined;
    memory.set(entry[0], entry[1] as string[]);
  }
  return memory;
}
