// The warm start's fast path: the merged corpus exactly as the corpus worker sends it to the
// service (packed: papers as JSON without abstracts, all abstracts as one string) and its search
// index (snapshot), saved next to the per-file cache for the exact list of corpus files it came
// from. When nothing changed, the worker reads it and sends it on as it is: no decoding into
// objects, packing again or indexing, which at 100,000 papers was nearly all of a warm start.
// What "ready" does not need is in two more files, read and sent just after it: the abstract
// words' postings (51 MB of the index's 65 MB at 100k papers; until they arrive queries match
// all but abstracts, as after a cold start) and the abstract texts (150 MB). Each names the
// corpus file by its checksum. A checksum covers every byte of each file; anything unexpected
// counts as no cache.
import { createHash } from 'node:crypto';
import { decodeSearchSnapshot, encodeSearchSnapshot, type SearchSnapshot } from '../core/search/snapshot';
import { CACHE_VERSION, sameKey, type FileKey } from './corpusCache';
import { abstractsFit, decodeChunkList, encodeChunkList, type PackedCorpusLoad } from './corpusTransfer';

// The checksum changed with LNP6 / LNA3 / LNI2 (SHA-256, was a JS hash): older files are refused and rebuilt.
const MAGIC = 0x4c4e5036; // "LNP6": the index without abstract words
const ABSTRACTS_MAGIC = 0x4c4e4133; // "LNA3": the abstracts in chunks (LNA1, one string, is refused)
const ABSTRACT_INDEX_MAGIC = 0x4c4e4932; // "LNI2"
/** The abstracts and abstract-index files: magic, version, the corpus file's checksum (which corpus they belong to), their own checksum. */
const ABSTRACTS_HEADER = 16;
/** magic, version, checksum of the sections, section count; then each section's byte length. */
const FIXED_HEADER = 16;

interface Meta {
  files: FileKey[];
  /** The workspace key files the corpus was loaded with (keyFilesStamp): they add keys to papers. */
  keyFiles: string;
  problemLineLengths: PackedCorpusLoad['problemLineLengths'];
}

export interface PackedCorpusCache {
  packed: PackedCorpusLoad;
  search?: SearchSnapshot;
}

/** The files of a packed cache. */
export interface EncodedPackedCorpus {
  corpus: Uint8Array;
  /** Absent when the packed corpus came without its abstracts (they stay as they were written). */
  abstracts?: Uint8Array;
  /** The search index's abstract words, when it has them. */
  abstractIndex?: Uint8Array;
}

export interface DecodedPackedCorpus extends PackedCorpusCache {
  /** Names this corpus file: its abstracts file must say the same (decodePackedAbstracts). */
  id: number;
}

/**
 * A 32-bit checksum of the bytes (the first word of their SHA-256): a flipped byte in an abstract
 * or a title would otherwise be served as the paper's text. Native: 19 ms for the 33 MB packed
 * file at 100k papers, where the former hash in JS took 38–48 ms in the worker's first run of it
 * (code not yet optimised), on the path to a warm "ready".
 */
function checksum(bytes: Uint8Array): number {
  const digest = createHash('sha256').update(bytes).digest();
  return digest.readInt32BE(0);
}

