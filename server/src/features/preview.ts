// Citations for VS Code's Markdown preview, formatted here with citeproc-js: the preview's
// markdown-it plugin (client) sends a note's citation clusters, this answers with HTML. The
// same engine gives the hover a one-line formatted reference.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paper } from '../core/corpus/model';
import { escapeMarkdown } from '../core/output/card';
import { formatReference, hasEngine, paperToCsl, prepareEngine, renderCitations, type CslItem, type StyleFiles } from '../core/output/citeproc';
import { onRequest, type ServerContext } from '../context';
import { RenderCitationsRequest, type RenderCitationsParams, type RenderCitationsResult } from '../protocol';

/** The style and locale that ship beside dist/: `csl/`. */
const BUNDLED_DIR = path.resolve(__dirname, '..', 'csl');
const MAX_STYLE_BYTES = 2 * 1024 * 1024;

let bundled: StyleFiles | undefined;
const customStyles = new Map<string, { mtimeMs: number; files: StyleFiles }>();

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

export function renderNoteCitations(context: ServerContext, params: RenderCitationsParams): RenderCitationsResult {
  const lookup = context.service.lookup(params.uri);
  const items = new Map<string, CslItem>();
  const add = (key: string, paper: Paper | undefined) => {
    if (paper && !items.has(key)) items.set(key, paperToCsl(paper, key));
  };
  for (const cluster of params.clusters) for (const item of cluster.items) add(item.key, lookup.paper(item.key));
  for (const key of params.nocite) add(key, lookup.paper(key));
  if (params.nocite.includes('*')) for (const paper of lookup.notePapers()) add(paper.key, paper);
  const { files, problem } = styleFiles(params.style);
  try {
    return { ...renderCitations(params.clusters, items, files, params.nocite), styleProblem: problem };
  } catch (error) {
    // A style citeproc cannot read: the bundled one, and say so.
    if (files === bundledStyle()) throw error;
    return { ...renderCitations(params.clusters, items, bundledStyle(), params.nocite), styleProblem: `${params.style}: ${(error as Error).message}; using APA` };
  }
}

/**
 * The hover's one-line reference in the bundled style ("Lim, J. (2024). Title."), once the
 * engine is built; the first hover starts building it instead of waiting.
 */
export function referenceLine(context: ServerContext, uri: string, position: { line: number; character: number }): string {
  const citation = context.service.citationUnder(uri, position);
  const paper = citation ? context.service.lookup(uri).paper(citation.key) : undefined;
  if (!paper || !citation) return '';
  const files = bundledStyle();
  if (!hasEngine(files)) {
    setImmediate(() => prepareEngine(files));
    return '';
  }
  const text = formatReference(paperToCsl(paper, citation.key), files);
  return text ? `\n\n---\n\n${escapeMarkdown(text)}` : '';
}

export function registerPreview(context: ServerContext): void {
  onRequest(context, RenderCitationsRequest, (params) => renderNoteCitations(context, params));
}
