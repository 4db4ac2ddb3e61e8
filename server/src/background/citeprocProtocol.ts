// Messages between the server and the citeproc worker (dist/citeprocWorker.js).
import type { CitationCluster, CslItem, RenderedCitations, StyleFiles } from '../core/output/citeproc';

export interface RenderJob {
  type: 'render';
  clusters: CitationCluster[];
  items: CslItem[];
  nocite: string[];
  files: StyleFiles;
  /** The style to use when `files` cannot be read by citeproc (the bundled one). */
  fallback?: StyleFiles;
}

export interface ReferenceJob {
  type: 'reference';
  item: CslItem;
  files: StyleFiles;
}

/** Builds the engine of a style ahead of its first use. */
export interface PrepareJob {
  type: 'prepare';
  files: StyleFiles;
}

export type CiteprocJob = RenderJob | ReferenceJob | PrepareJob;

export type CiteprocRequest = { id: number; job: CiteprocJob };

export type RenderAnswer = RenderedCitations & { styleProblem?: string };

export type CiteprocReply = { id: number; ok: true; value: RenderAnswer | string | null } | { id: number; ok: false; message: string };
