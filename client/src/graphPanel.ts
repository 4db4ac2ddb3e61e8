// The topic graph as a picture in a webview. Offline: the script and styles ship with the
// extension, under a strict content security policy with a nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GraphRequest } from '../../server/src/protocol';

export class GraphPanel {
  private static current: GraphPanel | undefined;
  /** What the webview last reported drawing (tests read it). */
  static lastRendered: { nodes: number; edges: number } | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: LanguageClient, private topic?: string) {
    panel.onDidDispose(() => (GraphPanel.current = undefined));
    panel.webview.onDidReceiveMessage(async (message: { type: string; kind?: string; ref?: string; nodes?: number; edges?: number }) => {
      if (message.type === 'ready') await this.send();
      else if (message.type === 'rendered') GraphPanel.lastRendered = { nodes: message.nodes ?? 0, edges: message.edges ?? 0 };
      else if (message.type === 'open' && message.ref) {
        if (message.kind === 'paper') await vscode.commands.executeCommand('litnotes.showPaper', { key: message.ref });
        else if (message.kind === 'note') await vscode.window.showTextDocument(vscode.Uri.parse(message.ref), { viewColumn: vscode.ViewColumn.One });
      }
    });
  }

  static show(extensionUri: vscode.Uri, client: LanguageClient, topic?: string): void {
    if (GraphPanel.current) {
      GraphPanel.current.topic = topic;
      GraphPanel.current.panel.reveal();
      void GraphPanel.current.send();
      return;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel('litnotes.graph', topic ? `Topic Graph: ${topic}` : 'Topic Graph', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    const nonce = randomBytes(16).toString('base64');
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js'));
    const style = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css'));
    const csp = `default-src 'none'; img-src ${panel.webview.cspSource}; style-src ${panel.webview.cspSource}; script-src 'nonce-${nonce}';`;
    panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}"><title>Topic Graph</title></head>
<body>
<header>
  <input id="filter" type="search" placeholder="Highlight nodes…" aria-label="Highlight nodes">
  <label><input type="checkbox" data-kind="topic" checked> topics</label>
  <label><input type="checkbox" data-kind="paper" checked> papers</label>
  <label><input type="checkbox" data-kind="note" checked> notes</label>
  <span id="info"></span>
</header>
<svg id="graph" role="img" aria-label="Topic graph"></svg>
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
    GraphPanel.current = new GraphPanel(panel, client, topic);
  }

  private async send(): Promise<void> {
    const graph = await this.client.sendRequest(GraphRequest, { topic: this.topic, related: 2 });
    await this.panel.webview.postMessage({ type: 'graph', graph });
  }
}
