// The Literature Notes language server: `node dist/server.js --stdio`. Wires an LSP connection
// to the service; what the server knows and does lives in service/, one file per feature in
// features/.
// Loaded by dist/server.js (serverEntry.ts), which has started the corpus worker first.
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { lineDocuments } from './documentSync';
import { sendNotification, type ServerContext } from './context';
import { registerQuickFixes } from './features/diagnostics';
import { registerCompletion } from './features/completion';
import { registerHover } from './features/hover';
import { registerNavigation } from './features/navigation';
import { registerDocumentLinks } from './features/links';
import { registerWorkspaceSymbols } from './features/symbols';
import { registerCustomRequests } from './features/requests';
import { registerTopics } from './features/topics';
import { registerWriting } from './features/writing';
import { registerRename } from './features/rename';
import { registerPreview } from './features/preview';
import { registerInlayHints } from './features/inlayHints';
import { guardUntilInitialized } from './initGuard';
import { createIndexingProgress } from './indexingProgress';
import { createNodeHost, defaultCacheDir } from './node/nodeHost';
import { StatusNotification } from './protocol';
import { createLitService, type FileChange } from './service/service';
import { uriToPath } from './service/uris';
import { buildTopicsInWorker } from './background/topicsInWorker';
import { createWorkerCorpusLoader } from './background/corpusInWorker';
import { createNoteSourcesWorker } from './background/noteSourcesInWorker';

const FILE_CHANGE: Record<FileChangeType, FileChange['type']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** What the client said it can do, read once at initialize. */
interface ClientAbilities {
  pullConfiguration: boolean;
  watchFiles: boolean;
  workspaceFolderEvents: boolean;
  progress: boolean;
}

export function startServer(rawConnection: Connection): void {
  let initialized = false;
  let cacheDir: string | undefined;
  const connection = guardUntilInitialized(rawConnection, () => initialized);
  const documents = new TextDocuments(lineDocuments);
  const corpusLoader = createWorkerCorpusLoader(() => cacheDir);
  const service = createLitService({
    host: createNodeHost({ cacheDir: () => cacheDir }),
    buildTopics: buildTopicsInWorker,
    corpusLoader,
    noteSourcesInBackground: true,
    noteSourcesBuilder: createNoteSourcesWorker(),
    log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m), error: (m) => connection.console.error(m) },
  });
  let client: ClientAbilities = { pullConfiguration: false, watchFiles: false, workspaceFolderEvents: false, progress: false };

  const context: ServerContext = {
    connection,
    documents,
    service,
    async rebuild() {
      if (client.pullConfiguration) {
        try {
          service.setSettings(await connection.workspace.getConfiguration({ section: 'litnotes' }));
        } catch {
          // Keep the settings we have.
        }
      }
      await indexingProgress.beforeRebuild();
      try {
        return await service.rebuild();
      } finally {
        indexingProgress.afterRebuild();
      }
    },
  };

  service.onStatus((status) => sendNotification(connection, StatusNotification, status));
  service.onDiagnostics((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  const indexingProgress = createIndexingProgress(() => (client.progress ? connection.window.createWorkDoneProgress() : undefined));
  service.onProgress((event) => indexingProgress.onServiceProgress(event));

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    context.clientCapabilities = capabilities;
    client = {
      pullConfiguration: capabilities.workspace?.configuration === true,
      watchFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      workspaceFolderEvents: capabilities.workspace?.workspaceFolders === true,
      progress: capabilities.window?.workDoneProgress === true,
    };
    initialized = true;
    service.setFolders(initialFolders(params));
    // VS Code's client sends { settings }, Helix its `config` table ({ litnotes: {...} }).
    const options = params.initializationOptions as { settings?: unknown; litnotes?: unknown; storagePath?: unknown } | undefined;
    service.setSettings(options?.settings ?? options?.litnotes);
    // The warm-start cache: the extension's global storage, else the user's cache folder.
    cacheDir = typeof options?.storagePath === 'string' && options.storagePath ? options.storagePath : defaultCacheDir();
    // The corpus worker reads the packed cache while the client answers and the notes are read.
    corpusLoader.open();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['@', '{'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        renameProvider: { prepareProvider: true },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'litnotes' },
    };
  });

  connection.onInitialized(async () => {
    if (client.watchFiles) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown,qmd,Rmd,rmd}' }, { globPattern: '**/*.{txt,bib,json}' }],
      });
    }
    // The library throws when the client never said it sends folder changes.
    if (client.workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
        service.setFolders([...service.folders().filter((f) => !removed.has(f)), ...added]);
        void context.rebuild();
      });
    }
    await context.rebuild();
  });

  connection.onDidChangeConfiguration((params) => {
    // Clients without workspace/configuration (Neovim's `settings = {...}`) push the settings.
    const pushed = (params.settings as { litnotes?: unknown } | null | undefined)?.litnotes;
    if (pushed !== undefined) service.setSettings(pushed);
    void context.rebuild();
  });

  // Fired on open too: one call indexes the document under the client's spelling. The document
  // itself, not its text: the service reads the lines an edit changed (documentSync.ts).
  documents.onDidChangeContent((event) => service.openDocument(event.document.uri, event.document, event.document.languageId));
  documents.onDidClose((event) => service.closeDocument(event.document.uri));
  connection.onDidChangeWatchedFiles((params) => service.filesChanged(params.changes.map((c) => ({ uri: c.uri, type: FILE_CHANGE[c.type] }))));
  connection.onShutdown(() => service.dispose());

  registerCompletion(context);
  registerHover(context);
  registerNavigation(context);
  registerQuickFixes(context);
  registerDocumentLinks(context);
  registerWorkspaceSymbols(context);
  registerCustomRequests(context);
  registerTopics(context);
  registerWriting(context);
  registerRename(context);
  registerPreview(context);
  registerInlayHints(context);

  documents.listen(connection);
  connection.listen();
}

/** Workspace folders, else rootUri, else rootPath; none at all still serves the bundled corpus. */
function initialFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders) return params.workspaceFolders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  if (params.rootUri) return [uriToPath(params.rootUri)].filter((p): p is string => p !== undefined);
  return params.rootPath ? [params.rootPath] : [];
}

startServer(createConnection(ProposedFeatures.all));
