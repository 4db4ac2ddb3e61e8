// The search index as plain data, so a warm start restores it instead of building it again
// (at 100k papers a build is seconds of CPU; a restore is views on a few buffers).
//
// API (PaperSearch in search.ts):
//   const snapshot = search.snapshot();                      // plain data: strings and typed arrays
//   const bytes = encodeSearchSnapshot(snapshot);            // one Uint8Array, for a cache file
//   const back = decodeSearchSnapshot(bytes);                // undefined when cut short or corrupt
//   const restored = back && PaperSearch.fromSnapshot(papers, back, { deferAbstracts: true });
//   // undefined when the snapshot is of other papers or does not hold together: build instead.
// A snapshot taken before abstracts were indexed restores without them (index them as after a
// build); one taken after restores them too. The papers must be the same, in the same order.
import type { Paper } from '../corpus/model';
import type { PostingIndex } from './postings';

/** Bump when the index's layout or what it indexes changes: older snapshots are then refused. */
export const SEARCH_SNAPSHOT_VERSION = 1;

/** Many strings as one: string i is text.slice(ends[i - 1] ?? 0, ends[i]). */
export interface PackedStrings {
  text: string;
  ends: Int32Array;
}

export interface PostingSnapshot {
  vocabulary: PackedStrings;
  offsets: Int32Array;
  papers: Int32Array;
  fields: Uint8Array;
}

export interface SearchSnapshot {
  version: number;
  /** The papers it was built for: their number and a hash of what the index reads of them. */
  paperCount: number;
  fingerprint: string;
  /** Keys, titles, authors and years. */
  named: PostingSnapshot;
  /** Abstract words; absent when the snapshot was taken before they were indexed. */
  abstracts?: PostingSnapshot;
  /** Lowercase keys and aliases, sorted, and the paper of each. */
  keys: PackedStrings;
  keyPapers: Int32Array;
}

export function packStrings(strings: string[]): PackedStrings {
  const ends = new Int32Array(strings.length);
  let end = 0;
  strings.forEach((s, i) => (ends[i] = end += s.length));
  return { text: strings.join(''), ends };
}

export function unpackStrings({ text, ends }: PackedStrings): string[] {
  const out = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.slice(start, ends[i]);
    start = ends[i];
  }
  return out;
}

export function postingSnapshot(index: PostingIndex): PostingSnapshot {
  return { vocabulary: packStrings(index.vocabulary), offsets: index.offsets, papers: index.papers, fields: index.fields };
}

/**
 * The postings of a snapshot, or undefined when they do not hold together (ends or offsets out
 * of order or range, a paper or field out of range): a search on them could read past an array,
 * so such a snapshot is refused, never used. The vocabulary's order is not checked (comparing
 * 300,000 words would cost a third of the restore): out of order it could only make a search
 * miss words, never fail or loop, and the snapshot is what this code wrote.
 */
export function restorePostings(snapshot: PostingSnapshot, paperCount: number, fieldCount: number): PostingIndex | undefined {
  const { vocabulary, offsets, papers, fields } = snapshot;
  if (!validPacked(vocabulary) || offsets.length !== vocabulary.ends.length + 1 || papers.length !== fields.length) return undefined;
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== papers.length) return undefined;
  for (let t = 1; t < offsets.length; t++) if (offsets[t] < offsets[t - 1]) return undefined;
  for (let k = 0; k < papers.length; k++) if (papers[k] >>> 0 >= paperCount) return undefined;
  for (let k = 0; k < fields.length; k++) if (fields[k] >= fieldCount) return undefined;
  return { vocabulary: unpackStrings(vocabulary), offsets, papers, fields };
}

export function validPacked({ text, ends }: PackedStrings): boolean {
  let previous = 0;
  for (let i = 0; i < ends.length; i++) {
    if (ends[i] < previous) return false;
    previous = ends[i];
  }
  return previous === text.length;
}