const bytesOf = (array: Int32Array | Uint8Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

export function encodePackedCorpus(files: FileKey[], { packed, search }: PackedCorpusCache, keyFiles = ''): EncodedPackedCorpus {
  const encoder = new TextEncoder();
  const meta: Meta = { files, keyFiles, problemLineLengths: packed.problemLineLengths };
  const sections = [
    encoder.encode(JSON.stringify(meta)),
    encoder.encode(packed.papers),
    encoder.encode(packed.problems),
    bytesOf(packed.abstractLengths),
    ...(search ? [encodeSearchSnapshot({ ...search, abstracts: undefined })] : []),
  ];
  // Each section starts on a multiple of 4, so typed arrays can be read where they lie.
  const padded = (n: number) => (n + 3) & ~3;
  const headerBytes = FIXED_HEADER + 4 * sections.length;
  const out = new Uint8Array(headerBytes + sections.reduce((n, b) => n + padded(b.length), 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, CACHE_VERSION);
  view.setUint32(12, sections.length);
  let offset = headerBytes;
  sections.forEach((bytes, i) => {
    view.setUint32(FIXED_HEADER + 4 * i, bytes.length);
    out.set(bytes, offset);
    offset += padded(bytes.length);
  });
  const id = checksum(out.subarray(headerBytes));
  view.setInt32(8, id);
  return {
    corpus: out,
    abstracts: packed.abstracts === undefined ? undefined : encodePackedAbstracts(id, packed.abstracts),
    abstractIndex: search?.abstracts && encodePackedAbstractIndex(id, search),
  };
}

/**
 * The abstracts file of the packed corpus `id`: the chunk count, each chunk's byte length, then
 * each chunk as UTF-8 (as packAbstracts made them: one string of all abstracts cannot exist past
 * V8's string limit, 2^29 - 24 characters).
 */
export function encodePackedAbstracts(id: number, chunks: Uint8Array[]): Uint8Array {
  return companionFile(ABSTRACTS_MAGIC, id, encodeChunkList(chunks));
}

/** The abstract words of the packed corpus `id`'s search index (`search` with abstracts). */
export function encodePackedAbstractIndex(id: number, search: SearchSnapshot): Uint8Array {
  // A snapshot of the abstract words alone: decodeSearchSnapshot wants every part, the others are empty.
  const none = { text: '', ends: new Int32Array(0) };
  const words: SearchSnapshot = { ...search, named: { vocabulary: none, offsets: Int32Array.of(0), papers: new Int32Array(0), fields: new Uint8Array(0) }, keys: none, keyPapers: new Int32Array(0) };
  return companionFile(ABSTRACT_INDEX_MAGIC, id, encodeSearchSnapshot(words));
}

function companionFile(magic: number, id: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(ABSTRACTS_HEADER + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, CACHE_VERSION);
  view.setInt32(8, id);
  view.setInt32(12, checksum(body));
  out.set(body, ABSTRACTS_HEADER);
  return out;
}

/** The body of a file written by companionFile for the packed corpus `id`, if intact. */
function companionBody(bytes: Uint8Array | undefined, magic: number, id: number): Uint8Array | undefined {
  if (!bytes || bytes.length < ABSTRACTS_HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic || view.getUint32(4) !== CACHE_VERSION || view.getInt32(8) !== id) return undefined;
  const body = bytes.subarray(ABSTRACTS_HEADER);
  return view.getInt32(12) === checksum(body) ? body : undefined;
}

/** The abstract words of the packed corpus `id`'s index, if intact, and the buffer they lie in (transferable). */
export function decodePackedAbstractIndex(bytes: Uint8Array | undefined, id: number): { search: SearchSnapshot; transferable?: ArrayBuffer } | undefined {
  try {
    const body = companionBody(bytes, ABSTRACT_INDEX_MAGIC, id);
    // At an offset of 16 in a buffer of its own (a file read whole): aligned, nobody else's.
    const owned = bytes !== undefined && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const search = body && decodeSearchSnapshot(owned ? body : new Uint8Array(body));
    if (!search?.abstracts) return undefined;
    return { search, transferable: search.abstracts.papers.buffer instanceof ArrayBuffer ? search.abstracts.papers.buffer : undefined };
  } catch {
    return undefined;
  }
}

/** A packed cache read and checked whole, before anyone asks whether it is for the corpus files of now. */
export interface ReadPackedCorpus extends DecodedPackedCorpus {
  /** The corpus files and key files it was saved for. */
  files: FileKey[];
  keyFiles: string;
  /**
   * The buffer the search index's arrays lie in, when nothing else does (the file as read):
   * it can be transferred to the server thread instead of copied (65 MB at 100k papers).
   */
  transferable?: ArrayBuffer;
}

/**
 * The packed corpus (and search index) if saved for exactly these files (same paths, sizes, times,
 * contents) and key files. Its `abstracts` are not in it: decodePackedAbstracts reads them from the other file.
 */
export function decodePackedCorpus(bytes: Uint8Array | undefined, files: FileKey[], keyFiles = ''): DecodedPackedCorpus | undefined {
  const read = readPackedCorpus(bytes);
  return read && packedCorpusFits(read, files, keyFiles) ? read : undefined;
}

/** Whether a packed cache was saved for exactly these corpus files (path, size, mtime, fingerprint) and key files. */
export function packedCorpusFits(read: ReadPackedCorpus, files: FileKey[], keyFiles = ''): boolean {
  return read.files.length === files.length && read.files.every((k, i) => sameKey(k, files[i])) && read.keyFiles === keyFiles;
}

/**
 * The packed cache's content if it is whole (magic, version, layout, checksum over every byte);
 * which files it is for is packedCorpusFits' question. Split so the corpus worker can read it
 * as soon as the cache folder is known, while the server is still starting.
 */
export function readPackedCorpus(bytes: Uint8Array | undefined): ReadPackedCorpus | undefined {
  if (!bytes || bytes.length < FIXED_HEADER) return undefined;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC || view.getUint32(4) !== CACHE_VERSION) return undefined;
    const count = view.getUint32(12);
    if (count < 4 || count > 5) return undefined;
    const headerBytes = FIXED_HEADER + 4 * count;
    const lengths = Array.from({ length: count }, (_, i) => view.getUint32(FIXED_HEADER + 4 * i));
    const starts: number[] = [];
    let end = headerBytes;
    for (const length of lengths) {
      starts.push(end);
      end += (length + 3) & ~3;
    }
    if (end !== bytes.length) return undefined;
    const section = (i: number) => bytes.subarray(starts[i], starts[i] + lengths[i]);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const meta = JSON.parse(decoder.decode(section(0))) as Meta;
    if (!Array.isArray(meta?.files) || !meta.files.every((k) => isFileKey(k)) || typeof meta.keyFiles !== 'string' || !Array.isArray(meta.problemLineLengths)) return undefined;
    const id = view.getInt32(8);
    if (id !== checksum(bytes.subarray(headerBytes))) return undefined;
    // The abstract lengths are copied out: the loader keeps them after the rest has gone to the server.
    if (lengths[3] % 4 !== 0) return undefined;
    const abstractLengths = new Int32Array(new Uint8Array(section(3)).buffer);
    const packed: PackedCorpusLoad = {
      papers: decoder.decode(section(1)),
      problems: decoder.decode(section(2)),
      abstractLengths,
      problemLineLengths: meta.problemLineLengths,
      heldShrunk: false,
      fromCache: meta.files.length,
      fromPackedCache: true,
      warnings: [],
    };
    // The index's arrays are views on the bytes as read when those are a buffer of their own and
    // aligned (a file read whole is); otherwise on a copy of their section, which is then theirs.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const searchBytes = count === 5 ? (owned ? section(4) : new Uint8Array(section(4))) : undefined;
    // Its own parts are checked again where it is restored (PaperSearch.fromSnapshot).
    const search = searchBytes && decodeSearchSnapshot(searchBytes);
    const transferable = searchBytes?.buffer instanceof ArrayBuffer ? searchBytes.buffer : undefined;
    return { packed, search, id, files: meta.files, keyFiles: meta.keyFiles, transferable };
  } catch {
    return undefined;
  }
}

const isFileKey = (k: unknown): k is FileKey => {
  const f = k as Record<string, unknown> | null;
  return typeof f?.path === 'string' && typeof f.size === 'number' && typeof f.mtimeMs === 'number' && typeof f.hash === 'string';
};

/**
 * The abstracts of the packed corpus `id`, in their UTF-8 chunks (views on `bytes`), if intact and
 * exactly of the given lengths (-1: none). Not decoded: the thread that gives papers their
 * abstracts decodes them (attachAbstracts).
 */
export function decodePackedAbstracts(bytes: Uint8Array | undefined, id: number, lengths: Int32Array): Uint8Array[] | undefined {
  try {
    const body = companionBody(bytes, ABSTRACTS_MAGIC, id);
    const abstracts = body && decodeChunkList(body);
    return abstracts && abstractsFit({ abstracts, lengths }) ? abstracts : undefined;
  } catch {
    return undefined;
  }
}
