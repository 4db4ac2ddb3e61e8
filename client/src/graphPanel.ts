// The topic graph view: a webview drawing with sigma (WebGL) and ForceAtlas2, offline (the
// bundled script and styles ship with the extension) under a strict content security policy.
// It opens as the local graph of the current note or the citation under the cursor, follows
// the active editor, and the full graph is one click away.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CitationAtRequest, GraphRequest, type GraphExport } from '../../server/src/protocol';
import { PaperDocuments } from './paperDocuments';

type Mode = 'local' | 'full';

interface ViewMessage {
  type: string;
  kind?: string;
  ref?: string;
  id?: string;
  nodes?: number;
  edges?: number;
  depth?: number;
  mode?: Mode;
  center?: string;
  kinds?: Record<string, number>;
  ids?: string[];
  webgl?: boolean;
  label?: string;
  total?: number;
  totalAtLeast?: boolean;
  info?: string;
  x?: number;
  y?: number;
}

/** The view's state as it reports it (tests read it). */
export interface ViewState {
  litCenter?: string;
  lit: string[];
  focus?: string;
  camera?: { x: number; y: number; ratio: number; angle: number };
  hidden: string[];
  /** Labels drawn in the last frame: node id, left edge and width in pixels. */
  labels?: { id: string; x: number; width: number }[];
  viewWidth?: number;
  viewHeight?: number;
  /** The node the search box found last, and where it is drawn (pixels). */
  match?: string;
  matchAt?: { x: number; y: number };
  /** Each kind's colour (RGB as drawn on the background) and its contrast ratio against it. */
  colors?: Record<string, { rgb: number[]; contrast: number }>;
  /** The body's classes: which kind of theme the view is drawn in (vscode-light, vscode-high-contrast…). */
  theme?: string;
}

export interface RenderedGraph {
  nodes: number;
  edges: number;
  mode?: Mode;
  center?: string;
  kinds?: Record<string, number>;
  /** Node ids, for graphs of up to 500 nodes. */
  ids?: string[];
  /** Nodes within the local graph's depth, when it was cut ("showing N of M"). */
  total?: number;
  /** The line above the graph, as the user reads it. */
  info?: string;
}

export class GraphPanel {
  static current: GraphPanel | undefined;
  /** What the webview last reported drawing (tests read it). */
  static lastRendered: RenderedGraph | undefined;
  /** The topic the view last focused (tests read it). */
  static lastFocused: string | undefined;
  /** How many layouts have stopped (settled or timed out) since the extension started (tests wait on it). */
  static layoutsDone = 0;
  /** Whether the view found WebGL. */
  static webgl: boolean | undefined;
  private mode: Mode = 'local';
  private depth = 2;
  private center: string | undefined;
  private frames: ((stats: unknown) => void) | undefined;
  private position: ((at: { x: number; y: number } | undefined) => void) | undefined;
  private reported: ((state: ViewState | undefined) => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: LanguageClient, private topic?: string) {
    panel.onDidDispose(() => {
      GraphPanel.current = undefined;
      this.disposables.forEach((d) => d.dispose());
    });
    panel.webview.onDidReceiveMessage((message: ViewMessage) => this.receive(message));
    // Follows the active editor: the local graph of the note, or of the citation under the cursor.
    let timer: NodeJS.Timeout | undefined;
    const follow = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const center = await centerFromEditor(this.client);
        if (this.mode === 'local' && center && center !== this.center) {
          this.center = center;
          void this.send();
        }
      }, 300);
    };
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(follow), vscode.window.onDidChangeTextEditorSelection(follow));
  }

  private async receive(message: ViewMessage): Promise<void> {
    if (message.type === 'ready') {
      GraphPanel.webgl = message.webgl;
      await this.send();
    } else if (message.type === 'rendered') {
      GraphPanel.lastRendered = { nodes: message.nodes ?? 0, edges: message.edges ?? 0, mode: message.mode, center: message.center, kinds: message.kinds, ids: message.ids, total: message.total, info: message.info };
    } else if (message.type === 'position') {
      this.position?.(message.x !== undefined && message.y !== undefined ? { x: message.x, y: message.y } : undefined);
    } else if (message.type === 'layout') {
      GraphPanel.layoutsDone++;
    } else if (message.type === 'focused') {
      GraphPanel.lastFocused = message.id;
    } else if (message.type === 'viewState') {
      this.reported?.(message as unknown as ViewState);
    } else if (message.type === 'frames') {
      this.frames?.(message);
    } else if (message.type === 'depth' && message.depth) {
      this.depth = message.depth;
      await this.send();
    } else if (message.type === 'mode' && message.mode) {
      this.mode = message.mode;
      await this.send();
    } else if (message.type === 'open' && message.ref) {
      await openBeside(message.kind, message.ref, this.panel.viewColumn);
    }
  }

  /** Opens the view: the graph of a topic if one is given, else the local graph of the editor. */
  static async show(extensionUri: vscode.Uri, client: LanguageClient, topic?: string): Promise<GraphPanel> {
    const center = topic ?? (await centerFromEditor(client));
    if (GraphPanel.current) {
      const current = GraphPanel.current;
      current.topic = undefined;
      current.center = center ?? current.center;
      current.mode = current.center ? 'local' : 'full';
      current.panel.reveal(undefined, true);
      void current.send();
      return current;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'client', 'media');
    const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    const panel = vscode.window.createWebviewPanel('litnotes.graph', 'Topic Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [media, bundle],
    });
    const nonce = randomBytes(16).toString('base64');
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'graphView.js'));
    const style = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css'));
    // ForceAtlas2 runs in a web worker made from a blob: the only thing allowed beyond our own files.
    const csp = `default-src 'none'; img-src ${panel.webview.cspSource}; style-src ${panel.webview.cspSource}; script-src 'nonce-${nonce}'; worker-src blob:;`;
    panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}"><title>Topic Graph</title></head>