/**
 * What tells these papers from others, cheaply (it is computed on every restore): each paper's
 * key and aliases in order, and the length of its title, of each author's family name and of
 * its abstract, its title's first, middle and last letters and its year. Another corpus, order,
 * key or a field of another length gives another fingerprint; an edit that keeps a title's or
 * an abstract's length does not (the warm-start cache already keys the corpus by its files).
 * Hashing every title and abstract letter would cost most of what the restore saves.
 */
export function papersFingerprint(papers: Paper[], abstractLengths?: Int32Array): string {
  const state = new Int32Array([0x811c9dc5, 0x9747b28c]);
  const numbers = new Int32Array(4);
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    mixText(state, paper.key);
    for (const alias of paper.aliases) mixText(state, alias);
    const title = paper.title;
    const authors = paper.authors ?? [];
    numbers[0] = title.length * 65536 + (title.charCodeAt(0) | 0);
    numbers[1] = (title.charCodeAt(title.length >> 1) | 0) * 65536 + (title.charCodeAt(title.length - 1) | 0);
    numbers[2] = (paper.date.year ?? -1) * 1024 + authors.length;
    numbers[3] = abstractLengths ? abstractLengths[i] : (paper.abstract?.length ?? -1);
    mixNumbers(state, numbers);
    for (const author of authors) mixNumber(state, author.family.length);
  }
  return [...new Uint32Array(state.buffer)].map((h) => h.toString(16).padStart(8, '0')).join('');
}

