// The warm start's fast path: the merged corpus exactly as the corpus worker sends it to the
// service (packed: papers as JSON without abstracts, all abstracts as one string), saved next to
// the per-file cache for the exact list of corpus files it came from. When nothing changed, the
// worker reads it and sends it on as it is: no decoding into objects and packing again, which at
// 100,000 papers was most of a warm start. Anything unexpected counts as no cache.
import { CACHE_VERSION, sameKey, type FileKey } from './corpusCache';
import type { PackedCorpusLoad } from './corpusTransfer';

const MAGIC = 0x4c4e5031; // "LNP1"
/** magic, version, the byte lengths of: meta JSON, papers JSON, problems JSON, abstracts, abstract lengths; a checksum of the rest. */
const HEADER_BYTES = 32;

/**
 * A 32-bit checksum of the bytes, a word at a time (tens of milliseconds for 100,000 papers): a
 * flipped byte in an abstract or a title would otherwise be served as the paper's text.
 */
function checksum(bytes: Uint8Array): number {
  // A copy when unaligned (new Uint8Array copies; a Node Buffer's slice() would not).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  let hash = 0x9e3779b9 ^ bytes.length;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193) + i;
  for (let i = words.length * 4; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash | 0;
}

interface Meta {
  files: FileKey[];
  problemLineLengths: PackedCorpusLoad['problemLineLengths'];
}

export function encodePackedCorpus(files: FileKey[], packed: PackedCorpusLoad): Uint8Array {
  const encoder = new TextEncoder();
  const meta: Meta = { files, problemLineLengths: packed.problemLineLengths };
  const lengths = new Uint8Array(packed.abstractLengths.buffer, packed.abstractLengths.byteOffset, packed.abstractLengths.byteLength);
  const sections = [encoder.encode(JSON.stringify(meta)), encoder.encode(packed.papers), encoder.encode(packed.problems), encoder.encode(packed.abstracts), lengths];
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
  view.setInt32(28, checksum(out.subarray(HEADER_BYTES)));
  return out;
}

/** The packed corpus if it was saved for exactly these files (same paths, sizes, times, contents). */
export function decodePackedCorpus(bytes: Uint8Array | undefined, files: FileKey[]): PackedCorpusLoad | undefined {
  if (!bytes || bytes.length < HEADER_BYTES) return undefined;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC || view.getUint32(4) !== CACHE_VERSION) return undefined;
    const lengths = [0, 1, 2, 3, 4].map((i) => view.getUint32(8 + 4 * i));
    if (HEADER_BYTES + lengths.reduce((a, b) => a + b, 0) !== bytes.length || lengths[4] % 4 !== 0) return undefined;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const starts = lengths.map((_, i) => HEADER_BYTES + lengths.slice(0, i).reduce((a, b) => a + b, 0));
    const section = (i: number) => bytes.subarray(starts[i], starts[i] + lengths[i]);
    const meta = JSON.parse(decoder.decode(section(0))) as Meta;
    if (!Array.isArray(meta?.files) || meta.files.length !== files.length || !meta.files.every((k, i) => sameKey(k, files[i]))) return undefined;
    if (!Array.isArray(meta.problemLineLengths)) return undefined;
    if (view.getInt32(28) !== checksum(bytes.subarray(HEADER_BYTES))) return undefined;
    // Copied out: the lengths must be 4-byte aligned and transferable on their own.
    const abstractLengths = new Int32Array(new Uint8Array(section(4)).buffer);
    return {
      papers: decoder.decode(section(1)),
      problems: decoder.decode(section(2)),
      abstracts: decoder.decode(section(3)),
      abstractLengths,
      problemLineLengths: meta.problemLineLengths,
      heldShrunk: false,
      fromCache: files.length,
      warnings: [],
    };
  } catch {
    return undefined;
  }
}