<body>
<header>
  <input id="search" type="search" placeholder="Find a node (Enter)…" aria-label="Find a node">
  <label>depth <input id="depth" type="range" min="1" max="3" step="1" value="2" aria-label="Depth of the local graph"> <span id="depth-value">2</span></label>
  <button id="mode">Show full graph</button>
  <span id="info"></span>
</header>
<div id="legend" aria-label="Legend"></div>
<div id="graph" role="img" aria-label="Topic graph"></div>
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
    const view = new GraphPanel(panel, client, topic);
    view.center = center;
    view.mode = center ? 'local' : 'full';
    GraphPanel.current = view;
    return view;
  }

  /** Shows the graph around a node id (`note:URI`, `paper:KEY`, a topic id). */
  async showAround(center: string, depth?: number): Promise<void> {
    this.center = center;
    this.mode = 'local';
    if (depth) this.depth = depth;
    await this.send();
  }

  async showFull(): Promise<void> {
    this.mode = 'full';
    await this.send();
  }

  /** Asks the view to focus a topic, as a click on it does. */
  focus(id: string): void {
    void this.panel.webview.postMessage({ type: 'focus', id });
  }

  /** Runs the view's own click or double-click handler on a node (tests cannot point at WebGL). */
  simulate(event: 'click' | 'doubleClick', id: string): void {
    void this.panel.webview.postMessage({ type: 'simulate', event, id });
  }

  /** Where a node is drawn, in pixels from the graph area's top left (tests point a real mouse there). */
  async nodePosition(id: string): Promise<{ x: number; y: number } | undefined> {
    const answer = new Promise<{ x: number; y: number } | undefined>((resolve) => {
      this.position = resolve;
      setTimeout(() => resolve(undefined), 5000);
    });
    await this.panel.webview.postMessage({ type: 'where', id });
    return answer;
  }

  /** What the view shows lit, focused, where its camera is and which kinds it hides. */
  async viewState(): Promise<ViewState | undefined> {
    const answer = new Promise<ViewState | undefined>((resolve) => {
      this.reported = resolve;
      setTimeout(() => resolve(undefined), 5000);
    });
    await this.panel.webview.postMessage({ type: 'report' });
    return answer;
  }

  /** Draws a given graph (the benchmark's synthetic one) and measures frames while panning. */
  async measure(graph: GraphExport, durationMs = 3000): Promise<unknown> {
    this.panel.reveal(undefined, false);
    await this.panel.webview.postMessage({ type: 'graph', graph, mode: 'full' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const result = new Promise((resolve) => (this.frames = resolve));
    await this.panel.webview.postMessage({ type: 'measure', durationMs });
    return result;
  }

  private async send(): Promise<void> {
    const around = this.mode === 'local' ? this.center : undefined;
    const graph = await this.client.sendRequest(GraphRequest, around ? { around, depth: this.depth, related: 2 } : { topic: this.topic, related: 2 });
    this.panel.title = around ? `Topic Graph: ${describe(around)}` : this.topic ? `Topic Graph: ${this.topic}` : 'Topic Graph';
    await this.panel.webview.postMessage({ type: 'graph', graph, mode: around ? 'local' : 'full', center: around });
  }
}

/** The node the active editor is about: the citation under the cursor, else the note itself. */
async function centerFromEditor(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown' || editor.document.uri.scheme !== 'file') return undefined;
  const { line, character } = editor.selection.active;
  const citation = await client.sendRequest(CitationAtRequest, { uri: editor.document.uri.toString(), position: { line, character } });
  return citation ? `paper:${citation.key}` : `note:${editor.document.uri.toString()}`;
}

function describe(center: string): string {
  if (center.startsWith('paper:')) return `@${center.slice('paper:'.length)}`;
  if (center.startsWith('note:')) return vscode.workspace.asRelativePath(vscode.Uri.parse(center.slice('note:'.length)));
  return center.replace(/^\w+:/, '');
}

/** A note or a paper's card, opened beside the graph (the graph stays in view). */
async function openBeside(kind: string | undefined, ref: string, graphColumn: vscode.ViewColumn | undefined): Promise<void> {
  const uri = kind === 'paper' ? PaperDocuments.uri(ref) : kind === 'note' ? vscode.Uri.parse(ref) : undefined;
  if (!uri) return;
  const document = await vscode.workspace.openTextDocument(uri);
  // A column with an editor other than the graph's, else the next one: never over the graph.
  const other = vscode.window.visibleTextEditors.map((e) => e.viewColumn).find((c) => c !== undefined && c !== graphColumn);
  const column = other ?? (graphColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  await vscode.window.showTextDocument(document, { viewColumn: column, preview: true });
}
