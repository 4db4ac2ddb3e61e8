// The Literature Notes service: owns the settings, the folders, the corpus and its search index,
// the notes index, the topic caches and the status, and the long tasks that build them. The LSP
// layer (server.ts, features/) and the CLI call its operations; it knows neither LSP nor Node:
// files come through the host, cancellation through a plain token.
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Corpus } from '../core/corpus/corpus';
import type { Paper, Problem } from '../core/corpus/model';
import { citationPrefixAt as completionPrefix, type Citation } from '../core/notes/citations';
import { citationAt, citationsInLines, frontMatterText, lastCitedKeys, NotesIndex, runToEnd, type NoteInfo } from '../core/notes/notes';
import { cardMarkdown, cardText, cardTopics } from '../core/output/card';
import { PaperSearch } from '../core/search/search';
import type { SearchSnapshot } from '../core/search/snapshot';
import { buildGraph, CorpusTopics, relatedPapers, topicInput, type TopicGraph } from '../core/topics/graph';
import type { BuildStep, TopicBuild, TopicInputPaper } from '../core/topics/build';
import type { CitationSiteInfo, ExportResult, IndexStatus, Location, PaperDetails, PaperSummary, Range } from '../protocol';
import { CancelledError, letQueuedMessagesIn, NEVER_CANCELLED, TaskToken, throwIfCancelled, yieldToEventLoop, type CancellationToken } from './cancellation';
import { createLocalCorpusLoader, type CorpusLoader } from './corpusLoading';
import { attachAbstracts, type PackedAbstracts } from './corpusTransfer';
import type { Disposable, LitHost, Log } from './host';
import {
  ABSTRACT_SLICE_MS,
  CORPUS_GLOB_EXCLUDES,
  CORPUS_SETTLE_MS,
  DIAGNOSTICS_DEBOUNCE_MS,
  DIAGNOSTICS_SLICE_MS,
  LARGE_CORPUS_PAPERS,
  MAX_DIAGNOSTICS_PER_NOTE,
  MAX_NOTE_BYTES,
  NOTES_PER_SLICE,
  SHRINK_SETTLE_MS,
  SLICED_DIAGNOSTICS_CITATIONS,
  CACHE_WRITE_DELAY_MS,
} from './limits';
import { normalizeSettings, type Settings } from './settings';
import { canonicalUri, pathToUri, uriToPath } from './uris';
import { summarize } from './summaries';
import * as writing from './writing';
import { NoteBibliographies, type NoteSourcesBuilder } from './noteBibliographies';
import { OpenNoteScans, type NoteText } from './noteScans';
import { runInSlices } from './inSlices';
import { isCrossReference, isNoteDocument } from '../core/pandoc/languages';
import { aliasKeyDiagnostics } from './aliasKeys';
import { KEY_FILE, keyFileText } from './keyMemory';

/** LSP's DiagnosticSeverity values, as plain numbers. */
export const Severity = { error: 1, warning: 2, info: 3 } as const;

export const UNKNOWN_KEY = 'unknown-key';

export interface LitDiagnostic {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  message: string;
  source: 'litnotes';
  code?: string;
  data?: unknown;
}

export interface FileChange {
  uri: string;
  type: 'created' | 'changed' | 'deleted';
}

export interface Progress {
  kind: 'begin' | 'report' | 'end';
  message?: string;
  percentage?: number;
}

export interface CompletionResult {
  /** What was typed after "@" and where it starts. */
  prefix: string;
  range: Range;
  /** The key needs a closing brace (`@{key` without one after the cursor). */
  closeBrace: boolean;
  papers: Paper[];
}

export interface HoverResult {
  range: Range;
  markdown: string;
}

export interface SymbolResult {
  name: string;
  kind: 'paper' | 'note';
  location: Location;
}

export interface ServiceOptions {
  host: LitHost;
  /** Raw settings (any shape a client sends); normalized over the defaults. */
  settings?: unknown;
  log?: Log;
  /** Workspace folder paths. */
  folders?: string[];
  /** Runs the topic build off the event loop (the server: a worker thread); without it, in-process. */
  buildTopics?: (count: number, inputOf: (index: number) => TopicInputPaper, progress: (step: BuildStep) => void) => { result: Promise<TopicBuild>; cancel(): void };
  /** Loads the corpus (the server: on a worker thread); without it, in-process through the host. */
  corpusLoader?: CorpusLoader;
  /** Builds a note's own bibliography off the request path (the server); without it, on first use. */
  noteSourcesInBackground?: boolean;
  /** With noteSourcesInBackground: builds a note's sources off the server thread (a worker). */
  noteSourcesBuilder?: NoteSourcesBuilder;
}

export type LitService = ReturnType<typeof createLitService>;

/**
 * How long a request in a note waits for the note's own bibliography while it is read in the
 * background (10,000 entries take about a second in the worker): other requests are answered meanwhile.
 */
const NOTE_SOURCES_WAIT_MS = 5000;

const silentLog: Log = { info() {}, warn() {}, error() {} };

