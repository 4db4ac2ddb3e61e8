// Per-note bibliographies: the files a note's front matter names (`bibliography:`, relative to
// the note) and its inline `references:`, read and parsed once per file version, and the lookup
// that layers them over the workspace corpus for that note. The files are watched through the
// host (their folders, so a file replaced by a rename or created later is seen too): a file
// outside the workspace gets no event from the editor. In the background mode (the server) a
// note's sources are built off the request path, one file per event-loop turn and then the
// papers and their search index, or, given a builder (the server's worker thread), all of it
// there: until they are ready the note is answered from the workspace corpus (a completion
// waits for them: see the service's noteSourcesReady), and `changed` hears of the note when
// they are (its diagnostics are published again).
import * as path from 'node:path';
import type { Corpus } from '../core/corpus/corpus';
import type { ParseResult } from '../core/corpus/model';
import { readPandocMeta, type PandocMeta } from '../core/pandoc/meta';
import { buildNoteSources, PaperLookup, parseReadSource, sourceOutcome, type FileOutcome, type NoteSources } from '../core/pandoc/noteSources';
import type { PaperSearch } from '../core/search/search';
import type { Disposable, LitHost } from './host';
import { uriToPath } from './uris';

export interface NoteMetaProblem {
  /** 0-based line of the note. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

interface NoteEntry {
  meta: PandocMeta;
  /** Absolute paths of the bibliography files, in the order written. */
  files: string[];
  signature: string;
  sources?: NoteSources;
  problems: NoteMetaProblem[];
}

/** What a builder off the server thread is asked for: one note's sources. */
export interface NoteSourcesJob {
  /** Absolute paths of the bibliography files, in the order written. */
  files: string[];
  references: unknown[];
  noteFile: string;
  /** 1-based line of `references:` in the note. */
  referencesLine: number;
}

/** How one bibliography file read: why it could not be, or how many problems it has and the first. */
export type { FileOutcome };

export interface BuiltNoteSources {
  sources: NoteSources;
  /** One per file of the job, in its order. */
  files: FileOutcome[];
}

/** Builds a note's sources off the server thread (a worker); a rejected build is done here instead. */
export interface NoteSourcesBuilder {
  build(job: NoteSourcesJob): Promise<BuiltNoteSources>;
  dispose(): void;
}

interface ParsedFile {
  mtimeMs: number;
  size: number;
  result?: ParseResult;
  error?: string;
}

export class NoteBibliographies {
  private readonly notes = new Map<string, NoteEntry>();
  private readonly parsed = new Map<string, ParsedFile>();
  /**
   * Sources built from files alone (no inline references), shared by every note naming the same
   * files: a folder of notes over one library builds its papers and their search index once.
   */
  private readonly shared = new Map<string, NoteSources>();
  /** For shared sources built in the worker: how each of their files read (no parse is kept here). */
  private readonly sharedOutcomes = new Map<string, FileOutcome[]>();
  /** Whether the workspace corpus is offered in notes that have their own sources. */
  includeCorpus = true;
  /** The watched folders (sorted, joined), their watch, and each named file's size and mtime as last seen. */
  private watchedFolders = '';
  private watching: Disposable | undefined;
  private readonly seen = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  /** Background builds under way, by note. */
  private readonly building = new Map<string, ReturnType<typeof setTimeout> | 'in worker'>();
  /** Who waits for a note's background build to end (built, dropped or disposed). */
  private readonly waiting = new Map<string, (() => void)[]>();

  /** `changed` hears of the notes whose bibliography files changed on disk (after a short settle), or whose sources got built in the background. */
  constructor(
    private readonly host: Pick<LitHost, 'stat' | 'readCorpusFile' | 'watch'>,
    private readonly changed: (notes: string[]) => void = () => {},
    private readonly options: { background?: boolean; builder?: NoteSourcesBuilder } = {},
  ) {}

  /** Whether the note's own sources are still being built (its keys are not known yet). */
  pending(uri: string): boolean {
    const entry = this.notes.get(uri);
    return !!entry && !entry.sources && (entry.files.length > 0 || entry.meta.references.length > 0);
  }

  /**
   * Resolves once the note's own sources are built (at once when they are, or when it has none),
   * or when the build is dropped (the note changed or closed): a request for the note waits on
   * this, not on the parsing itself, so the server goes on answering meanwhile.
   */
  whenBuilt(uri: string): Promise<void> {
    this.sourcesOf(uri); // starts the build if nothing asked for it yet
    if (!this.building.has(uri)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(uri, [...(this.waiting.get(uri) ?? []), resolve]));
  }

  private buildEnded(uri: string): void {
    this.building.delete(uri);
    const waiters = this.waiting.get(uri);
    this.waiting.delete(uri);
    for (const resolve of waiters ?? []) resolve();
  }

