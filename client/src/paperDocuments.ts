// Paper cards: as read-only documents (litnotes-paper:/KEY.md, filled by the server), shown in a
// tab of their own per paper that does not follow the editor; and the bundled corpus files as
// read-only documents (litnotes-corpus:), so F12 and "Open in corpus file" cannot edit them.
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PaperRequest, type PaperDetails } from '../../server/src/protocol';

export type { PaperDetails, PaperSummary } from '../../server/src/protocol';

/** The commands a card may run when a link in it is clicked: this extension's own, no others. */
export const CARD_COMMANDS = ['litnotes.openNote', 'litnotes.showPaper'];

export class PaperDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'litnotes-paper';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  static uri(key: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PaperDocuments.scheme, path: `/${encodeURIComponent(key)}.md` });
  }

  static keyOf(uri: vscode.Uri): string {
    return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
  }

  details(key: string): Promise<PaperDetails | null> {
    return this.client.sendRequest(PaperRequest, { key });
  }

  /** Cards change when notes or the corpus do: open ones are asked for again. */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === PaperDocuments.scheme) this.changed.fire(document.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = PaperDocuments.keyOf(uri);
    const details = await this.details(key);
    return details ? details.markdown : `No paper with key \`@${key.replace(/`/g, "'")}\`.`;
  }
}

/**
 * One webview tab per paper: the card rendered from the server's Markdown (raw HTML off,
 * scripts off, a strict content security policy), its links limited to this extension's
 * commands. It shows its paper until closed, whatever editor is active.
 */
export class PaperPanels {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  /** What each open card shows, for tests and the walkthrough. */
  readonly shown = new Map<string, string>();
  private readonly markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

  async show(key: string): Promise<vscode.WebviewPanel | undefined> {
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal(undefined, false);
      return existing;
    }
    // The card's text comes from the virtual document, so it is also there for other tools.
    const document = await vscode.workspace.openTextDocument(PaperDocuments.uri(key));
    const panel = vscode.window.createWebviewPanel('litnotes.paper', `@${key}`, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: false,
      enableCommandUris: CARD_COMMANDS,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [],
    });
    this.panels.set(key, panel);
    this.render(key, panel, document.getText());
    const watch = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === document.uri.toString()) this.render(key, panel, event.document.getText());
    });
    panel.onDidDispose(() => {
      watch.dispose();
      this.panels.delete(key);
      this.shown.delete(key);
    });
    return panel;
  }

  private render(key: string, panel: vscode.WebviewPanel, markdown: string): void {
    this.shown.set(key, markdown);
    panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none';">
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); max-width: 52em; padding: 0.5em 1.5em; line-height: 1.5; }
  a { color: var(--vscode-textLink-foreground); }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.2em; }
  p:first-child strong { font-size: 1.35em; }
</style></head>
<body>${this.markdown.render(markdown)}</body></html>`;
  }
}

/**
 * The bundled corpus (inside the extension's install folder) as a read-only file system:
 * VS Code opens its files in read-only editors, so F12 and "Open in corpus file" show them
 * without letting anyone edit the extension's own data.
 */
export class CorpusDocuments implements vscode.FileSystemProvider {
  static readonly scheme = 'litnotes-corpus';
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly bundledFolder: vscode.Uri) {}

  /** A file URI of the bundled corpus becomes a read-only one; anything else stays as it is. */
  readOnly(uri: vscode.Uri): vscode.Uri {
    const folder = this.bundledFolder.path.replace(/\/?$/, '/');
    return uri.scheme === 'file' && uri.path.startsWith(folder) ? uri.with({ scheme: CorpusDocuments.scheme }) : uri;
  }

  private file(uri: vscode.Uri): vscode.Uri {
    const file = uri.with({ scheme: 'file' });
    // Only the bundled corpus is served under this scheme.
    if (!file.path.startsWith(this.bundledFolder.path.replace(/\/?$/, '/'))) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const stat = await vscode.workspace.fs.stat(this.file(uri));
    return { ...stat, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(this.file(uri));
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
