// Key memory across restarts. A build gives each paper the keys the previous build gave it
// (Corpus.keyMemory: copy fingerprint -> keys). Within a session the previous corpus carries
// it; across restarts the warm-start cache does, and `.litnotes/keys.json` in a workspace
// folder (a small file the user may commit, written only by the "Save Citation Key Memory"
// command) keeps the keys the notes cite, on any machine.
import * as path from 'node:path';
import type { Corpus } from '../core/corpus/corpus';
import type { KeyMemory } from '../core/corpus/keys';
import type { Paper, Problem } from '../core/corpus/model';
import type { LitHost } from './host';

/** Where the key file lives, relative to a workspace folder. */
export const KEY_FILE = path.join('.litnotes', 'keys.json');
const KEY_FILE_FORMAT = 'litnotes citation keys';
const MAX_KEY_FILE_BYTES = 8 * 1024 * 1024;

/** All memories as one, the earlier ones' keys first. */
export function joinMemories(...memories: (KeyMemory | undefined)[]): KeyMemory | undefined {
  const present = memories.filter((m): m is KeyMemory => m !== undefined && m.size > 0);
  if (present.length <= 1) return present[0];
  const joined: KeyMemory = new Map();
  for (const memory of present) {
    for (const [print, keys] of memory) {
      const known = joined.get(print);
      if (!known) joined.set(print, [...keys]);
      else for (const key of keys) if (!known.includes(key)) known.push(key);
    }
  }
  return joined;
}

/**
 * The key file's memory. Format: `{ "format": "litnotes citation keys", "version": 1, "papers":
 * [{ "keys": ["<its key>", "<other keys cited>"], "copies": ["<title>|<first author>|<year>"] }] }`.
 * Anything else is a problem on the file, and no memory from it.
 */
export function parseKeyFile(text: string, file: string): { memory?: KeyMemory; problems: Problem[] } {
  const problem = (message: string) => ({ problems: [{ file, line: 1, severity: 'warning' as const, message: `${message}; the key memory in it is not used` }] });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return problem(`not valid JSON (${(error as Error).message})`);
  }
  const papers = (raw as { papers?: unknown } | null)?.papers;
  if (!Array.isArray(papers)) return problem('no "papers" list');
  const memory: KeyMemory = new Map();
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((x) => typeof x === 'string');
  for (const [index, paper] of papers.entries()) {
    const { keys, copies } = (paper ?? {}) as { keys?: unknown; copies?: unknown };
    if (!strings(keys) || !strings(copies)) return problem(`paper ${index + 1} needs "keys" and "copies", lists of strings`);
    for (const print of copies) {
      const known = memory.get(print);
      if (!known) memory.set(print, [...keys]);
      else for (const key of keys) if (!known.includes(key)) known.push(key);
    }
  }
  return { memory, problems: [] };
}

/** The key files of the workspace folders, as one memory, and their problems. */
/** The workspace's key files as they are now (path, size, time; or absent): a packed cache holds for this stamp only. */
export function keyFilesStamp(host: LitHost, folders: string[]): string {
  return JSON.stringify(
    folders.map((folder) => {
      const file = path.join(folder, KEY_FILE);
      const stat = host.stat(file);
      return stat ? [file, stat.size, stat.mtimeMs] : [file];
    }),
  );
}

export function readKeyFiles(host: LitHost, folders: string[]): { memory?: KeyMemory; problems: Problem[] } {
  const memories: KeyMemory[] = [];
  const problems: Problem[] = [];
  for (const folder of folders) {
    const file = path.join(folder, KEY_FILE);
    const read = host.readNote(file, MAX_KEY_FILE_BYTES);
    if ('missing' in read) continue;
    if ('text' in read) {
      const parsed = parseKeyFile(read.text, file);
      if (parsed.memory) memories.push(parsed.memory);
      problems.push(...parsed.problems);
    } else {
      problems.push({ file, line: 1, severity: 'warning', message: 'tooLarge' in read ? `the key file is over ${MAX_KEY_FILE_BYTES} bytes; not used` : `cannot read the key file: ${read.error}` });
    }
  }
  return { memory: joinMemories(...memories), problems };
}

/**
 * The key file's text: every paper a note cites, with its key first, the other keys the notes
 * cite it by, and the fingerprints of its copies, so those keys keep resolving to it whatever
 * corpus files come and go. Sorted: a small, readable diff when it changes.
 */
export function keyFileText(corpus: Corpus, memory: KeyMemory | undefined, citedKeys: Iterable<string>): { text: string; keys: number } {
  const printsOf = new Map<string, string[]>();
  for (const [print, keys] of memory ?? []) {
    const prints = printsOf.get(keys[0]);
    if (prints) prints.push(print);
    else printsOf.set(keys[0], [print]);
  }
  const cited = new Map<Paper, Set<string>>();
  for (const key of citedKeys) {
    const paper = corpus.byKey.get(key);
    if (!paper) continue;
    const keys = cited.get(paper) ?? cited.set(paper, new Set([paper.key])).get(paper)!;
    keys.add(key);
  }
  const papers: { keys: string[]; copies: string[] }[] = [];
  let count = 0;
  for (const [paper, keys] of cited) {
    const copies = printsOf.get(paper.key);
    if (!copies) continue;
    const others = [...keys].filter((k) => k !== paper.key).sort();
    papers.push({ keys: [paper.key, ...others], copies: [...copies].sort() });
    count += keys.size;
  }
  papers.sort((a, b) => (a.keys[0] < b.keys[0] ? -1 : a.keys[0] > b.keys[0] ? 1 : 0));
  const text = `${JSON.stringify({ format: KEY_FILE_FORMAT, version: 1, papers }, null, 2)}\n`;
  return { text, keys: count };
}

/**
 * What a rebuild treats as the previous corpus: the current one, with a key memory made of the
 * current corpus's memory (or the one it came with from the cache), the cache's and the key
 * files', in that order (the first keeps each paper's key), read only if the build needs it
 * (a warm start with no change never does).
 */
export class RememberedKeys {
  /** The memory of a corpus taken whole from the cache, which has none of its own. */
  private carried?: () => KeyMemory | undefined;

  previous(corpus: Corpus, files: KeyMemory | undefined, cached: (() => KeyMemory | undefined) | undefined): Corpus {
    const carried = this.carried;
    let memory: KeyMemory | undefined | null = null;
    const keyMemory = () => (memory === null ? (memory = joinMemories(corpus.keyMemory ?? carried?.(), cached?.(), files)) : memory);
    return {
      papers: corpus.papers,
      byKey: corpus.byKey,
      problems: corpus.problems,
      get keyMemory() {
        return keyMemory();
      },
    };
  }

  /** After a build: a corpus without a memory of its own keeps the previous one for the next build. */
  built(corpus: Corpus, previous: Corpus): void {
    this.carried = corpus.keyMemory ? undefined : () => previous.keyMemory;
  }

  /** The memory the current corpus stands for (its own, or the one carried with it). */
  memoryOf(corpus: Corpus): KeyMemory | undefined {
    return corpus.keyMemory ?? this.carried?.();
  }
}
