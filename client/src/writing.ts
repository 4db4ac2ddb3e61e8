// The writing flow's client side: trusted card links in hovers and completion, the bundled
// corpus opened read-only from F12, the "Cited by" view, Export Bibliography, and a log of
// what the server did in the Output channel.
import * as vscode from 'vscode';
import { exists } from './files';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { CitationAtRequest, CitationsRequest, ExportRequest, type CitationSiteInfo, type IndexStatus } from '../../server/src/protocol';
import { CARD_COMMANDS, type CorpusDocuments } from './paperDocuments';

/** The card's `command:` links run only this extension's card commands. */
function trust(contents: unknown): void {
  const list = Array.isArray(contents) ? contents : [contents];
  for (const item of list) if (item instanceof vscode.MarkdownString) item.isTrusted = { enabledCommands: CARD_COMMANDS };
}

export function writingMiddleware(corpus: () => CorpusDocuments | undefined): Middleware {
  const readOnly = (uri: vscode.Uri) => corpus()?.readOnly(uri) ?? uri;
  return {
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      if (hover) trust(hover.contents);
      return hover;
    },
    resolveCompletionItem: async (item, token, next) => {
      const resolved = await next(item, token);
      if (resolved) trust(resolved.documentation);
      return resolved;
    },
    provideDefinition: async (document, position, token, next) => {
      const result = await next(document, position, token);
      if (!result) return result;
      if (Array.isArray(result)) {
        return (result as (vscode.Location | vscode.LocationLink)[]).map((l) =>
          'targetUri' in l ? { ...l, targetUri: readOnly(l.targetUri) } : new vscode.Location(readOnly(l.uri), l.range),
        ) as vscode.Location[] | vscode.LocationLink[];
      }
      return new vscode.Location(readOnly(result.uri), result.range);
    },
  };
}

type CitedByNode = { kind: 'paper'; key: string; count: number } | { kind: 'site'; site: CitationSiteInfo };

/** The notes citing the paper under the cursor (or the one shown last), each citation with its line. */
export class CitedByProvider implements vscode.TreeDataProvider<CitedByNode> {
  private readonly changed = new vscode.EventEmitter<CitedByNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  key: string | undefined;
  private sites: CitationSiteInfo[] = [];

  constructor(private readonly client: LanguageClient) {}

  /** Shows the citations of a key (undefined: keep the last one). */
  async show(key: string | undefined): Promise<CitationSiteInfo[]> {
    if (key !== undefined) this.key = key;
    this.sites = this.key ? await this.client.sendRequest(CitationsRequest, { key: this.key }) : [];
    this.changed.fire(undefined);
    return this.sites;
  }

  getChildren(node?: CitedByNode): CitedByNode[] {
    if (!this.key) return [];
    if (!node) return [{ kind: 'paper', key: this.key, count: this.sites.length }];
    if (node.kind === 'paper') return this.sites.map((site) => ({ kind: 'site', site }));
    return [];
  }

