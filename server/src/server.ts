// The Literature Notes language server: `node dist/server.js --stdio`.
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import type { ServerContext } from './context';
import { noteDiagnostics, problemDiagnostics, registerQuickFixes } from './features/diagnostics';
import { registerCompletion } from './features/completion';
import { registerHover } from './features/hover';
import { registerNavigation } from './features/navigation';
import { registerDocumentLinks } from './features/links';
import { registerWorkspaceSymbols } from './features/symbols';
import { registerCustomRequests, StatusNotification } from './features/requests';
import { registerTopics } from './features/topics';
import { registerRename } from './features/rename';
import { LitWorkspace, normalizeSettings, uriToPath } from './workspace';
import { isNoteDocument } from './core/pandoc/languages';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new LitWorkspace();
let canPullConfiguration = false;
let canWatchFiles = false;
let canReportProgress = false;
/** URIs that currently have problem diagnostics (corpus or note files), to clear them later. */
let problemUris = new Set<string>();

const context: ServerContext = {
  connection,
  documents,
  workspace,
  publishNote(uri) {
    void connection.sendDiagnostics({ uri, diagnostics: noteDiagnostics(context, uri) });
  },
};

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canPullConfiguration = capabilities.workspace?.configuration === true;
  canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canReportProgress = capabilities.window?.workDoneProgress === true;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.folders = folders.map((uri) => uriToPath(uri)).filter((p): p is string => p !== undefined);
  workspace.settings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
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
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'litnotes' },
  };
});

connection.onInitialized(async () => {
  if (canWatchFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{md,markdown,qmd,Rmd,rmd}' }, { globPattern: '**/*.{txt,bib,json}' }],
    });
  }
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
    workspace.folders = workspace.folders.filter((f) => !removed.has(f));
    for (const added of event.added) {
      const folder = uriToPath(added.uri);
      if (folder) workspace.folders.push(folder);
    }
    void rebuild();
  });
  await rebuild();
});

/** Loads the corpus, then indexes the notes with progress, then publishes everything. */
async function rebuild(): Promise<void> {
  if (canPullConfiguration) {
    try {
      workspace.settings = normalizeSettings(await connection.workspace.getConfiguration({ section: 'litnotes', scopeUri: undefined }));
    } catch {
      // Keep the settings from initialization.
    }
  }
  workspace.state = 'indexing';
  sendStatus();
  const progress = canReportProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('Literature Notes: indexing', 0, 'corpus', false);
  workspace.loadCorpus();
  await workspace.indexNotes((done, total) => {
    progress?.report(total === 0 ? 100 : Math.round((100 * done) / total), `${done}/${total} notes`);
  });
  progress?.done();
  publishAll();
  sendStatus();
  await indexAbstracts();
}

async function indexAbstracts(): Promise<void> {
  await workspace.indexAbstractsSlowly();
  sendStatus();
  // A small corpus gets its topic graph now, so hovers can list related papers at once; a
  // large one (seconds of work) when the Topics view, the graph or a related search asks.
  if (workspace.corpus.papers.length <= 5000) setImmediate(() => workspace.topics());
}

function publishAll(): void {
  for (const note of workspace.notes.all()) context.publishNote(note.uri);
  const problems = problemDiagnostics([...workspace.corpus.problems, ...workspace.noteProblems]);
  for (const uri of problemUris) if (!problems.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  for (const [uri, diagnostics] of problems) void connection.sendDiagnostics({ uri, diagnostics });
  problemUris = new Set(problems.keys());
}

function sendStatus(): void {
  void connection.sendNotification(StatusNotification, workspace.status());
}

documents.onDidOpen((event) => {
  workspace.openDocuments.add(event.document.uri);
});

documents.onDidChangeContent((event) => {
  if (!isNoteDocument(event.document.languageId, event.document.uri)) return;
  workspace.setNote(event.document.uri, event.document.getText());
  context.publishNote(event.document.uri);
});

documents.onDidClose((event) => {
  const uri = event.document.uri;
  workspace.openDocuments.delete(uri);
  const file = uriToPath(uri);
  // Back to what the disk says; a document that is not a note on disk leaves the index.
  if (file && workspace.isNoteFile(file) && workspace.readNoteFromDisk(file)) {
    context.publishNote(uri);
  } else {
    workspace.deleteNote(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
});

let corpusReload: NodeJS.Timeout | undefined;
connection.onDidChangeWatchedFiles((params) => {
  let corpusChanged = false;
  for (const change of params.changes) {
    const file = safePath(change.uri);
    if (!file) continue;
    if (workspace.isCorpusFile(file)) {
      corpusChanged = true;
    } else if (workspace.isNoteFile(file) && !workspace.openDocuments.has(change.uri)) {
      if (change.type === FileChangeType.Deleted) {
        workspace.deleteNote(change.uri);
        void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else if (workspace.readNoteFromDisk(file)) {
        context.publishNote(change.uri);
      }
    }
  }
  if (corpusChanged) {
    // Another program rewriting a bibliography writes in bursts: reload once it settles.
    clearTimeout(corpusReload);
    corpusReload = setTimeout(() => {
      workspace.loadCorpus();
      publishAll();
      sendStatus();
      void indexAbstracts();
    }, 200);
  }
  sendStatus();
});

connection.onDidChangeConfiguration(() => {
  void rebuild();
});

function safePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

registerCompletion(context);
registerHover(context);
registerNavigation(context);
registerQuickFixes(context);
registerDocumentLinks(context);
registerWorkspaceSymbols(context);
registerCustomRequests(context, rebuild);
registerTopics(context);
registerRename(context);

documents.listen(connection);
connection.listen();