  /** Re-reads a note's front matter; its sources are rebuilt only when what it names changed. */
  update(uri: string, text: string): void {
    const meta = readPandocMeta(text);
    if (meta.bibliography.length === 0 && meta.references.length === 0 && meta.problems.length === 0 && !meta.csl) {
      this.delete(uri);
      return;
    }
    const noteFile = uriToPath(uri);
    const dir = noteFile ? path.dirname(noteFile) : undefined;
    const files = meta.bibliography.map((b) => (path.isAbsolute(b.path) || !dir ? b.path : path.resolve(dir, b.path)));
    const signature = JSON.stringify([files, meta.bibliography.map((b) => b.line), meta.references, meta.referencesLine]);
    const old = this.notes.get(uri);
    if (old && old.signature === signature) {
      old.meta = meta;
      old.problems = [...old.problems.filter((p) => !p.message.startsWith('front matter')), ...yamlProblems(meta)];
      return;
    }
    this.notes.set(uri, { meta, files, signature, problems: [] });
    this.watchFiles();
  }

  delete(uri: string): void {
    if (this.notes.delete(uri)) this.watchFiles();
  }

  meta(uri: string): PandocMeta | undefined {
    return this.notes.get(uri)?.meta;
  }

  /** The note's own papers, built on first use after a change. */
  sourcesOf(uri: string): NoteSources | undefined {
    const entry = this.notes.get(uri);
    if (!entry || (entry.files.length === 0 && entry.meta.references.length === 0)) return undefined;
    if (!entry.sources) {
      if (this.options.background) this.buildLater(uri, entry);
      else this.build(uri, entry);
    }
    return entry.sources;
  }

  /** Builds a note's sources off the request path: a file per turn, then the papers; drops the work if the note changed meanwhile. */
  private buildLater(uri: string, entry: NoteEntry): void {
    if (this.building.has(uri)) return;
    const sharedKey = entry.meta.references.length === 0 ? entry.files.join('\n') : undefined;
    const sharedSources = sharedKey !== undefined ? this.shared.get(sharedKey) : undefined;
    const outcomes = sharedKey !== undefined ? this.sharedOutcomes.get(sharedKey) : undefined;
    if (sharedSources && outcomes) {
      // Built in the worker for another note: its files' outcomes, not a parse here.
      entry.sources = sharedSources;
      entry.problems = this.problemsFrom(entry, outcomes);
      return;
    }
    if (sharedSources) {
      this.build(uri, entry); // built for another note already (the files' parses are kept): no work
      return;
    }
    if (this.options.builder) {
      this.buildInWorker(uri, entry, this.options.builder);
      return;
    }
    this.buildInSlices(uri, entry);
  }

  /** The whole build in the builder's thread; here only its answer is unpacked. */
  private buildInWorker(uri: string, entry: NoteEntry, builder: NoteSourcesBuilder): void {
    const noteFile = uriToPath(uri) ?? uri;
    this.building.set(uri, 'in worker');
    builder.build({ files: entry.files, references: entry.meta.references, noteFile, referencesLine: entry.meta.referencesLine + 1 }).then(
      (built) => {
        if (this.building.get(uri) !== 'in worker') return; // disposed
        if (this.notes.get(uri) !== entry || entry.sources) return this.buildEnded(uri);
        entry.sources = built.sources;
        entry.problems = this.problemsFrom(entry, built.files);
        if (entry.meta.references.length === 0) {
          this.shared.set(entry.files.join('\n'), built.sources);
          this.sharedOutcomes.set(entry.files.join('\n'), built.files);
        }
        this.buildEnded(uri);
        this.changed([uri]);
      },
      () => {
        // No worker (or it failed): built here, in slices.
        if (this.building.get(uri) !== 'in worker') return;
        this.building.delete(uri);
        if (this.notes.get(uri) === entry && !entry.sources) this.buildInSlices(uri, entry);
        else this.buildEnded(uri);
      },
    );
  }

  private problemsFrom(entry: NoteEntry, outcomes: FileOutcome[]): NoteMetaProblem[] {
    return [...yamlProblems(entry.meta), ...entry.files.flatMap((file, i) => fileProblems(entry.meta.bibliography[i], file, outcomes[i]))];
  }

  /** On the server thread: a file per event-loop turn, then the papers and their index. */
  private buildInSlices(uri: string, entry: NoteEntry): void {
    let next = 0;
    const step = () => {
      if (this.notes.get(uri) !== entry || entry.sources) {
        // Dropped: the note changed (a new build may start for it) or was built another way.
        this.buildEnded(uri);
        return;
      }
      if (next < entry.files.length) {
        this.parse(entry.files[next++]);
      } else {
        this.build(uri, entry);
        this.buildEnded(uri);
        this.changed([uri]);
        return;
      }
      this.building.set(uri, setTimeout(step, 0));
    };
    this.building.set(uri, setTimeout(step, 0));
  }

  /** Missing or unreadable bibliography files and bad YAML, on the note's front matter lines. */
  problemsOf(uri: string): NoteMetaProblem[] {
    const entry = this.notes.get(uri);
    if (!entry) return [];
    this.sourcesOf(uri);
    return entry.problems;
  }

  lookup(uri: string, corpus: Corpus, search: PaperSearch): PaperLookup {
    return new PaperLookup(corpus, search, this.sourcesOf(uri), this.includeCorpus);
  }

