// Literature Notes in VS Code: starts the language server and adds the commands, the status
// bar item and the paper views on top of it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerKeyMemoryCommand } from './keyMemory';
import { GraphPanel } from './graphPanel';
import { CorpusDocuments, PaperDocuments, PaperPanels } from './paperDocuments';
import { StatusBar, type IndexStatus } from './statusBar';
import { StatusNotification } from '../../server/src/protocol';
import { registerTopicCommands } from './topicCommands';
import { TopicTreeProvider } from './topicTree';
import { registerWritingViews, writingMiddleware, type CitedByProvider } from './writing';
import { PreviewCitations } from './preview';

export interface LitnotesApi {
  client: LanguageClient;
  /** The last index status the server sent. */
  status(): IndexStatus | undefined;
  /** Resolves once the server says the index is ready. */
  ready(): Promise<IndexStatus>;
  /** What the status bar item says. */
  statusBarText(): string;
  /** The Topics view's data, as the tree shows it. */
  topicTree: TopicTreeProvider;
  /** What the graph panel last reported drawing. */
  graphRendered(): { nodes: number; edges: number } | undefined;
  /** The paper cards open in tabs of their own: key → the Markdown shown. */
  paperPanels: ReadonlyMap<string, string>;
  /** The "Cited by" view's data. */
  citedBy: CitedByProvider;
  /** The Markdown preview's hook (`markdown.markdownItPlugins`): Pandoc citations rendered. */
  extendMarkdownIt(md: unknown): unknown;
  /** How many citation renderings the preview has received (for tests). */
  previewAnswers(): number;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LitnotesApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Literature Notes', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      ...['quarto', 'rmd'].flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    ],
    synchronize: { configurationSection: 'litnotes' },
    // The server keeps its warm-start cache of the parsed corpus in the extension's storage.
    initializationOptions: { settings: settingsForServer(), storagePath: context.globalStorageUri.fsPath },
    outputChannel: output,
    middleware: writingMiddleware(() => corpus),
  };
  const corpus = new CorpusDocuments(vscode.Uri.file(context.asAbsolutePath('corpus')));
  client = new LanguageClient('litnotes', 'Literature Notes', serverOptions, clientOptions);

  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar, output);
  let lastStatus: IndexStatus | undefined;
  const waiting: ((status: IndexStatus) => void)[] = [];
  const topics = new TopicTreeProvider(client);
  context.subscriptions.push(vscode.window.createTreeView('litnotes.topics', { treeDataProvider: topics, showCollapseAll: true }));
  client.onNotification(StatusNotification, (status) => {
    lastStatus = status;
    statusBar.show(status);
    if (status.state === 'ready') topics.refresh();
    if (status.state === 'ready') papers.refresh();
    writing.onStatus(status);
    if (status.state === 'ready') for (const resolve of waiting.splice(0)) resolve(status);
  });

  const papers = new PaperDocuments(client);
  const panels = new PaperPanels();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PaperDocuments.scheme, papers));
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(CorpusDocuments.scheme, corpus, { isReadonly: true, isCaseSensitive: true }));
  registerCommands(context, { client, papers, panels, corpus, output });
  const writing = registerWritingViews(context, client, output);
  registerTopicCommands(context, client, topics);
  registerKeyMemoryCommand(context, client);

  const preview = new PreviewCitations(client, output);
  await client.start();
  return {
    client,
    status: () => lastStatus,
    ready: () => (lastStatus?.state === 'ready' ? Promise.resolve(lastStatus) : new Promise((resolve) => waiting.push(resolve))),
    statusBarText: () => statusBar.item.text,
    topicTree: topics,
    graphRendered: () => GraphPanel.lastRendered,
    paperPanels: panels.shown,
    citedBy: writing.citedBy,
    extendMarkdownIt: (md) => preview.extendMarkdownIt(md as never),
    previewAnswers: () => preview.answers,
  };
}

/** In Restricted Mode a workspace may not point the server at files of its choosing. */
function settingsForServer(): unknown {
  const config = vscode.workspace.getConfiguration('litnotes');
  return {
    corpus: vscode.workspace.isTrusted ? config.get('corpus') : [],
    includeBundledCorpus: config.get('includeBundledCorpus'),
    notes: { include: config.get('notes.include'), exclude: config.get('notes.exclude') },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