export function createLitService(options: ServiceOptions) {
  const host = options.host;
  const log = options.log ?? silentLog;
  let settings: Settings = normalizeSettings(options.settings);
  let folders: string[] = [...(options.folders ?? [])];
  let corpus: Corpus = { papers: [], byKey: new Map(), problems: [] };
  let problemLineLengths = new Map<string, Map<number, number>>();
  let search = new PaperSearch([]);
  const notes = new NotesIndex();
  /** Open documents: canonical URI → the client's spelling. Their text wins over the disk. */
  const openDocuments = new Map<string, string>();
  let corpusPaths: string[] = [];
  let noteProblems: Problem[] = [];
  /** The last corpus load failed whole (e.g. the corpus is too large): shown on the first corpus file until a load succeeds. */
  let loadFailure: Problem | undefined;
  let state: IndexStatus['state'] = 'starting';
  let corpusTopics: CorpusTopics | undefined;
  /** The topic build under way: for which papers, how far, and how to stop it. */
  let topicsJob: { papers: Paper[]; done: number; promise: Promise<CorpusTopics>; cancel(): void } | undefined;
  let cachedGraph: { topics: CorpusTopics; notesVersion: number; graph: TopicGraph } | undefined;
  let rebuildTask: TaskToken | undefined;
  let corpusReload: ReturnType<typeof setTimeout> | undefined;
  /** Reads, parses and merges the corpus files; keeps each file's last good load and the warm-start cache. */
  const loader = options.corpusLoader ?? createLocalCorpusLoader(host);
  /** Counts corpus loads: a load's result is used only if no newer load was started meanwhile. */
  let loadGeneration = 0;
  let disposed = false;
  /** The last load changed what the warm-start cache should hold: write it once the index is ready. */
  let cacheDue = false;
  /** The abstract index the loader is building for the current corpus, if it builds one. */
  let abstractsFromLoader: Promise<SearchSnapshot | undefined> | undefined;
  /** Until the abstract texts of a warm start have arrived. */
  let abstractTexts: Promise<void> | undefined;
  let cacheWrite: ReturnType<typeof setTimeout> | undefined;
  let lastLoad = { fromCache: 0, files: 0 };
  /** Edited notes not analysed yet (the text of the last edit) and their pending publications. */
  const pendingText = new Map<string, NoteText>();
  const publishTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Large notes whose diagnostics are being computed in slices (a newer publication cancels). */
  const publishing = new Map<string, TaskToken>();
  /** What was last sent for a large note (by client URI), when it came from a sliced publication. */
  const slicedPublished = new Map<string, LitDiagnostic[]>();
  let corpusWatch: Disposable | undefined;
  /** URIs (client spelling) that have problem diagnostics now, to clear them later. */
  let problemUris = new Set<string>();
  const recentCitations = new writing.RecentCitations();
  const didYouMean = writing.suggestionCache();
  /** Per-note bibliographies (front matter `bibliography:`/`references:`), over the corpus. */
  const bibliographies = new NoteBibliographies(host, (changed) => changed.forEach((note) => notes.get(note) && publishNote(note)), { background: options.noteSourcesInBackground, builder: options.noteSourcesBuilder });
  /** Open notes' analyses, so an edit rescans only the lines it changed. */
  const noteScans = new OpenNoteScans();
  const lookup = (canonical: string) => {
    analysed(canonical); // a pending edit may have changed the front matter
    return bibliographies.lookup(canonical, corpus, search);
  };

  const listeners = {
    status: new Set<(status: IndexStatus) => void>(),
    diagnostics: new Set<(uri: string, diagnostics: LitDiagnostic[]) => void>(),
    progress: new Set<(progress: Progress) => void>(),
  };
  const subscribe = <T>(set: Set<T>, listener: T): Disposable => {
    set.add(listener);
    return { dispose: () => set.delete(listener) };
  };

  // --- URIs ----------------------------------------------------------------------------

  /** The spelling to answer with: the client's for open documents, canonical otherwise. */
  const clientUri = (canonical: string) => openDocuments.get(canonical) ?? canonical;
  const fileUri = (file: string) => clientUri(pathToUri(file));

  // --- status and publishing -----------------------------------------------------------

  function status(): IndexStatus {
    return {
      state,
      papers: corpus.papers.length,
      notes: notes.size,
      problems: corpus.problems.length + noteProblems.length + (loadFailure ? 1 : 0),
      abstractsIndexed: search.abstractsIndexed,
    };
  }

  function sendStatus(): void {
    const current = status();
    for (const listener of listeners.status) listener(current);
  }

  function sendDiagnostics(uri: string, diagnostics: LitDiagnostic[]): void {
    slicedPublished.delete(uri);
    for (const listener of listeners.diagnostics) listener(uri, diagnostics);
  }

  function sendProgress(progress: Progress): void {
    for (const listener of listeners.progress) listener(progress);
  }

  function noteDiagnostics(canonical: string): LitDiagnostic[] {
    const note = analysed(canonical);
    return note ? runToEnd(noteDiagnosticSteps(canonical)) : [];
  }

  /**
   * A note's diagnostics a step at a time (see publishNote); the note must be analysed. The
   * unknown keys' "did you mean" searches are one step, bounded by their own time budget.
   */
  function* noteDiagnosticSteps(canonical: string): Generator<void, LitDiagnostic[]> {
    const papers = lookup(canonical);
    // While the note's own bibliography is being built its keys are not known: no warnings yet (published again when built).
    const pending = bibliographies.pending(canonical);
    // By the note's distinct keys, not its citations (a large note cites 200,000 times).
    const unknownSites = pending ? { first: [], count: 0 } : yield* notes.citationsWhereSteps(canonical, (key) => !papers.paper(key), MAX_DIAGNOSTICS_PER_NOTE + 1);
    const unknown = unknownSites.first;
    const frontMatter: LitDiagnostic[] = bibliographies.problemsOf(canonical).map((p) => ({
      severity: Severity[p.severity],
      range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 1000 } },
      message: p.message,
      source: 'litnotes' as const,
    }));
    yield;
    const meant = didYouMean(search);
    const shown: LitDiagnostic[] = unknown.slice(0, MAX_DIAGNOSTICS_PER_NOTE).map((c) => ({
      severity: Severity.warning,
      range: citationKeyRange(c),
      message: `Unknown citation key "@${c.key}": no paper in the corpus has it.${didYouMeanHint(meant(c.key))}`,
      source: 'litnotes' as const,
      code: UNKNOWN_KEY,
      data: { key: c.key },
    }));
    if (unknownSites.count > MAX_DIAGNOSTICS_PER_NOTE) {
      const first = unknown[MAX_DIAGNOSTICS_PER_NOTE];
      shown.push({
        severity: Severity.info,
        range: citationKeyRange(first),
        message: `…and ${unknownSites.count - MAX_DIAGNOSTICS_PER_NOTE} more unknown citation keys in this note (only the first ${MAX_DIAGNOSTICS_PER_NOTE} are listed).`,
        source: 'litnotes',
      });
    }
    yield;
    // Citations under another key of their paper: a hint naming its key (quick fix: switch).
    const aliases = pending ? [] : aliasKeyDiagnostics((yield* aliasSiteSteps(canonical, papers)).first, (key) => papers.paper(key), MAX_DIAGNOSTICS_PER_NOTE);
    return frontMatter.concat(shown, aliases);
  }

  /** The note's citations under a key that is not its paper's own key, in text order. */
  function aliasSiteSteps(canonical: string, papers: { paper(key: string): Paper | undefined }): Generator<void, { first: Citation[] }> {
    return notes.citationsWhereSteps(canonical, (key) => {
      const paper = papers.paper(key);
      return paper !== undefined && paper.key !== key;
    }, Infinity);
  }

  /** The note's index entry, analysing the last edit first if it is still pending. */
  function analysed(canonical: string): NoteInfo | undefined {
    const text = pendingText.get(canonical);
    if (text !== undefined) {
      pendingText.delete(canonical);
      return setNote(canonical, text);
    }
    return notes.get(canonical);
  }

  /** Every pending edit analysed: for queries across notes (references, symbols, topics). */
  function analyseAll(): void {
    for (const canonical of [...pendingText.keys()]) analysed(canonical);
  }

  /** Publishes a note's diagnostics once its edits pause (a burst of keystrokes publishes once). */
  function schedulePublish(canonical: string): void {
    clearTimeout(publishTimers.get(canonical));
    publishTimers.set(
      canonical,
      setTimeout(() => {
        publishTimers.delete(canonical);
        if (notes.get(canonical) || pendingText.has(canonical)) publishNote(canonical);
      }, DIAGNOSTICS_DEBOUNCE_MS),
    );
  }

  /**
   * Sends a note's diagnostics. A large note's are computed in slices off the request path
   * (its 12,000 keys looked up, the first 1,000 unknown ones built), dropped when a newer edit
   * or publication comes first: no request waits behind them while typing (issue 10).
   */
  function publishNote(canonical: string): void {
    publishing.get(canonical)?.cancel();
    publishing.delete(canonical);
    const note = analysed(canonical);
    // A note whose own bibliography is still being read is published once it is (the build's
    // `changed`): its keys are not known yet, nor its bibliography's problems.
    bibliographies.sourcesOf(canonical);
    if (bibliographies.pending(canonical)) return;
    if (!note || note.citations.length < SLICED_DIAGNOSTICS_CITATIONS) {
      sendDiagnostics(clientUri(canonical), noteDiagnostics(canonical));
      return;
    }
    const task = new TaskToken();
    publishing.set(canonical, task);
    const stale = () => task.isCancellationRequested || disposed || pendingText.has(canonical) || notes.get(canonical) !== note;
    runInSlices(noteDiagnosticSteps(canonical), stale, DIAGNOSTICS_SLICE_MS).then(
      (diagnostics) => {
        publishing.delete(canonical);
        const uri = clientUri(canonical);
        // Typing in one line of a large note mostly leaves its 1,001 diagnostics as they were:
        // not sent again (a few hundred KB of JSON written in one piece at every pause).
        if (sameDiagnostics(slicedPublished.get(uri), diagnostics)) return;
        sendDiagnostics(uri, diagnostics);
        slicedPublished.set(uri, diagnostics);
      },
      (error: unknown) => {
        if (publishing.get(canonical) === task) publishing.delete(canonical);
        if (!(error instanceof CancelledError)) log.warn(`diagnostics of ${canonical} failed: ${(error as Error).message}`);
        // The note changed under it without a newer publication on its way: start again.
        else if (!task.isCancellationRequested && !disposed && !publishTimers.has(canonical) && notes.get(canonical)) schedulePublish(canonical);
      },
    );
  }

  /** Whether two lists of diagnostics say the same at the same places. */
  function sameDiagnostics(before: LitDiagnostic[] | undefined, after: LitDiagnostic[]): boolean {
    if (!before || before.length !== after.length) return false;
    const samePosition = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line === b.line && a.character === b.character;
    return after.every((d, n) => {
      const b = before[n];
      return d.message === b.message && d.severity === b.severity && d.code === b.code && samePosition(d.range.start, b.range.start) && samePosition(d.range.end, b.range.end);
    });
  }

  /** Problems grouped by file, each on its line, ending at the line's end. */
  function problemDiagnostics(): Map<string, LitDiagnostic[]> {
    const byUri = new Map<string, LitDiagnostic[]>();
    for (const problem of [...corpus.problems, ...noteProblems, ...(loadFailure ? [loadFailure] : [])]) {
      const uri = fileUri(problem.file);
      const line = Math.max(0, problem.line - 1);
      const end = problemLineLengths.get(problem.file)?.get(line) ?? 0;
      const list = byUri.get(uri) ?? [];
      list.push({
        severity: Severity[problem.severity],
        range: { start: { line, character: 0 }, end: { line, character: end } },
        message: problem.message,
        source: 'litnotes',
      });
      byUri.set(uri, list);
    }
    return byUri;
  }

  function publishAll(): void {
    for (const note of notes.all()) publishNote(note.uri);
    const problems = problemDiagnostics();
    for (const uri of problemUris) if (!problems.has(uri)) sendDiagnostics(uri, []);
    for (const [uri, diagnostics] of problems) sendDiagnostics(uri, diagnostics);
    problemUris = new Set(problems.keys());
  }

  // --- files: which are notes, which are corpus ----------------------------------------

  function resolveCorpusPaths(): string[] {
    const paths = settings.includeBundledCorpus ? host.bundledCorpusPaths() : [];
    for (const entry of settings.corpus) {
      if (isGlob(entry)) {
        for (const folder of folders) paths.push(...host.findFiles(folder, [entry], corpusExcludes()));
      } else if (path.isAbsolute(entry)) {
        paths.push(entry);
      } else {
        const inFolder = folders.map((f) => path.join(f, entry)).find((p) => host.stat(p) !== undefined);
        paths.push(inFolder ?? path.join(folders[0] ?? '.', entry));
      }
    }
    return [...new Set(paths)];
  }

  function isCorpusFile(file: string): boolean {
    if (corpusPaths.includes(file)) return true;
    return settings.corpus.some(
      (entry) =>
        isGlob(entry) &&
        folders.some((f) => picomatch.isMatch(relativePosix(f, file), entry, { dot: true }) && !picomatch.isMatch(relativePosix(f, file), corpusExcludes(), { dot: true })),
    );
  }

  /** Corpus globs skip dependency and VCS folders and whatever is not a note either. */
  function corpusExcludes(): string[] {
    return [...CORPUS_GLOB_EXCLUDES, ...settings.notes.exclude];
  }

  function isNoteFile(file: string): boolean {
    for (const folder of folders) {
      const relative = path.relative(folder, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const posix = relative.split(path.sep).join('/');
      if (picomatch.isMatch(posix, settings.notes.exclude, { dot: true })) return false;
      if (picomatch.isMatch(posix, settings.notes.include, { dot: true })) return true;
    }
    return false;
  }

  // --- indexing ------------------------------------------------------------------------

  /**
   * Loads the corpus. On a watched change (`settle`), a file that shrank by more than half keeps
   * its last good load for now and true is returned: read again once writing has surely ended.
   */
  async function reloadCorpus(settle = false): Promise<boolean> {
    const paths = resolveCorpusPaths();
    const generation = ++loadGeneration;
    // Off the event loop in the server: requests meanwhile are answered from the previous corpus.
    let loaded;
    try {
      loaded = await loader.load({ paths, folders, holdShrunk: settle });
    } catch (error) {
      // The loader itself failed (each file's own failures are problems in its result): keep what we have.
      const message = `loading the corpus failed, keeping the previous one (${corpus.papers.length} papers): ${(error as Error).message}`;
      log.error(message);
      // A problem the user sees, not a silent "ready" with the previous (maybe empty) corpus.
      // Its first line: the worker's message goes on with the stack (kept for the log).
      if (paths.length > 0) loadFailure = { file: paths[0], line: 1, severity: 'error', message: message.split('\n')[0] };
      return false;
    }
    loadFailure = undefined;
    if (generation !== loadGeneration || disposed) return false; // a newer load supersedes this one
    for (const warning of loaded.warnings) log.warn(warning);
    corpusPaths = paths;
    lastLoad = { fromCache: loaded.fromCache, files: paths.length };
    // A start served whole from the packed cache has nothing to write (and the loader then need not settle).
    cacheDue = !loaded.fromPackedCache;
    corpus = loaded.corpus;
    problemLineLengths = loaded.problemLineLengths;
    corpusTopics = undefined;
    topicsJob?.cancel();
    topicsJob = undefined;
    cachedGraph = undefined;
    // The loader's index when it built one (the server's corpus worker); abstract words come
    // afterwards, from the loader or indexed here in slices between requests (indexAbstracts).
    const options = { deferAbstracts: true, warmUp: false };
    const restoreOptions = { ...options, abstractLengths: loaded.abstractTexts?.lengths };
    search = (loaded.search && PaperSearch.fromSnapshot(corpus.papers, loaded.search, restoreOptions)) ?? new PaperSearch(corpus.papers, options);
    abstractsFromLoader = loaded.abstracts;
    abstractTexts = loaded.abstractTexts && receiveAbstractTexts(corpus, loaded.abstractTexts.arriving);
    bibliographies.clear();
    bibliographies.includeCorpus = settings.bibliographyIncludesCorpus;
    watchCorpus();
    return loaded.heldShrunk;
  }

  /** For clients that do not send file events: the host watches the corpus files. */
  function watchCorpus(): void {
    corpusWatch?.dispose();
    corpusWatch = host.watch?.(corpusPaths, () => scheduleCorpusReload());
  }

  /** Abstract texts that arrive after "ready" (a warm start): given to their papers if the corpus is still theirs. */
  async function receiveAbstractTexts(papersOf: Corpus, arriving: Promise<PackedAbstracts | undefined>): Promise<void> {
    const texts = await arriving;
    if (papersOf !== corpus) return;
    abstractTexts = undefined;
    if (!texts || !attachAbstracts(papersOf.papers, texts)) log.warn('the abstracts could not be read from the corpus cache; they show again after the next corpus change');
  }

  async function indexAbstracts(): Promise<void> {
    const current = search;
    const fromLoader = abstractsFromLoader;
    let adopted = false;
    if (fromLoader && !current.abstractsIndexed) {
      const snapshot = await fromLoader;
      if (current !== search) return; // the corpus was reloaded meanwhile
      // The same papers' abstract words, restored below in slices (a fraction of indexing them).
      adopted = snapshot !== undefined && current.adoptAbstracts(snapshot);
    }
    // Indexing abstracts here (the loader had no index of their words) reads their texts, which
    // after a warm start arrive a moment after "ready".
    if (!adopted && abstractTexts && !current.abstractsIndexed) {
      await abstractTexts;
      if (current !== search) return;
    }
    while (!current.indexAbstracts(ABSTRACT_SLICE_MS)) {
      await yieldToEventLoop();
      if (current !== search) return; // the corpus was reloaded meanwhile
    }
    sendStatus();
    scheduleCacheWrite();
    // Queries over abstract words run code the warm-up before "ready" did not reach: a few
    // queries again, one per turn of the event loop (issue 13).
    for (const step of current.warmUpSteps()) {
      void step;
      await yieldToEventLoop();
      if (current !== search) return;
    }
    // A small corpus gets its topics now, so hovers can list related papers at once; a large
    // one (seconds of work) when the Topics view, the graph or a related search asks.
    if (corpus.papers.length <= LARGE_CORPUS_PAPERS) {
      setImmediate(() => {
        if (current === search) void startTopics().catch(() => {});
      });
    }
  }

  /** Writes the cache a little after the index is complete, away from startup's requests. */
  function scheduleCacheWrite(): void {
    if (!cacheDue) return;
    clearTimeout(cacheWrite);
    cacheWrite = setTimeout(() => void writeCache(), CACHE_WRITE_DELAY_MS);
  }

  async function writeCache(): Promise<void> {
    if (!cacheDue) return;
    cacheDue = false;
    try {
      await loader.writeCache();
    } catch (error) {
      log.warn(`the corpus cache cannot be written: ${(error as Error).message}`);
    }
  }

  function readNoteFromDisk(file: string): boolean {
    const uri = pathToUri(file);
    noteProblems = noteProblems.filter((p) => p.file !== file);
    const problem = (message: string) => noteProblems.push({ file, line: 1, severity: 'warning', message });
    const read = host.readNote(file, MAX_NOTE_BYTES);
    if ('text' in read) {
      setNote(uri, read.text);
      return true;
    }
    notes.delete(uri);
    if ('tooLarge' in read) problem(`note is over ${MAX_NOTE_BYTES / 1048576} MB; not indexed`);
    else if ('error' in read) problem(`not indexed as a note: ${read.error}`);
    return false;
  }

  function setNote(canonical: string, text: NoteText): NoteInfo {
    const note = noteScans.analyze(canonical, text, notes, openDocuments.has(canonical));
    // An open document's lines: only its front matter is joined, not the whole note.
    bibliographies.update(canonical, typeof text === 'string' ? text : frontMatterText(text.lines));
    return note;
  }

  async function indexNotes(token: CancellationToken): Promise<void> {
    const files = folders.flatMap((folder) => host.findFiles(folder, settings.notes.include, settings.notes.exclude));
    const wanted = new Set(files.map(pathToUri));
    for (const note of notes.all()) if (!wanted.has(note.uri) && !openDocuments.has(note.uri)) notes.delete(note.uri);
    noteProblems = [];
    for (let i = 0; i < files.length; i++) {
      if (token.isCancellationRequested) return;
      if (!openDocuments.has(pathToUri(files[i]))) readNoteFromDisk(files[i]);
      if (i % NOTES_PER_SLICE === NOTES_PER_SLICE - 1) {
        sendProgress({ kind: 'report', message: `${i + 1}/${files.length} notes`, percentage: Math.round((100 * (i + 1)) / files.length) });
        await yieldToEventLoop();
      }
    }
  }

  /** Re-reads the corpus and the notes, then publishes everything; a newer rebuild cancels this one. */
  async function rebuild(): Promise<IndexStatus> {
    rebuildTask?.cancel();
    const task = (rebuildTask = new TaskToken());
    state = 'indexing';
    sendStatus();
    sendProgress({ kind: 'begin', message: 'corpus' });
    try {
      // Notes are read while the corpus loads (in the server, on another thread).
      const corpusLoaded = reloadCorpus();
      await indexNotes(task);
      await corpusLoaded;
    } finally {
      sendProgress({ kind: 'end' });
    }
    if (task.isCancellationRequested) return status();
    // The first keystrokes after "ready" must not compile the search code (issue 13): a few
    // queries of each kind now, about 0.1 s at 100k papers, once per process.
    search.warmUp();
    state = 'ready';
    publishAll();
    sendStatus();
    await indexAbstracts();
    return status();
  }

  function scheduleCorpusReload(): void {
    // Another program rewriting a bibliography writes in bursts: reload once it settles.
    clearTimeout(corpusReload);
    const reload = async (settle: boolean) => {
      const again = await reloadCorpus(settle);
      publishAll();
      sendStatus();
      void indexAbstracts();
      if (again) corpusReload = setTimeout(() => void reload(false), SHRINK_SETTLE_MS);
    };
    corpusReload = setTimeout(() => void reload(true), CORPUS_SETTLE_MS);
  }

  // --- documents and file events -------------------------------------------------------

  function isMarkdown(uri: string, languageId?: string): boolean {
    return isNoteDocument(languageId ?? '', uri);
  }

  /** A document the editor opened or edited: its text wins over the disk until it is closed. */
  function openDocument(uri: string, text: NoteText, languageId?: string): void {
    const canonical = canonicalUri(uri);
    const before = openDocuments.get(canonical);
    openDocuments.set(canonical, uri);
    if (!isMarkdown(uri, languageId)) return;
    if (before === uri) {
      // An edit: analysed when asked or when the edits pause, whichever comes first.
      pendingText.set(canonical, text);
      schedulePublish(canonical);
      return;
    }
    // Diagnostics published under the disk's spelling move to the client's.
    if (uri !== canonical && notes.get(canonical)) sendDiagnostics(before ?? canonical, []);
    pendingText.delete(canonical);
    setNote(canonical, text);
    publishNote(canonical);
  }

  function closeDocument(uri: string): void {
    const canonical = canonicalUri(uri);
    publishing.get(canonical)?.cancel();
    publishing.delete(canonical);
    const spelling = clientUri(canonical);
    openDocuments.delete(canonical);
    noteScans.forget(canonical);
    pendingText.delete(canonical);
    clearTimeout(publishTimers.get(canonical));
    publishTimers.delete(canonical);
    const file = uriToPath(canonical);
    // Back to what the disk says; a document that is not a note on disk leaves the index.
    if (file && isNoteFile(file) && readNoteFromDisk(file)) {
      if (spelling !== canonical) sendDiagnostics(spelling, []);
      publishNote(canonical);
    } else {
      notes.delete(canonical);
      sendDiagnostics(spelling, []);
    }
    sendStatus();
  }

  function filesChanged(changes: FileChange[]): void {
    let corpusChanged = false;
    for (const change of changes) {
      const canonical = canonicalUri(change.uri);
      const file = uriToPath(canonical);
      if (!file) continue;
      for (const note of bibliographies.fileChanged(file)) publishNote(note);
      if (isCorpusFile(file)) {
        corpusChanged = true;
      } else if (isNoteFile(file) && !openDocuments.has(canonical)) {
        if (change.type === 'deleted') {
          pendingText.delete(canonical);
          notes.delete(canonical);
          sendDiagnostics(canonical, []);
        } else if (readNoteFromDisk(file)) {
          publishNote(canonical);
        }
      }
    }
    if (corpusChanged) scheduleCorpusReload();
    sendStatus();
  }

  // --- queries -------------------------------------------------------------------------

  function citationUnder(uri: string, line: number, character: number): Citation | undefined {
    const note = analysed(canonicalUri(uri));
    return note ? citationAt(note.citations, line, character) : undefined;
  }

  function paperLocation(paper: Paper): Location {
    const source = paper.sources[0];
    const position = { line: Math.max(0, source.line - 1), character: 0 };
    return { uri: fileUri(source.file), range: { start: position, end: position } };
  }

  /** The corpus side of the topic graph, built on first use and kept until the corpus changes. */
  function startTopics(): Promise<CorpusTopics> {
    if (corpusTopics) return Promise.resolve(corpusTopics);
    if (topicsJob?.papers === corpus.papers) return topicsJob.promise;
    const papers = corpus.papers;
    // Topics read abstracts: after a warm start their texts come a moment after "ready".
    if (abstractTexts) {
      return abstractTexts.then(() => {
        if (papers !== corpus.papers) throw new CancelledError();
        return startTopics();
      });
    }
    if (!options.buildTopics) {
      corpusTopics = new CorpusTopics(papers);
      return Promise.resolve(corpusTopics);
    }
    const job = options.buildTopics(papers.length, (i) => topicInput(papers[i], i, papers.length), (step) => {
      if (topicsJob?.papers === papers) topicsJob.done = step.done;
    });
    const promise = job.result.then(async (build) => {
      // The tree over the worker's result: 0.2 s at 100k papers, so in slices between requests.
      const built = await runInSlices(CorpusTopics.inSteps(papers, build), () => papers !== corpus.papers);
      corpusTopics = built;
      topicsJob = undefined;
      return corpusTopics;
    });
    promise.catch((error: Error) => {
      if (!(error instanceof CancelledError) && error.message !== 'cancelled') log.error(error.message);
    });
    topicsJob = { papers, done: 0, promise, cancel: job.cancel };
    return promise;
  }

  function graph(): TopicGraph {
    const current = corpusTopics!;
    if (cachedGraph && cachedGraph.topics === current && cachedGraph.notesVersion === notes.version) return cachedGraph.graph;
    const built = buildGraph(current, notes.all());
    cachedGraph = { topics: current, notesVersion: notes.version, graph: built };
    return built;
  }

  /** Related papers for a card: only once the topics are built (a hover must not wait). */
  function relatedIfReady(key: string): Paper[] {
    return corpusTopics ? relatedPapers(corpusTopics, key, 3).map((r) => r.paper) : [];
  }

  /** Completion: typo-tolerant while typing; this note's and recent citations first among equals. */
  function completionHits(uri: string, prefix: string, limit: number) {
    const canonical = canonicalUri(uri);
    const note = analysed(canonical);
    // Asked of the index, not a set of the note's keys built per keystroke (a large note cites 200,000 times).
    const inNote = { has: (key: string) => notes.cites(canonical, key) };
    recentCitations.remember(lastCitedKeys(note?.citations ?? [], writing.RECENT_CITATIONS));
    return writing.preferCited(writing.searchWhileTyping(lookup(canonicalUri(uri)), prefix, limit), inNote, recentCitations, notes);
  }

  function cardExtras(paper: Paper, abstractLimit?: number) {
    analyseAll();
    // Every note citing it under its key or any alias (citingNotes looks them all up).
    const citedIn = writing.citingNotes(notes, paper, clientUri);
    return { citedBy: citedIn.length, citedIn, related: relatedIfReady(paper.key), abstractLimit };
  }

  /** Every citation of the paper, under its key or any alias (an old generated key, biblatex ids). */
  function citationsOfPaper(paper: Paper) {
    return paper.aliases.length === 0 ? notes.citationsOf(paper.key) : [paper.key, ...paper.aliases].flatMap((key) => notes.citationsOf(key));
  }

  return {
    // lifecycle and inputs
    settings: () => settings,
    setSettings(raw: unknown): void {
      settings = normalizeSettings(raw);
    },
    folders: () => [...folders],
    setFolders(paths: string[]): void {
      folders = [...new Set(paths)];
    },
    rebuild,
    openDocument,
    changeDocument: openDocument,
    closeDocument,
    filesChanged,
    isNoteFile,
    isCorpusFile,
    onStatus: (listener: (status: IndexStatus) => void) => subscribe(listeners.status, listener),
    onDiagnostics: (listener: (uri: string, diagnostics: LitDiagnostic[]) => void) => subscribe(listeners.diagnostics, listener),
    onProgress: (listener: (progress: Progress) => void) => subscribe(listeners.progress, listener),
    dispose(): void {
      disposed = true;
      loader.dispose();
      rebuildTask?.cancel();
      clearTimeout(corpusReload);
      clearTimeout(cacheWrite);
      for (const timer of publishTimers.values()) clearTimeout(timer);
      for (const task of publishing.values()) task.cancel();
      corpusWatch?.dispose();
      bibliographies.dispose();
    },

    // state for the CLI and tests
    status,
    corpus: () => corpus,
    notes: () => (analyseAll(), notes),
    paperByKey: (key: string) => corpus.byKey.get(key),
    /** How the last corpus load went: files taken from the warm-start cache, of all files. */
    lastCorpusLoad: () => lastLoad,
    /** Writes the warm-start cache now if it is due (the CLI, tests). */
    flushCache(): Promise<void> {
      clearTimeout(cacheWrite);
      return writeCache();
    },

    // queries
    diagnostics: (uri: string) => noteDiagnostics(canonicalUri(uri)),

    /** Every citation of a note under another key of its paper (the quick fix at the cursor). */
    aliasCitations(uri: string, lines?: { from: number; to: number }) {
      const canonical = canonicalUri(uri);
      const note = analysed(canonical);
      const papers = lookup(canonical);
      if (!note) return [];
      // At the cursor only its lines are looked at (the quick fixes are asked for at every move).
      const sites = lines ? citationsInLines(note.citations, lines.from, lines.to) : runToEnd(aliasSiteSteps(canonical, papers)).first;
      return aliasKeyDiagnostics(sites, (key) => papers.paper(key), MAX_DIAGNOSTICS_PER_NOTE, true);
    },

    /** The workspace key file (first folder) as "Save Citation Key Memory" writes it: the keys the notes cite. */
    async keyMemoryFile(): Promise<{ uri: string; text: string; keys: number } | null> {
      if (folders.length === 0) return null;
      analyseAll();
      const memory = await loader.keyMemory();
      return { uri: pathToUri(path.join(folders[0], KEY_FILE)), ...keyFileText(corpus, memory, notes.citedKeys()) };
    },

    complete(uri: string, lineText: string, position: { line: number; character: number }, limit: number, token: CancellationToken = NEVER_CANCELLED): CompletionResult | null {
      const typed = completionPrefix(lineText, position.character);
      if (!typed || isCrossReference(typed.prefix) || token.isCancellationRequested) return null;
      const braced = lineText[typed.start - 1] === '{';
      return {
        prefix: typed.prefix,
        range: { start: { line: position.line, character: typed.start }, end: position },
        closeBrace: braced && lineText[position.character] !== '}',
        // Never an empty list while a word is typed: VS Code would close it and, in Markdown
        // (no quick suggestions), not reopen it until Ctrl+Space.
        papers: completionHits(uri, typed.prefix, limit).map((hit) => hit.paper),
      };
    },

    /**
     * Waits, without holding the server, while the note's own bibliography is being read (up to
     * `timeoutMs`): whether its sources are ready. False: still reading (the caller says so).
     */
    async noteSourcesReady(uri: string, timeoutMs = NOTE_SOURCES_WAIT_MS, token: CancellationToken = NEVER_CANCELLED): Promise<boolean> {
      const canonical = canonicalUri(uri);
      analysed(canonical); // an edit that just added `bibliography:` counts
      const deadline = Date.now() + timeoutMs;
      while (bibliographies.pending(canonical) && !token.isCancellationRequested) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        // Looked at again now and then: a cancelled request stops waiting.
        await Promise.race([bibliographies.whenBuilt(canonical), new Promise((resolve) => (timer = setTimeout(resolve, Math.min(left, 200))))]);
        clearTimeout(timer);
      }
      return !bibliographies.pending(canonical);
    },

    /** The card shown as a completion item's documentation. */
    completionDocumentation(key: string, uri?: string): string | undefined {
      const paper = uri ? lookup(canonicalUri(uri)).paper(key) : corpus.byKey.get(key);
      return paper ? cardMarkdown(paper, cardExtras(paper)) : undefined;
    },

    hover(uri: string, position: { line: number; character: number }): HoverResult | null {
      const citation = citationUnder(uri, position.line, position.character);
      if (!citation) return null;
      const paper = lookup(canonicalUri(uri)).paper(citation.key);
      // An unknown key's hover is its diagnostic (with "did you mean"), said once.
      if (!paper) return null;
      return { range: citationRange(citation), markdown: cardMarkdown(paper, cardExtras(paper, writing.HOVER_ABSTRACT_CHARS)) };
    },

    citationAt(uri: string, position: { line: number; character: number }): { key: string; range: Range } | null {
      const citation = citationUnder(uri, position.line, position.character);
      return citation ? { key: citation.key, range: citationRange(citation) } : null;
    },

    definition(uri: string, position: { line: number; character: number }): Location | null {
      const citation = citationUnder(uri, position.line, position.character);
      const paper = citation ? lookup(canonicalUri(uri)).paper(citation.key) : undefined;
      return paper ? paperLocation(paper) : null;
    },

    async references(uri: string, position: { line: number; character: number }, includeDeclaration: boolean, token: CancellationToken = NEVER_CANCELLED): Promise<Location[] | null> {
      const citation = citationUnder(uri, position.line, position.character);
      if (!citation) return null;
      const paper = lookup(canonicalUri(uri)).paper(citation.key);
      const keys = paper ? [paper.key, ...paper.aliases] : [citation.key];
      await letQueuedMessagesIn();
      analyseAll();
      const locations: Location[] = [];
      for (const key of keys) {
        throwIfCancelled(token);
        for (const site of notes.citationsOf(key)) locations.push({ uri: clientUri(site.uri), range: citationRange(site.citation) });
      }
      if (includeDeclaration && paper) locations.unshift(paperLocation(paper));
      return locations;
    },

    /** Closest keys to an unknown one, best first. */
    suggestions(key: string, limit: number): Paper[] {
      return writing.didYouMean(search, key, limit);
    },

    /** Every citation of a paper in the notes (the Cited By view). */
    citations(key: string, lineText: (uri: string, line: number) => string | undefined = () => undefined): CitationSiteInfo[] {
      analyseAll();
      return writing.citationSites(notes, corpus, key, clientUri, (uri, line) => lineText(clientUri(uri), line));
    },

    /** The bibliography of what the notes (or one note) cite. */
    exportCited(format: 'bibtex' | 'csl-json', uri?: string): ExportResult {
      analyseAll();
      return writing.exportCited(notes, corpus, format, uri ? canonicalUri(uri) : undefined);
    },

    links(uri: string): { range: Range; target: string }[] {
      const note = analysed(canonicalUri(uri));
      return (note?.links ?? []).map((link) => ({
        range: { start: { line: link.line, character: link.start }, end: { line: link.line, character: link.end } },
        target: link.url,
      }));
    },

    async workspaceSymbols(query: string, limit: number, token: CancellationToken = NEVER_CANCELLED): Promise<SymbolResult[]> {
      await letQueuedMessagesIn();
      throwIfCancelled(token);
      analyseAll();
      const trimmed = query.trim();
      const symbols: SymbolResult[] = [];
      const papers = trimmed ? search.search(trimmed, limit).map((h) => h.paper) : corpus.papers.slice(0, limit);
      for (const paper of papers) symbols.push({ name: `@${paper.key} ${paper.title}`, kind: 'paper', location: paperLocation(paper) });
      const lower = trimmed.toLowerCase();
      const start = { line: 0, character: 0 };
      let checked = 0;
      for (const note of notes.all()) {
        if (++checked % 1000 === 0) throwIfCancelled(token);
        if (lower && !note.title.toLowerCase().includes(lower) && !note.uri.toLowerCase().includes(lower)) continue;
        symbols.push({ name: note.title, kind: 'note', location: { uri: clientUri(note.uri), range: { start, end: start } } });
        if (symbols.length >= 2 * limit) break;
      }
      return symbols;
    },

    async search(query: string, limit: number, token: CancellationToken = NEVER_CANCELLED): Promise<PaperSummary[]> {
      await letQueuedMessagesIn();
      throwIfCancelled(token);
      return writing.searchWhileTyping(search, query, limit).map((hit) => summarize(hit.paper));
    },

    /**
     * Resolves once every paper has its abstract text: right after a warm start they arrive a
     * moment after "ready". What shows or writes a whole paper (its card, a new note, an export) waits.
     */
    async abstractTexts(): Promise<void> {
      while (abstractTexts) await abstractTexts;
    },

    paper(key: string): PaperDetails | null {
      const paper = corpus.byKey.get(key);
      if (!paper) return null;
      const extras = cardExtras(paper);
      return {
        paper,
        summary: summarize(paper),
        markdown: cardMarkdown(paper, extras),
        text: cardText(paper, extras),
        topics: cardTopics(paper),
        location: paperLocation(paper),
        citedIn: citationsOfPaper(paper).map((s) => clientUri(s.uri)),
      };
    },

    /** The corpus topics; yields first so a cancellation or a quicker request gets in. */
    async corpusTopics(token: CancellationToken = NEVER_CANCELLED): Promise<CorpusTopics> {
      await letQueuedMessagesIn();
      throwIfCancelled(token);
      const built = await startTopics();
      throwIfCancelled(token);
      return built;
    },

    /** How far the topic build is (0 to 1), starting it if needed; undefined once topics are ready. */
    topicsProgress(): number | undefined {
      if (corpusTopics) return undefined;
      // Started after this answer goes out (starting a worker takes tens of milliseconds).
      if (!topicsJob || topicsJob.papers !== corpus.papers) setImmediate(() => void startTopics().catch(() => {}));
      return topicsJob?.papers === corpus.papers ? topicsJob.done : 0;
    },

    /** The topic graph with the notes as they are now; kept until the corpus or a note changes. */
    async topicGraph(token: CancellationToken = NEVER_CANCELLED): Promise<TopicGraph> {
      await letQueuedMessagesIn();
      throwIfCancelled(token);
      await startTopics();
      throwIfCancelled(token);
      analyseAll();
      return graph();
    },

    /** Maps a note URI from the index to the spelling the client uses. */
    clientUri,
    /** Papers as one note sees them: its own bibliography first, then the corpus. */
    lookup: (uri: string) => lookup(canonicalUri(uri)),
    /** The note's Pandoc front matter (bibliography, csl, nocite), when it has any. */
    noteMeta: (uri: string) => bibliographies.meta(canonicalUri(uri)),
    citationUnder: (uri: string, position: { line: number; character: number }) => citationUnder(uri, position.line, position.character),
    relatedIfReady,
  };
}

function didYouMeanHint(keys: string[]): string {
  return keys.length > 0 ? ` Did you mean ${keys.map((k) => `@${k}`).join(', ')}?` : '';
}

function isGlob(entry: string): boolean {
  return /[*?[{]/.test(entry);
}

function relativePosix(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}

function citationRange(c: Citation): Range {
  return { start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } };
}

/** The key alone, without `@{`/`}`: a quick fix replaces this range with another key. */
function citationKeyRange(c: Citation): Range {
  return { start: { line: c.line, character: c.keyStart }, end: { line: c.line, character: c.keyStart + c.key.length } };
}

