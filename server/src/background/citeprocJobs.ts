// What the citeproc worker does with a job (the bench runs it in-process too).
import { formatReference, prepareEngine, renderCitations } from '../core/output/citeproc';
import type { CiteprocJob, RenderAnswer } from './citeprocProtocol';

export function runCiteprocJob(job: CiteprocJob): RenderAnswer | string | null {
  if (job.type === 'prepare') {
    prepareEngine(job.files);
    return null;
  }
  if (job.type === 'reference') return formatReference(job.item, job.files);
  const items = new Map(job.items.map((item) => [item.id, item]));
  try {
    return renderCitations(job.clusters, items, job.files, job.nocite);
  } catch (error) {
    // A style citeproc cannot read: the fallback (bundled) one, and say why.
    if (!job.fallback || job.fallback.style === job.files.style) throw error;
    return { ...renderCitations(job.clusters, items, job.fallback, job.nocite), styleProblem: `${(error as Error).message}; using APA` };
  }
}