  getTreeItem(node: CitedByNode): vscode.TreeItem {
    if (node.kind === 'paper') {
      const item = new vscode.TreeItem(`@${node.key}`, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.count === 0 ? 'not cited in your notes' : `${node.count} citation${node.count === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('book');
      item.command = { title: 'Show paper', command: 'litnotes.showPaper', arguments: [{ key: node.key }] };
      return item;
    }
    const { site } = node;
    const item = new vscode.TreeItem(site.name, vscode.TreeItemCollapsibleState.None);
    item.description = `line ${site.line + 1}${site.text ? ` · ${site.text}` : ''}`;
    item.tooltip = `${vscode.Uri.parse(site.uri).fsPath}:${site.line + 1}`;
    item.resourceUri = vscode.Uri.parse(site.uri);
    item.iconPath = vscode.ThemeIcon.File;
    item.command = { title: 'Open note', command: 'litnotes.openNote', arguments: [{ uri: site.uri, line: site.line }] };
    return item;
  }
}

export function registerWritingViews(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel | vscode.OutputChannel): { citedBy: CitedByProvider; onStatus: (status: IndexStatus) => void } {
  const citedBy = new CitedByProvider(client);
  const view = vscode.window.createTreeView('litnotes.citedBy', { treeDataProvider: citedBy });
  context.subscriptions.push(view);
  // Follows the citation under the cursor; stays on the last paper when the cursor leaves it.
  let timer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor.document.languageId !== 'markdown') return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const key = await citationKeyAt(client, event.textEditor);
        if (key && key !== citedBy.key) void citedBy.show(key).catch(() => {});
      }, 150);
    }),
    vscode.commands.registerCommand('litnotes.showCitedBy', async (args?: { key?: string }) => {
      const key = args?.key ?? (vscode.window.activeTextEditor ? await citationKeyAt(client, vscode.window.activeTextEditor) : undefined);
      const sites = await citedBy.show(key);
      await vscode.commands.executeCommand('litnotes.citedBy.focus');
      return sites;
    }),
    vscode.commands.registerCommand('litnotes.exportBibliography', (args?: ExportArgs) => exportBibliography(client, args)),
  );
  return { citedBy, onStatus: logServer(output) };
}

/** The key of the citation under the cursor, by the server's scanner. */
async function citationKeyAt(client: LanguageClient, editor: vscode.TextEditor): Promise<string | undefined> {
  const { line, character } = editor.selection.active;
  const found = await client.sendRequest(CitationAtRequest, { uri: editor.document.uri.toString(), position: { line, character } }).catch(() => null);
  return found?.key;
}

interface ExportArgs {
  format?: 'bibtex' | 'csl-json';
  scope?: 'workspace' | 'note';
  /** Where to write (tests); otherwise asked, next to the notes. */
  target?: string;
}

/**
 * Writes the papers the notes cite (the workspace's, or the current note's) as BibTeX or
 * CSL-JSON next to the notes, asking before it replaces a file; one undoable edit.
 */
async function exportBibliography(client: LanguageClient, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  const note = editor?.document.languageId === 'markdown' ? editor.document.uri : undefined;
  const scope = args.scope ?? (await pickOne([
    { label: 'Papers cited in the workspace', value: 'workspace' as const },
    ...(note ? [{ label: `Papers cited in ${note.path.split('/').pop()}`, value: 'note' as const }] : []),
  ], 'Export the bibliography of'));
  if (!scope) return undefined;
  const format = args.format ?? (await pickOne([
    { label: 'BibTeX (.bib)', value: 'bibtex' as const },
    { label: 'CSL-JSON (.json)', value: 'csl-json' as const },
  ], 'Format'));
  if (!format) return undefined;
  const result = await client.sendRequest(ExportRequest, { format, uri: scope === 'note' ? note?.toString() : undefined });
  if (result.papers === 0) {
    void vscode.window.showInformationMessage('No cited paper to export: cite a paper first.');
    return undefined;
  }
  const folder = scope === 'note' && note ? vscode.Uri.joinPath(note, '..') : notesFolder();
  if (!folder) return undefined;
  const name = `${scope === 'note' && note ? note.path.split('/').pop()!.replace(/\.(md|markdown)$/i, '') : 'references'}.${format === 'bibtex' ? 'bib' : 'json'}`;
  const target = args.target ? vscode.Uri.parse(args.target, true) : await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, name), filters: format === 'bibtex' ? { BibTeX: ['bib'] } : { 'CSL-JSON': ['json'] } });
  if (!target) return undefined;
  if (await exists(target)) {
    const answer = await vscode.window.showWarningMessage(`${target.path.split('/').pop()} exists. Replace it?`, { modal: true }, 'Replace');
    if (answer !== 'Replace') return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { overwrite: true, contents: new TextEncoder().encode(result.text) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const unknown = result.unknown.length > 0 ? ` (${result.unknown.length} unknown key${result.unknown.length === 1 ? '' : 's'} left out: ${result.unknown.slice(0, 5).map((k) => `@${k}`).join(', ')})` : '';
  void vscode.window.showInformationMessage(`Exported ${result.papers} paper${result.papers === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}${unknown}.`);
  return target;
}

function notesFolder(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  return vscode.Uri.joinPath(folder.uri, vscode.workspace.getConfiguration('litnotes', folder.uri).get<string>('newNote.folder', 'notes'));
}

async function pickOne<T>(items: { label: string; value: T }[], title: string): Promise<T | undefined> {
  if (items.length === 1) return items[0].value;
  return (await vscode.window.showQuickPick(items, { title }))?.value;
}

/**
 * Corpus loads, their timings and counts, and every problem in a corpus file, in the Output
 * channel. Returns the status listener (the extension has the one status handler a client allows).
 */
function logServer(output: vscode.LogOutputChannel | vscode.OutputChannel): (status: IndexStatus) => void {
  const info = (message: string) => ('info' in output ? output.info(message) : output.appendLine(message));
  const warn = (message: string) => ('warn' in output ? output.warn(message) : output.appendLine(message));
  let started = Date.now();
  let last: IndexStatus | undefined;
  const onStatus = (status: IndexStatus) => {
    if (status.state === 'indexing' && last?.state !== 'indexing') started = Date.now();
    if (status.state === 'ready' && (last?.state !== 'ready' || last.papers !== status.papers || last.abstractsIndexed !== status.abstractsIndexed)) {
      const seconds = ((Date.now() - started) / 1000).toFixed(2);
      info(status.abstractsIndexed
        ? `abstracts searchable: ${status.papers} papers (${seconds} s after indexing started)`
        : `index ready in ${seconds} s: ${status.papers} papers, ${status.notes} notes, ${status.problems} problem${status.problems === 1 ? '' : 's'} in corpus files`);
    }
    last = status;
  };
  const seen = new Map<string, string>();
  vscode.languages.onDidChangeDiagnostics((event) => {
    for (const uri of event.uris) {
      if (/\.(md|markdown)$/i.test(uri.path)) continue; // notes: the Problems view has them
      const problems = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'litnotes');
      const text = problems.map((d) => `${uri.fsPath}:${d.range.start.line + 1}: ${d.message}`).join('\n');
      if (seen.get(uri.toString()) === text) continue;
      seen.set(uri.toString(), text);
      for (const line of text ? text.split('\n') : []) warn(line);
    }
  });
  return onStatus;
}