function mixText(state: Int32Array, text: string): void {
  let h1 = state[0];
  let h2 = state[1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  // A separator, so "ab" + "c" and "a" + "bc" differ.
  state[0] = Math.imul(h1 ^ 0x1f, 0x01000193);
  state[1] = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
}

function mixNumbers(state: Int32Array, numbers: Int32Array): void {
  for (let i = 0; i < numbers.length; i++) mixNumber(state, numbers[i]);
}

function mixNumber(state: Int32Array, n: number): void {
  state[0] = Math.imul(state[0] ^ n, 0x01000193);
  const h2 = Math.imul(state[1] ^ n, 0x5bd1e995);
  state[1] = h2 ^ (h2 >>> 15);
}

// --- bytes ------------------------------------------------------------------------------------
// Layout: magic (4 bytes), the JSON header's length (4), the header (UTF-8), then each section
// at a multiple of 4 bytes: typed arrays in the machine's byte order (refused on a machine of
// the other order, where the magic reads differently), strings in UTF-8.

const MAGIC = 0x31534e4c; // "LNS1" read little-endian
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

type SectionKind = 'i32' | 'u8' | 'str';
interface SectionHeader {
  name: string;
  kind: SectionKind;
  bytes: number;
  /** Strings: their length in UTF-16 code units, checked after decoding. */
  length?: number;
}
interface Header {
  version: number;
  paperCount: number;
  fingerprint: string;
  sections: SectionHeader[];
}

function sectionsOf(snapshot: SearchSnapshot): [string, Int32Array | Uint8Array | string][] {
  const postings = (name: string, p: PostingSnapshot): [string, Int32Array | Uint8Array | string][] => [
    [`${name}.vocabulary.text`, p.vocabulary.text],
    [`${name}.vocabulary.ends`, p.vocabulary.ends],
    [`${name}.offsets`, p.offsets],
    [`${name}.papers`, p.papers],
    [`${name}.fields`, p.fields],
  ];
  return [
    ...postings('named', snapshot.named),
    ...(snapshot.abstracts ? postings('abstracts', snapshot.abstracts) : []),
    ['keys.text', snapshot.keys.text],
    ['keys.ends', snapshot.keys.ends],
    ['keyPapers', snapshot.keyPapers],
  ];
}

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeSearchSnapshot(snapshot: SearchSnapshot): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('search snapshots are written on little-endian machines only');
  const encoder = new TextEncoder();
  const parts = sectionsOf(snapshot).map(([name, value]) => {
    const bytes = typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const kind: SectionKind = typeof value === 'string' ? 'str' : value instanceof Int32Array ? 'i32' : 'u8';
    return { header: { name, kind, bytes: bytes.length, ...(typeof value === 'string' ? { length: value.length } : {}) }, bytes };
  });
  const header: Header = { version: snapshot.version, paperCount: snapshot.paperCount, fingerprint: snapshot.fingerprint, sections: parts.map((p) => p.header) };
  const headerBytes = encoder.encode(JSON.stringify(header));
  let offset = pad4(8 + headerBytes.length);
  const out = new Uint8Array(offset + parts.reduce((n, p) => n + pad4(p.bytes.length), 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  for (const part of parts) {
    out.set(part.bytes, offset);
    offset += pad4(part.bytes.length);
  }
  return out;
}

/**
 * The snapshot in `bytes`, or undefined when they are not one (cut short, corrupt, another
 * version or byte order). Typed arrays are views on `bytes` where aligned (copies elsewhere),
 * so keep `bytes` unchanged while the index lives. Whether it fits the papers is checked by
 * PaperSearch.fromSnapshot.
 */
export function decodeSearchSnapshot(bytes: Uint8Array): SearchSnapshot | undefined {
  try {
    if (!LITTLE_ENDIAN || bytes.length < 8) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) return undefined;
    const headerLength = view.getUint32(4, true);
    if (8 + headerLength > bytes.length) return undefined;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as Header;
    if (header?.version !== SEARCH_SNAPSHOT_VERSION || typeof header.paperCount !== 'number' || typeof header.fingerprint !== 'string' || !Array.isArray(header.sections)) return undefined;
    const values = new Map<string, Int32Array | Uint8Array | string>();
    let offset = pad4(8 + headerLength);
    for (const section of header.sections) {
      const size = section?.bytes;
      if (typeof size !== 'number' || size < 0 || offset + size > bytes.length) return undefined;
      const slice = bytes.subarray(offset, offset + size);
      if (section.kind === 'str') {
        const text = decoder.decode(slice);
        if (text.length !== section.length) return undefined;
        values.set(section.name, text);
      } else if (section.kind === 'u8') values.set(section.name, slice);
      else if (section.kind === 'i32' && size % 4 === 0) {
        // A copy where unaligned: new Uint8Array copies, where a Node Buffer's slice() would not.
        const aligned = (bytes.byteOffset + offset) % 4 === 0 ? slice : new Uint8Array(slice);
        values.set(section.name, new Int32Array(aligned.buffer, aligned.byteOffset, size / 4));
      } else return undefined;
      offset += pad4(size);
    }
    if (offset !== bytes.length) return undefined;
    const str = (name: string) => expect(values.get(name), 'string');
    const i32 = (name: string) => expect(values.get(name), Int32Array);
    const u8 = (name: string) => expect(values.get(name), Uint8Array);
    const postings = (name: string): PostingSnapshot => ({
      vocabulary: { text: str(`${name}.vocabulary.text`), ends: i32(`${name}.vocabulary.ends`) },
      offsets: i32(`${name}.offsets`),
      papers: i32(`${name}.papers`),
      fields: u8(`${name}.fields`),
    });
    return {
      version: header.version,
      paperCount: header.paperCount,
      fingerprint: header.fingerprint,
      named: postings('named'),
      abstracts: values.has('abstracts.offsets') ? postings('abstracts') : undefined,
      keys: { text: str('keys.text'), ends: i32('keys.ends') },
      keyPapers: i32('keyPapers'),
    };
  } catch {
    return undefined;
  }
}

function expect<T>(value: unknown, type: { new (...args: never[]): T }): T;
function expect(value: unknown, type: 'string'): string;
function expect(value: unknown, type: 'string' | { new (...args: never[]): unknown }): unknown {
  if (type === 'string' ? typeof value !== 'string' : !(value instanceof type)) throw new Error('snapshot section missing or of another kind');
  return value;
}
