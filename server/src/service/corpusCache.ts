// The warm-start cache: each corpus file's parse result, keyed by its path, size, mtime and a
// content fingerprint, plus the merged corpus for the exact set of files it came from. Stored
// as one file: a header, the structure as JSON, and every abstract in one UTF-8 blob (abstracts
// are most of the bytes; one blob decodes in one pass and each abstract is a slice of it).
// Anything unexpected (wrong magic or version, a length that does not add up, bad JSON, a
// field of the wrong shape) makes the whole cache count as absent: it is rebuilt, never trusted.
import type { Corpus } from '../core/corpus/corpus';
import type { Paper, ParseResult, PaperRecord, Problem } from '../core/corpus/model';

/** Bump whenever the shape of parse results or papers changes: old caches are then ignored. */
export const CACHE_VERSION = 1;
const MAGIC = 0x4c4e4331; // "LNC1"
const HEADER_BYTES = 16;

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

export interface CorpusCacheData {
  files: CachedFile[];
  /** The merged corpus of exactly these files (in this order), if it was saved. */
  corpus?: { files: FileKey[]; papers: Paper[]; problems: Problem[] };
}

export function sameKey(a: FileKey, b: FileKey): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.hash === b.hash;
}

/** Papers sorted by key with their aliases, as corpusFromRecords leaves them, to a Corpus. */
export function corpusFromPapers(papers: Paper[], problems: Problem[]): Corpus {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) {
    byKey.set(paper.key, paper);
    for (const alias of paper.aliases) byKey.set(alias, paper);
  }
  return { papers, byKey, problems };
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

export function encodeCache(data: CorpusCacheData): Uint8Array {
  const blob = new AbstractBlob();
  const json = JSON.stringify({
    version: CACHE_VERSION,
    files: data.files.map((f) => ({ ...f, result: { records: f.result.records.map((r) => blob.strip(r)), problems: f.result.problems } })),
    corpus: data.corpus && { ...data.corpus, papers: data.corpus.papers.map((p) => blob.strip(p)) },
  });
  const encoder = new TextEncoder();
  const jsonBytes = encoder.encode(json);
  const blobBytes = encoder.encode(blob.text());
  const out = new Uint8Array(HEADER_BYTES + jsonBytes.length + blobBytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, CACHE_VERSION);
  view.setUint32(8, jsonBytes.length);
  view.setUint32(12, blobBytes.length);
  out.set(jsonBytes, HEADER_BYTES);
  out.set(blobBytes, HEADER_BYTES + jsonBytes.length);
  return out;
}

/** The cache's content, or undefined when it is absent, old, cut short or corrupt. */
export function decodeCache(bytes: Uint8Array | undefined): CorpusCacheData | undefined {
  if (!bytes || bytes.length < HEADER_BYTES) return undefined;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC || view.getUint32(4) !== CACHE_VERSION) return undefined;
    const jsonLength = view.getUint32(8);
    const blobLength = view.getUint32(12);
    if (HEADER_BYTES + jsonLength + blobLength !== bytes.length) return undefined;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const raw = JSON.parse(decoder.decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))) as unknown;
    const abstracts = decoder.decode(bytes.subarray(HEADER_BYTES + jsonLength));
    return checkShape(raw, abstracts);
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

function checkShape(raw: unknown, abstracts: string): CorpusCacheData | undefined {
  const data = raw as { version?: unknown; files?: unknown; corpus?: { files?: unknown; papers?: unknown; problems?: unknown } };
  if (data?.version !== CACHE_VERSION || !Array.isArray(data.files)) return undefined;
  const files: CachedFile[] = [];
  for (const f of data.files as Record<string, unknown>[]) {
    const result = f?.result as { records?: unknown; problems?: unknown } | undefined;
    if (!isKey(f) || !result || !Array.isArray(result.records) || !isProblems(result.problems) || !Array.isArray(f.lineLengths)) return undefined;
    const records = (result.records as Record<string, unknown>[]).map((r) => {
      if (!isPaperLike(r) || typeof (r.source as { file?: unknown })?.file !== 'string') throw new Error('bad record');
      return restoreAbstract(r, abstracts) as unknown as PaperRecord;
    });
    files.push({ ...(f as unknown as FileKey), result: { records, problems: result.problems }, lineLengths: f.lineLengths as [number, number][] });
  }
  let corpus: CorpusCacheData['corpus'];
  const c = data.corpus;
  if (c !== undefined && c !== null) {
    if (!Array.isArray(c.files) || !c.files.every((k) => isKey(k as Record<string, unknown>)) || !Array.isArray(c.papers) || !isProblems(c.problems)) return undefined;
    const papers = (c.papers as Record<string, unknown>[]).map((p) => {
      if (!isPaperLike(p) || typeof p.key !== 'string' || !Array.isArray(p.aliases) || !Array.isArray(p.sources)) throw new Error('bad paper');
      return restoreAbstract(p, abstracts) as unknown as Paper;
    });
    corpus = { files: c.files as FileKey[], papers, problems: c.problems };
  }
  return { files, corpus };
}
