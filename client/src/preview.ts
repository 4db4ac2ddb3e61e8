// Pandoc citations in VS Code's Markdown preview (the `markdown.markdownItPlugins` extension
// point). markdown-it renders synchronously while citeproc runs in the language server, so the
// plugin answers from a cache and asks the server for what it lacks; when the answer comes the
// preview is refreshed. Until then a citation shows as last rendered when it is unchanged, else
// as written; a newer request for the same note cancels the older one (the server renders in a
// worker, one note at a time).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { LanguageClient } from 'vscode-languageclient/node';
import { citationPreviewPlugin, type CitationCluster, type PandocMeta } from '../../server/src/core/output/citationPreview';
import { RenderCitationsRequest, type RenderCitationsParams, type RenderCitationsResult } from '../../server/src/protocol';

/** Answers older than this are asked again in the background (a bibliography may have changed). */
const FRESH_MS = 3000;
const MAX_CACHED = 30;

export class PreviewCitations {
  private readonly cache = new Map<string, { result: RenderCitationsResult; at: number }>();
  private readonly inFlight = new Set<string>();
  /** Per note: the request under way (cancelled by a newer one) and the last answer with its clusters. */
  private readonly pending = new Map<string, vscode.CancellationTokenSource>();
  private readonly lastAnswer = new Map<string, { clusters: CitationCluster[]; result: RenderCitationsResult }>();
  /** How many answers came back, for tests that wait for a rendered preview. */
  answers = 0;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  extendMarkdownIt(md: MarkdownIt): MarkdownIt {
    md.use(citationPreviewPlugin, { render: (clusters: CitationCluster[], meta: PandocMeta, env: unknown) => this.render(clusters, meta, env) });
    return md;
  }

  private render(clusters: CitationCluster[], meta: PandocMeta, env: unknown): RenderCitationsResult | undefined {
    const document = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    if (!document) return undefined;
    const params: RenderCitationsParams = { uri: document.toString(), clusters, nocite: meta.nocite, style: stylePath(document, meta) };
    const signature = JSON.stringify(params);
    const cached = this.cache.get(signature);
    if (!cached || Date.now() - cached.at > FRESH_MS) this.fetch(signature, params, cached?.result);
    return cached?.result ?? this.previous(params.uri, clusters);
  }

  /** The note's last render for the clusters still written the same; the others show as written. */
  private previous(uri: string, clusters: CitationCluster[]): RenderCitationsResult | undefined {
    const last = this.lastAnswer.get(uri);
    if (!last) return undefined;
    const before = new Map<string, string[]>();
    last.clusters.forEach((cluster, i) => {
      const id = JSON.stringify(cluster);
      before.set(id, [...(before.get(id) ?? []), last.result.citations[i]]);
    });
    // A hole (undefined) is a citation the plugin shows as written.
    const citations = clusters.map((cluster) => before.get(JSON.stringify(cluster))?.shift()) as string[];
    return { ...last.result, citations };
  }

  private fetch(signature: string, params: RenderCitationsParams, previous: RenderCitationsResult | undefined): void {
    if (this.inFlight.has(signature)) return;
    this.inFlight.add(signature);
    this.pending.get(params.uri)?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.pending.set(params.uri, cancel);
    // The preview asks only once activate() has returned, so the client is running by then.
    Promise.resolve(this.client.sendRequest(RenderCitationsRequest, params, cancel.token))
      .then(
        (result) => {
          this.answers++;
          this.lastAnswer.delete(params.uri);
          this.lastAnswer.set(params.uri, { clusters: params.clusters, result });
          while (this.lastAnswer.size > MAX_CACHED) this.lastAnswer.delete(this.lastAnswer.keys().next().value!);
          this.cache.delete(signature);
          this.cache.set(signature, { result, at: Date.now() });
          while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
          if (result.styleProblem) this.output.warn(`Preview citations: ${result.styleProblem}`);
          if (JSON.stringify(result) !== JSON.stringify(previous)) void vscode.commands.executeCommand('markdown.preview.refresh');
        },
        (error: unknown) => {
          if (!cancel.token.isCancellationRequested) this.output.warn(`Preview citations: ${(error as Error).message ?? error}`);
        },
      )
      .finally(() => {
        this.inFlight.delete(signature);
        if (this.pending.get(params.uri) === cancel) this.pending.delete(params.uri);
        cancel.dispose();
      });
  }
}

/** Front matter `csl:` (relative to the note), else the `litnotes.preview.style` setting, else none (APA). */
function stylePath(document: vscode.Uri, meta: PandocMeta): string | undefined {
  if (document.scheme === 'file' && meta.csl) return path.resolve(path.dirname(document.fsPath), meta.csl.path);
  const setting = vscode.workspace.getConfiguration('litnotes', document).get<string>('preview.style')?.trim();
  if (!setting) return undefined;
  if (path.isAbsolute(setting)) return setting;
  const folder = vscode.workspace.getWorkspaceFolder(document) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, setting) : undefined;
}
