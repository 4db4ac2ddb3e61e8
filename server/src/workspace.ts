// The server's state: settings, the corpus with its search index, and the notes index.
// Knows the file system but not the protocol; the feature modules translate for LSP.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { buildCorpus, type Corpus } from './core/corpus/corpus';
import { buildGraph, CorpusTopics, type TopicGraph } from './core/topics/graph';
import type { Paper, Problem } from './core/corpus/model';
import { analyzeNote, NotesIndex, type NoteInfo } from './core/notes/notes';
import { PaperSearch } from './core/search/search';
import { bundledCorpusPaths, readCorpusFiles, decode } from './node/corpusFiles';
import { collectGarbage } from './node/memory';
import type { IndexStatus } from './protocol';

export type { IndexStatus } from './protocol';

export interface Settings {
  corpus: string[];
  includeBundledCorpus: boolean;
  notes: { include: string[]; exclude: string[] };
}

export const DEFAULT_SETTINGS: Settings = {
  corpus: [],
  includeBundledCorpus: true,
  notes: {
    include: ['**/*.md', '**/*.markdown', '**/*.qmd', '**/*.Rmd', '**/*.rmd'],
    exclude: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**', '**/.code-server/**'],
  },
};

/** Settings as a client sends them, possibly partial, merged over the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Settings> & { notes?: Partial<Settings['notes']> };
  const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : fallback);
  return {
    corpus: strings(value.corpus, DEFAULT_SETTINGS.corpus),
    includeBundledCorpus: typeof value.includeBundledCorpus === 'boolean' ? value.includeBundledCorpus : true,
    notes: {
      include: strings(value.notes?.include, DEFAULT_SETTINGS.notes.include),
      exclude: strings(value.notes?.exclude, DEFAULT_SETTINGS.notes.exclude),
    },
  };
}


const MAX_NOTE_BYTES = 5 * 1024 * 1024;

export class LitWorkspace {
  settings: Settings = DEFAULT_SETTINGS;
  folders: string[] = [];
  corpus: Corpus = { papers: [], byKey: new Map(), problems: [] };
  search = new PaperSearch([]);
  readonly notes = new NotesIndex();
  /** Documents open in the editor: their text wins over the disk. */
  readonly openDocuments = new Set<string>();
  corpusPaths: string[] = [];
  noteProblems: Problem[] = [];
  state: IndexStatus['state'] = 'starting';
  private corpusTopics: CorpusTopics | undefined;
  private cachedGraph: { topics: CorpusTopics; notesVersion: number; graph: TopicGraph } | undefined;
  private generation = 0;

  status(): IndexStatus {
    return {
      state: this.state,
      papers: this.corpus.papers.length,
      notes: this.notes.size,
      problems: this.corpus.problems.length + this.noteProblems.length,
      abstractsIndexed: this.search.abstractsIndexed,
    };
  }

  paper(key: string): Paper | undefined {
    return this.corpus.byKey.get(key);
  }

  /** The corpus side of the topic graph, built on first use and kept until the corpus changes. */
  topics(): CorpusTopics {
    this.corpusTopics ??= new CorpusTopics(this.corpus.papers);
    return this.corpusTopics;
  }

  /** The corpus topics if they are built already (a hover must not wait for them). */
  topicsIfBuilt(): CorpusTopics | undefined {
    return this.corpusTopics;
  }

  /** The whole graph with the notes as they are now; kept until the corpus or a note changes. */
  graph(): TopicGraph {
    const topics = this.topics();
    const cached = this.cachedGraph;
    if (cached && cached.topics === topics && cached.notesVersion === this.notes.version) return cached.graph;
    const graph = buildGraph(topics, this.notes.all());
    this.cachedGraph = { topics, notesVersion: this.notes.version, graph };
    return graph;
  }

  /** Reads every corpus file the settings name; problems stay with the corpus. */
  loadCorpus(): void {
    this.corpusPaths = this.resolveCorpusPaths();
    const loaded = readCorpusFiles(this.corpusPaths);
    this.corpus = buildCorpus(loaded.files, loaded.problems);
    this.corpusTopics = undefined;
    // Abstract words are indexed afterwards, in slices between requests (indexAbstractsSlowly).
    this.search = new PaperSearch(this.corpus.papers, { deferAbstracts: true });
    if (this.corpus.papers.length > 5000) collectGarbage();
  }

  /** Indexes abstract words in short slices, yielding to requests between them. */
  async indexAbstractsSlowly(): Promise<void> {
    const search = this.search;
    while (!search.indexAbstracts(15)) {
      await new Promise((resolve) => setImmediate(resolve));
      if (search !== this.search) return; // the corpus was reloaded meanwhile
    }
    search.warmUp();
    if (this.corpus.papers.length > 5000) collectGarbage();
  }

  resolveCorpusPaths(): string[] {
    const paths = this.settings.includeBundledCorpus ? bundledCorpusPaths() : [];
    for (const entry of this.settings.corpus) {
      if (/[*?[{]/.test(entry)) {
        for (const folder of this.folders) paths.push(...findFiles(folder, [entry], []));
      } else if (path.isAbsolute(entry)) {
        paths.push(entry);
      } else {
        const inFolder = this.folders.map((f) => path.join(f, entry)).find((p) => fs.existsSync(p));
        paths.push(inFolder ?? path.join(this.folders[0] ?? process.cwd(), entry));
      }
    }
    return [...new Set(paths)];
  }

  isCorpusFile(file: string): boolean {
    if (this.corpusPaths.includes(file)) return true;
    return this.settings.corpus.some(
      (entry) => /[*?[{]/.test(entry) && this.folders.some((f) => picomatch.isMatch(path.relative(f, file).split(path.sep).join('/'), entry, { dot: true })),
    );
  }

  isNoteFile(file: string): boolean {
    for (const folder of this.folders) {
      const relative = path.relative(folder, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const posix = relative.split(path.sep).join('/');
      if (picomatch.isMatch(posix, this.settings.notes.exclude, { dot: true })) return false;
      if (picomatch.isMatch(posix, this.settings.notes.include, { dot: true })) return true;
    }
    return false;
  }

  /**
   * Indexes every note on disk, yielding between batches so requests are answered meanwhile.
   * A newer call cancels an older one.
   */
  async indexNotes(report: (done: number, total: number) => void = () => {}): Promise<void> {
    const generation = ++this.generation;
    this.state = 'indexing';
    const files = this.folders.flatMap((folder) => findFiles(folder, this.settings.notes.include, this.settings.notes.exclude));
    const wanted = new Set(files.map((f) => pathToFileURL(f).toString()));
    for (const note of this.notes.all()) if (!wanted.has(note.uri) && !this.openDocuments.has(note.uri)) this.notes.delete(note.uri);
    this.noteProblems = [];
    for (let i = 0; i < files.length; i++) {
      if (generation !== this.generation) return;
      const uri = pathToFileURL(files[i]).toString();
      if (!this.openDocuments.has(uri)) this.readNoteFromDisk(files[i]);
      if (i % 50 === 49) {
        report(i + 1, files.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    report(files.length, files.length);
    if (generation === this.generation) this.state = 'ready';
  }

  /** (Re)reads a note from disk; false when it cannot be read (and says why). */
  readNoteFromDisk(file: string): boolean {
    const uri = pathToFileURL(file).toString();
    this.noteProblems = this.noteProblems.filter((p) => p.file !== file);
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_NOTE_BYTES) {
        this.noteProblems.push({ file, line: 1, severity: 'warning', message: `note is over ${MAX_NOTE_BYTES / 1048576} MB; not indexed` });
        this.notes.delete(uri);
        return false;
      }
      this.setNote(uri, decode(fs.readFileSync(file)));
      return true;
    } catch (error) {
      this.notes.delete(uri);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.noteProblems.push({ file, line: 1, severity: 'warning', message: `cannot read note: ${(error as Error).message}` });
      }
      return false;
    }
  }

  setNote(uri: string, text: string): NoteInfo {
    const note = analyzeNote(uri, text);
    this.notes.set(note);
    return note;
  }

  deleteNote(uri: string): void {
    this.notes.delete(uri);
  }
}

/** Files under a folder matching the include globs and none of the exclude globs. */
export function findFiles(folder: string, include: string[], exclude: string[]): string[] {
  const isIncluded = picomatch(include, { dot: true });
  const isExcluded = picomatch(exclude, { dot: true });
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(folder, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!isExcluded(relative + '/') && !isExcluded(relative) && !isExcluded(relative + '/x')) walk(full);
      } else if (entry.isFile() && isIncluded(relative) && !isExcluded(relative)) {
        found.push(full);
      }
    }
  };
  walk(folder);
  return found.sort();
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}