  /** A bibliography file changed on disk: the notes that name it, whose sources are now stale. */
  fileChanged(file: string): string[] {
    this.parsed.delete(file);
    for (const files of [...this.shared.keys()]) {
      if (!files.split('\n').includes(file)) continue;
      this.shared.delete(files);
      this.sharedOutcomes.delete(files);
    }
    if (this.seen.has(file)) this.seen.set(file, this.stamp(file));
    const affected: string[] = [];
    for (const [uri, entry] of this.notes) {
      if (entry.files.includes(file)) {
        entry.sources = undefined;
        affected.push(uri);
      }
    }
    return affected;
  }

  /** Every file some note names, to watch. */
  allFiles(): string[] {
    return [...new Set([...this.notes.values()].flatMap((e) => e.files))];
  }

  dispose(): void {
    clearTimeout(this.checkTimer);
    for (const [uri, timer] of this.building) {
      if (timer !== 'in worker') clearTimeout(timer);
      this.buildEnded(uri);
    }
    this.options.builder?.dispose();
    this.watching?.dispose();
    this.watching = undefined;
    this.watchedFolders = '';
  }

  /** Watches the folders of every named file (again only when that set changed). */
  private watchFiles(): void {
    if (!this.host.watch) return;
    const files = this.allFiles();
    for (const file of files) if (!this.seen.has(file)) this.seen.set(file, this.stamp(file));
    for (const file of this.seen.keys()) if (!files.includes(file)) this.seen.delete(file);
    const folders = [...new Set(files.map((f) => path.dirname(f)))].sort();
    if (folders.join('\n') === this.watchedFolders) return;
    this.watching?.dispose();
    this.watchedFolders = folders.join('\n');
    this.watching = folders.length > 0 ? this.host.watch(folders, (folder) => this.folderChanged(folder)) : undefined;
  }

  /** Something in a watched folder changed: once writes settle, which named files differ. */
  private folderChanged(folder: string): void {
    this.dirty.add(folder);
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      const folders = new Set(this.dirty);
      this.dirty.clear();
      const affected = new Set<string>();
      for (const [file, stamp] of this.seen) {
        if (!folders.has(path.dirname(file)) || this.stamp(file) === stamp) continue;
        for (const note of this.fileChanged(file)) affected.add(note);
      }
      if (affected.size > 0) this.changed([...affected]);
    }, BIBLIOGRAPHY_SETTLE_MS);
  }

  private stamp(file: string): string {
    const stat = this.host.stat(file);
    return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
  }

  clear(): void {
    this.parsed.clear();
    this.shared.clear();
    this.sharedOutcomes.clear();
    for (const entry of this.notes.values()) entry.sources = undefined;
  }

  private build(uri: string, entry: NoteEntry): void {
    const problems: NoteMetaProblem[] = yamlProblems(entry.meta);
    const results: ParseResult[] = [];
    entry.files.forEach((file, i) => {
      const parsed = this.parse(file);
      if (parsed.result) results.push(parsed.result);
      problems.push(...fileProblems(entry.meta.bibliography[i], file, sourceOutcome(parsed)));
    });
    const noteFile = uriToPath(uri) ?? uri;
    const sharedKey = entry.meta.references.length === 0 ? entry.files.join('\n') : undefined;
    const known = sharedKey !== undefined ? this.shared.get(sharedKey) : undefined;
    entry.sources = known ?? buildNoteSources(results, entry.meta.references, noteFile, entry.meta.referencesLine + 1);
    if (sharedKey !== undefined && !known) this.shared.set(sharedKey, entry.sources);
    entry.problems = problems;
  }

  /** A file's parse, kept while its size and modification time stay the same. */
  private parse(file: string): ParsedFile {
    const stat = this.host.stat(file);
    if (!stat) return { mtimeMs: 0, size: 0, error: 'file not found' };
    const cached = this.parsed.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const parsed: ParsedFile = { mtimeMs: stat.mtimeMs, size: stat.size, ...parseReadSource(this.host.readCorpusFile(file)) };
    this.parsed.set(file, parsed);
    return parsed;
  }
}

/** A bibliography being written is read once its writes pause this long. */
const BIBLIOGRAPHY_SETTLE_MS = 150;

/** A bibliography file's problems on the front matter line that names it. */
function fileProblems(written: { path: string; line: number }, file: string, outcome: FileOutcome): NoteMetaProblem[] {
  if (outcome.error) return [{ line: written.line, severity: 'error', message: `bibliography ${written.path}: ${outcome.error} (${file})` }];
  if (outcome.problems === 0 || !outcome.first) return [];
  const { first, problems } = outcome;
  return [{ line: written.line, severity: 'warning', message: `bibliography ${written.path}: ${problems} problem${problems === 1 ? '' : 's'}, first at line ${first.line}: ${first.message}` }];
}

function yamlProblems(meta: PandocMeta): NoteMetaProblem[] {
  return meta.problems.map((p) => ({ line: p.line, severity: 'warning' as const, message: p.message }));
}
