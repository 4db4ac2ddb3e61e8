// Citations for VS Code's Markdown preview, formatted with citeproc-js in a worker thread: the
// preview's markdown-it plugin (client) sends a note's citation clusters, this answers with HTML
// once the worker has rendered them (the request waits, nothing else does; it can be
// cancelled). The same worker gives the hover a one-line formatted reference when it is ready.
// The worker and its engine (about 1 s of CPU and 140 MB) are started only when a preview or a
// hover first needs them, never because the index is ready.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paper } from '../core/corpus/model';
import { escapeMarkdown } from '../core/output/card';
import type { CslItem } from '../core/output/export';
import type { StyleFiles } from '../core/output/citeproc';
import { previewCslItem } from '../core/pandoc/cslItems';
import { CiteprocRunner, type CancelToken } from '../background/citeprocInWorker';
import { onRequest, type ServerContext } from '../context';
import { RenderCitationsRequest, type RenderCitationsParams, type RenderCitationsResult } from '../protocol';

/** The style and locale that ship beside dist/: `csl/`. */
const BUNDLED_DIR = path.resolve(__dirname, '..', 'csl');
const MAX_STYLE_BYTES = 2 * 1024 * 1024;
/** How long a hover waits for its reference line when the worker is idle (formatting one takes milliseconds). */
const HOVER_WAIT_MS = 150;
const MAX_REFERENCES = 500;

let bundled: StyleFiles | undefined;
const customStyles = new Map<string, { mtimeMs: number; files: StyleFiles }>();
/** Where the runner's messages go (the client's Output channel once registered). */
let log: (message: string) => void = () => {};
const citeproc = new CiteprocRunner(undefined, (message) => log(message));
/** Formatted one-line references by their CSL item, for hovers. */
const references = new Map<string, string>();

export function bundledStyle(): StyleFiles {
  bundled ??= {
    style: fs.readFileSync(path.join(BUNDLED_DIR, 'apa.csl'), 'utf8'),
    locale: fs.readFileSync(path.join(BUNDLED_DIR, 'locales-en-US.xml'), 'utf8'),
  };
  return bundled;
}

/** A user's .csl file (re-read when it changes), or the bundled style and why not. */
function styleFiles(stylePath: string | undefined): { files: StyleFiles; problem?: string } {
  if (!stylePath) return { files: bundledStyle() };
  try {
    const stat = fs.statSync(stylePath);
    if (!stat.isFile() || stat.size > MAX_STYLE_BYTES) return { files: bundledStyle(), problem: `${stylePath} is not a CSL style file; using APA` };
    const cached = customStyles.get(stylePath);
    if (cached && cached.mtimeMs === stat.mtimeMs) return { files: cached.files };
    const files = { style: fs.readFileSync(stylePath, 'utf8'), locale: bundledStyle().locale };
    customStyles.set(stylePath, { mtimeMs: stat.mtimeMs, files });
    return { files };
  } catch (error) {
    return { files: bundledStyle(), problem: `cannot read ${stylePath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); using APA` };
  }
}

export async function renderNoteCitations(context: ServerContext, params: RenderCitationsParams, token?: CancelToken): Promise<RenderCitationsResult> {
  // Not `@key?` for every key of a note whose own bibliography is still being read.
  await context.service.noteSourcesReady(params.uri, undefined, token);
  const lookup = context.service.lookup(params.uri);
  const items = new Map<string, CslItem>();
  const add = (key: string, paper: Paper | undefined) => {
    if (paper && !items.has(key)) items.set(key, previewCslItem(paper, key));
  };
  for (const cluster of params.clusters) for (const item of cluster.items) add(item.key, lookup.paper(item.key));
  for (const key of params.nocite) add(key, lookup.paper(key));
  if (params.nocite.includes('*')) for (const paper of lookup.notePapers()) add(paper.key, paper);
  const { files, problem } = styleFiles(params.style);
  const answer = await citeproc.render({ clusters: params.clusters, items: [...items.values()], nocite: params.nocite, files, fallback: bundledStyle() }, token);
  const styleProblem = problem ?? (answer.styleProblem ? `${params.style}: ${answer.styleProblem}` : undefined);
  return { ...answer, styleProblem };
}

/**
 * The hover's one-line reference in the bundled style ("Lim, J. (2024). Title."): from the cache,
 * else from the worker if it answers at once; otherwise the hover goes without it (the answer
 * is kept for the next hover), and a hover never waits for the engine to be built.
 */
export async function referenceLine(context: ServerContext, uri: string, position: { line: number; character: number }): Promise<string> {
  const citation = context.service.citationUnder(uri, position);
  const paper = citation ? context.service.lookup(uri).paper(citation.key) : undefined;
  if (!paper || !citation) return '';
  const item = previewCslItem(paper, citation.key);
  const id = JSON.stringify(item);
  const known = references.get(id);
  if (known !== undefined) return asHoverLine(known);
  const files = bundledStyle();
  if (!citeproc.preparing(files)) citeproc.prepare(files);
  const idle = citeproc.readyFor(files);
  const formatted = citeproc.reference(item, files).then((text) => remember(id, text));
  formatted.catch(() => undefined);
  if (!idle) return '';
  const text = await Promise.race([formatted, new Promise<string>((resolve) => setTimeout(() => resolve(''), HOVER_WAIT_MS))]).catch(() => '');
  return asHoverLine(text);
}

function remember(id: string, text: string): string {
  if (references.size >= MAX_REFERENCES) references.delete(references.keys().next().value!);
  references.set(id, text);
  return text;
}

/** References waiting to be formatted ahead of hovers (the last note that asked), and whether one is being formatted. */
let prefetching: { id: string; item: CslItem }[] = [];
let prefetchRunning = false;

/**
 * Formats the references of an open note's citations ahead of hovers (issue 13: a hover that
 * waited for the worker took 5–10 ms where a cached one takes a fraction of one). One at a time
 * and only while the worker has nothing else to do, so a preview never queues behind them;
 * nothing before the engine is built.
 */
/** Whether the bundled style's engine is built and free, or references are being prefetched. */
export function referencesReady(): boolean {
  return bundled !== undefined && (citeproc.readyFor(bundled) || prefetchRunning);
}

export function prefetchReferences(context: ServerContext, uri: string, keys: Iterable<string>): void {
  const files = bundledStyle();
  if (!citeproc.readyFor(files) && !prefetchRunning) return;
  const lookup = context.service.lookup(uri);
  const wanted = new Map<string, CslItem>();
  const seen = new Set<string>();
  // The first keys of a note (one with 200,000 citations is not walked whole on every pause).
  for (const key of keys) {
    if (seen.has(key)) continue;
    if (seen.add(key).size > MAX_REFERENCES / 2) break;
    const paper = lookup.paper(key);
    const item = paper && previewCslItem(paper, key);
    const id = item && JSON.stringify(item);
    if (item && id && !references.has(id)) wanted.set(id, item);
  }
  prefetching = [...wanted].map(([id, item]) => ({ id, item }));
  const next = (): void => {
    const job = prefetching.shift();
    if (!job || !citeproc.readyFor(files)) return void (prefetchRunning = false);
    prefetchRunning = true;
    citeproc.reference(job.item, files).then((text) => (remember(job.id, text), next()), () => (prefetchRunning = false));
  };
  if (!prefetchRunning) next();
}

const asHoverLine = (text: string) => (text ? `\n\n---\n\n${escapeMarkdown(text)}` : '');

export function registerPreview(context: ServerContext): void {
  log = (message) => context.connection.console.log(message);
  onRequest(context, RenderCitationsRequest, (params, token) => renderNoteCitations(context, params, token));
}
