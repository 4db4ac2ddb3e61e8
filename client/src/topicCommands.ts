// Walking the topic graph from the editor: related papers, papers on a topic, the graph picture.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CitationAtRequest, RelatedRequest, TopicsRequest, TopicTreeRequest, type GraphExport } from '../../server/src/protocol';
import { GraphPanel } from './graphPanel';
import type { TopicTreeProvider } from './topicTree';

interface TopicArgs {
  /** A topic id or label, or a tree node. */
  topic?: string;
  id?: string;
  key?: string;
  ref?: string;
  kind?: string;
}

export function registerTopicCommands(context: vscode.ExtensionContext, client: LanguageClient, tree: TopicTreeProvider): void {
  const register = (id: string, run: (args?: TopicArgs) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('litnotes.showTopicGraph', (args) => GraphPanel.show(context.extensionUri, client, args?.topic ?? (args?.kind === 'topic' ? args.id : undefined)));
  register('litnotes.refreshTopics', () => tree.refresh());
  // For tests and measurements (not in the palette): drive the graph view as a user would.
  context.subscriptions.push(
    vscode.commands.registerCommand('litnotes.graph.showAround', (center: string, depth?: number) => GraphPanel.current?.showAround(center, depth)),
    vscode.commands.registerCommand('litnotes.graph.showFull', () => GraphPanel.current?.showFull()),
    vscode.commands.registerCommand('litnotes.graph.focus', (id: string) => GraphPanel.current?.focus(id)),
    vscode.commands.registerCommand('litnotes.graph.simulate', (event: 'click' | 'doubleClick', id: string) => GraphPanel.current?.simulate(event, id)),
    vscode.commands.registerCommand('litnotes.graph.nodePosition', (id: string) => GraphPanel.current?.nodePosition(id)),
    vscode.commands.registerCommand('litnotes.graph.viewState', () => GraphPanel.current?.viewState()),
    vscode.commands.registerCommand('litnotes.graph.state', () => ({ rendered: GraphPanel.lastRendered, focused: GraphPanel.lastFocused, webgl: GraphPanel.webgl, layoutsDone: GraphPanel.layoutsDone })),
    vscode.commands.registerCommand('litnotes.graph.measureFrames', (nodes = 10000, edges = 50000) => GraphPanel.current?.measure(syntheticGraph(nodes, edges))),
  );

  register('litnotes.relatedPapers', async (args) => {
    const key = args?.key ?? (args?.kind === 'paper' ? args.ref : undefined) ?? (await citationKeyAtCursor(client));
    if (!key) {
      void vscode.window.showInformationMessage('Put the cursor on a citation (or pick a paper in the Topics view) to see related papers.');
      return;
    }
    const related = await client.sendRequest(RelatedRequest, { key, limit: 15 });
    const chosen = await vscode.window.showQuickPick(
      related.map((r) => ({ label: r.title, description: `@${r.key} · score ${r.score.toFixed(1)}`, detail: `Shared: ${r.shared.slice(0, 5).join('; ')}`, key: r.key })),
      { title: `Papers related to @${key}`, matchOnDescription: true, matchOnDetail: true },
    );
    if (chosen) await vscode.commands.executeCommand('litnotes.searchPapers', { key: chosen.key });
  });

  register('litnotes.papersOnTopic', async (args) => {
    let id = args?.kind === 'topic' ? args.id : undefined;
    if (!id) {
      const topics = await client.sendRequest(TopicsRequest, {});
      const wanted = args?.topic?.toLowerCase();
      id = topics.find((t) => t.id === args?.topic || t.label.toLowerCase() === wanted)?.id;
      if (!id) {
        const picked = await vscode.window.showQuickPick(
          topics.map((t) => ({ label: t.label, description: `${t.count} papers · ${t.source}`, id: t.id })),
          { title: 'Papers on topic', placeHolder: 'Choose a topic' },
        );
        id = picked?.id;
      }
    }
    if (!id) return;
    const children = await client.sendRequest(TopicTreeRequest, { id });
    const papers = children.filter((c) => c.kind === 'paper');
    const chosen = await vscode.window.showQuickPick(
      papers.map((p) => ({ label: p.label, description: `@${p.ref}`, detail: p.description, key: p.ref! })),
      { title: `Papers on ${id.replace(/^\w+:/, '')}`, matchOnDescription: true },
    );
    if (chosen) await vscode.commands.executeCommand('litnotes.searchPapers', { key: chosen.key });
  });
}

/** The key of the citation under the cursor, by the same scanner the server uses. */
/** The server knows the citations of open notes: the client bundles no core code. */
async function citationKeyAtCursor(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  const found = await client.sendRequest(CitationAtRequest, { uri: editor.document.uri.toString(), position: { line, character } });
  return found?.key;
}

/** A graph of the size a large library gives: topics, papers and notes with random links. */
function syntheticGraph(nodeCount: number, edgeCount: number): GraphExport {
  let seed = 11;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const kinds = ['topic', 'paper', 'paper', 'paper', 'paper', 'note'] as const;
  const nodes = Array.from({ length: nodeCount }, (_, i) => {
    const kind = kinds[i % kinds.length];
    return { id: `n${i}`, kind, label: `${kind} ${i}`, source: kind === 'topic' ? (i % 4 === 0 ? 'cluster' : 'mined') : undefined } as GraphExport['nodes'][number];
  });
  // Links favour a few hubs, as topics are.
  const edges = Array.from({ length: edgeCount }, () => ({ from: `n${Math.floor(random() ** 2 * nodeCount)}`, to: `n${Math.floor(random() * nodeCount)}`, kind: 'about' as const }));
  return { nodes, edges };
}
