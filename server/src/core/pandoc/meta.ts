// What a note's YAML front matter tells Pandoc and Quarto about its citations: its own
// bibliography files, inline references, the citation style, nocite. Lines are 0-based note lines.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface MetaPath {
  /** As written, relative to the note (or absolute). */
  path: string;
  /** 0-based line of the note where it is written. */
  line: number;
}

export interface PandocMeta {
  bibliography: MetaPath[];
  /** Inline CSL items (`references:`), as written. */
  references: unknown[];
  /** 0-based line of `references:`. */
  referencesLine: number;
  csl?: MetaPath;
  /** Keys from `nocite:`; "*" means every entry of the note's bibliographies. */
  nocite: string[];
  /** `reference-section-title:`, the heading Pandoc puts over the reference list. */
  referenceSectionTitle?: string;
  /** 0-based first and last line of the front matter (the `---` lines), when there is one. */
  block?: { start: number; end: number };
  /** YAML that does not parse, with its line. */
  problems: { line: number; message: string }[];
}

const EMPTY: PandocMeta = { bibliography: [], references: [], referencesLine: 0, nocite: [], problems: [] };

/** The front matter block of a note: text between a first `---` line and `---` or `...`. */
export function frontMatterBlock(text: string): { start: number; end: number; yaml: string } | undefined {
  if (!/^---[ \t]*\r?\n/.test(text)) return undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return { start: 0, end: i, yaml: lines.slice(1, i).join('\n') };
  }
  return undefined;
}

export function readPandocMeta(text: string): PandocMeta {
  const block = frontMatterBlock(text);
  if (!block || !/\b(bibliography|references|csl|nocite|reference-section-title)\s*:/.test(block.yaml)) return { ...EMPTY, block };
  const lineCounter = new LineCounter();
  const doc = parseDocument(block.yaml, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const lineOf = (node: Node | null | undefined, fallback = 0): number => (node?.range ? lineCounter.linePos(node.range[0]).line : fallback);
  const meta: PandocMeta = { ...EMPTY, bibliography: [], nocite: [], problems: [], block };
  for (const error of doc.errors) meta.problems.push({ line: (error.linePos?.[0].line ?? 1) + block.start, message: `front matter is not valid YAML: ${error.message.split('\n')[0]}` });
  if (!isMap(doc.contents)) return meta;
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value as Node | null;
    const line = lineOf(value, lineOf(pair.key as Node)) + block.start;
    if (name === 'bibliography') {
      const nodes = isSeq(value) ? value.items : [value];
      for (const node of nodes) {
        if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) meta.bibliography.push({ path: node.value.trim(), line: lineOf(node as Node) + block.start });
      }
    } else if (name === 'references' && isSeq(value)) {
      meta.references = (value.toJSON() as unknown[]).filter((item) => typeof item === 'object' && item !== null);
      meta.referencesLine = lineOf(pair.key as Node) + block.start;
    } else if (name === 'csl' && isScalar(value) && typeof value.value === 'string' && value.value.trim()) {
      meta.csl = { path: value.value.trim(), line };
    } else if (name === 'nocite') {
      const raw = isSeq(value) ? value.items.map((n) => (isScalar(n) ? String(n.value) : '')).join(' ') : isScalar(value) ? String(value.value) : '';
      for (const match of raw.matchAll(/@(\*|[\p{L}\p{N}_][^\s,;\]]*)/gu)) meta.nocite.push(match[1]);
    } else if (name === 'reference-section-title' && isScalar(value)) {
      meta.referenceSectionTitle = String(value.value);
    }
  }
  return meta;
}
