// The warm-start cache: each corpus file's parse result, keyed by its path, size, mtime and a
// content fingerprint, plus the merged corpus for the exact set of files it came from. Stored
// as one file: a header, the structure as JSON, and every abstract in one UTF-8 blob (abstracts
// are most of the bytes; one blob decodes in one pass and each abstract is a slice of it).
// Anything unexpected (wrong magic or version, a length that does not add up, bad JSON, a
// field of the wrong shape) makes the whole cache count as absent: it is rebuilt, never trusted.
// The key memory (the keys each copy of a paper answered to) is a fourth section, decoded only
// when a rebuild needs it, so a key cited before a restart keeps resolving after it.
import type { Corpus } from '../core/corpus/corpus';
import type { KeyMemory } from '../core/corpus/keys';
import type { Paper, ParseResult, PaperRecord, Problem } from '../core/corpus/model';

/** Bump whenever the shape of parse results or papers changes: old caches are then ignored. */
export const CACHE_VERSION = 7; // 6: BibTeX entries keep their titles as written (publication.bibtex), not pandoc's sentence case; 7: with their subtitles and title additions
const MAGIC = 0x4c4e4331; // "LNC1"
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

/** Moves abstracts into one blob: each object's abstract becomes [start, length] in `abstractRef`. */
class AbstractBlob {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly seen = new Map<string, [number, number]>();

  strip<T extends WithAbstract>(item: T): Omit<T, 'abstract'> & { abstractRef?: [number, number] } {
    const { abstract, ...rest } = item;
    if (abstract === undefined) return rest;
    let ref = this.seen.get(abstract);
    if (!ref) {
      ref = [this.length, abstract.length];
      this.parts.push(abstract);
      this.length += abstract.length;
      this.seen.set(abstract, ref);
    }
    return { ...rest, abstractRef: ref };
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Layout: magic, version, four lengths; the corpus JSON, the files JSON, the abstracts blob, the key memory JSON. */
export function encodeCache(data: CorpusCacheData): Uint8Array {
  const blob = new AbstractBlob();
  const corpusJson = JSON.stringify({ version: CACHE_VERSION, corpus: data.corpus && { ...data.corpus, papers: data.corpus.papers.map((p) => blob.strip(p)) } });
  const filesJson = JSON.stringify(data.files().map((f) => ({ ...f, result: { records: f.result.records.map((r) => blob.strip(r)), problems: f.result.problems } })));
  const encoder = new TextEncoder();
  const memory = data.keyMemory?.();
  const memoryJson = memory ? JSON.stringify([...memory]) : '[]';
  const sections = [encoder.encode(corpusJson), encoder.encode(filesJson), encoder.encode(blob.text()), encoder.encode(memoryJson)];
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
    const abstracts = decoder.decode(bytes.subarray(blobStart, memoryStart));
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

function restoreAbstract<T>(item: T & { abstractRef?: unknown }, abstracts: string): T {
  const ref = item.abstractRef;
  if (ref === undefined) return item;
  if (!Array.isArray(ref) || typeof ref[0] !== 'number' || typeof ref[1] !== 'number' || ref[0] + ref[1] > abstracts.length) throw new Error('bad abstract');
  delete item.abstractRef;
  (item as WithAbstract).abstract = abstracts.slice(ref[0], ref[0] + ref[1]);
  return item;
}

const isKey = (f: Record<string, unknown>) => typeof f.path === 'string' && typeof f.size === 'number' && typeof f.mtimeMs === 'number' && typeof f.hash === 'string';
const isProblems = (p: unknown): p is Problem[] => Array.isArray(p) && p.every((x) => typeof x?.file === 'string' && typeof x?.line === 'number' && typeof x?.message === 'string');
const isPaperLike = (p: Record<string, unknown>) => typeof p?.title === 'string' && Array.isArray(p.topics) && typeof p.date === 'object' && p.date !== null;

function checkFiles(raw: unknown, abstracts: string): CachedFile[] | undefined {
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

function checkCorpus(raw: unknown, abstracts: string): CachedCorpus | undefined {
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
