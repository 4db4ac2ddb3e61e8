// The command palette: search papers live, insert a citation, show or open a paper, start a
// note from it, rebuild the index. Every change to a user's file goes through an undoable edit.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PaperDocuments, type PaperDetails, type PaperSummary } from './paperDocuments';
import { RebuildRequest, SearchRequest } from '../../server/src/protocol';

/** Commands take an optional { query } (tests and keybindings use it to start a search). */
interface PickArgs {
  query?: string;
  key?: string;
}

type PaperItem = vscode.QuickPickItem & { paper: PaperSummary };

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, papers: PaperDocuments, output: vscode.OutputChannel): void {
  const register = (id: string, run: (args?: PickArgs) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  const chooseKey = async (args: PickArgs | undefined, title: string) => args?.key ?? (await pickPaper(client, title, args?.query))?.key;

  register('litnotes.searchPapers', async (args) => {
    const paper = args?.key ? { key: args.key } : await pickPaper(client, 'Search papers', args?.query);
    if (!paper) return;
    const actions: (vscode.QuickPickItem & { run: () => unknown })[] = [
      { label: '$(quote) Insert citation', run: () => insertCitation(paper.key) },
      { label: '$(preview) Show paper card', run: () => showPaper(paper.key) },
      { label: '$(go-to-file) Open in corpus file', run: () => openInCorpus(papers, paper.key) },
      { label: '$(new-file) New note from paper', run: () => newNoteFromPaper(papers, paper.key) },
      { label: '$(copy) Copy citation key', run: () => vscode.env.clipboard.writeText(paper.key) },
    ];
    const action = await vscode.window.showQuickPick(actions, { title: `@${paper.key}`, placeHolder: 'What to do with this paper' });
    await action?.run();
  });
  register('litnotes.insertCitation', async (args) => {
    const key = await chooseKey(args, 'Insert citation');
    if (key) await insertCitation(key);
  });
  register('litnotes.showPaper', async (args) => {
    const key = await chooseKey(args, 'Show paper');
    if (key) await showPaper(key);
  });
  register('litnotes.openPaperSource', async (args) => {
    const key = await chooseKey(args, 'Open paper in its corpus file');
    if (key) await openInCorpus(papers, key);
  });
  register('litnotes.newNoteFromPaper', async (args) => {
    const key = await chooseKey(args, 'New note from paper');
    if (key) return newNoteFromPaper(papers, key);
  });
  register('litnotes.rebuildIndex', async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Literature Notes: rebuilding the index' }, () =>
      client.sendRequest(RebuildRequest),
    );
  });
  register('litnotes.showOutput', () => output.show(true));
}

/** A quick pick that asks the server on every keystroke (the server's fuzzy search ranks). */
export function pickPaper(client: LanguageClient, title: string, initialQuery = ''): Promise<PaperSummary | undefined> {
  const pick = vscode.window.createQuickPick<PaperItem>();
  pick.title = title;
  pick.placeholder = 'Type a key, title words, an author, a year or abstract words';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let latest = 0;
  const search = async (query: string) => {
    const request = ++latest;
    pick.busy = true;
    const results = await client.sendRequest(SearchRequest, { query, limit: 40 });
    if (request !== latest) return; // a newer keystroke already asked
    // alwaysShow: the server has matched by typo or abstract words, which VS Code's own
    // label filter would hide.
    pick.items = results.map((paper) => ({
      label: paper.title,
      description: `@${paper.key}${paper.credit ? ` · ${paper.credit}` : ''}`,
      detail: paper.abstractStart,
      alwaysShow: true,
      paper,
    }));
    pick.busy = false;
  };
  return new Promise((resolve) => {
    let chosen: PaperSummary | undefined;
    pick.onDidChangeValue((value) => void search(value));
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.paper ?? pick.activeItems[0]?.paper;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.value = initialQuery;
    pick.show();
    void search(initialQuery);
  });
}

/** `[@key]` at the cursor, or `@key` when the cursor is already inside a citation bracket. */
export async function insertCitation(key: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a note to insert a citation into.');
    return false;
  }
  return editor.edit((edit) => {
    for (const selection of editor.selections) {
      const line = editor.document.lineAt(selection.active.line).text;
      const before = line.slice(0, selection.active.character);
      const after = line.slice(selection.active.character);
      const insideBracket = /\[[^\]]*@[^\]]*$/.test(before) || (/\[[^\]]*$/.test(before) && /^[^[]*\]/.test(after));
      const justAfterAt = before.endsWith('@');
      let text = insideBracket ? `@${key}` : `[@${key}]`;
      if (justAfterAt) text = key;
      else if (insideBracket && /[^\s[;]$/.test(before)) text = `; @${key}`;
      edit.replace(selection, text);
    }
  });
}

async function showPaper(key: string): Promise<void> {
  const uri = PaperDocuments.uri(key);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}

async function openInCorpus(papers: PaperDocuments, key: string): Promise<void> {
  const details = await papers.details(key);
  if (!details) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(details.location.uri));
  const position = new vscode.Position(details.location.range.start.line, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}

const DEFAULT_TEMPLATE = [
  '---',
  'title: ${titleYaml}',
  'citekey: ${key}',
  'authors: ${authorsYaml}',
  'date: ${date}',
  'topics: ${topicsYaml}',
  '---',
  '',
  '# ${title}',
  '',
  '[@${key}]',
  '',
  '> ${abstract}',
  '',
  '## Notes',
  '',
].join('\n');

/** Creates `<folder>/<key>.md` from the template; an existing note is opened, never overwritten. */
export async function newNoteFromPaper(papers: PaperDocuments, key: string): Promise<vscode.Uri | undefined> {
  const details = await papers.details(key);
  const folder = vscode.window.activeTextEditor
    ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) ?? vscode.workspace.workspaceFolders?.[0]
    : vscode.workspace.workspaceFolders?.[0];
  if (!details || !folder) {
    void vscode.window.showWarningMessage(folder ? `No paper with key @${key}.` : 'Open a folder to create notes in.');
    return undefined;
  }
  const config = vscode.workspace.getConfiguration('litnotes', folder.uri);
  const target = vscode.Uri.joinPath(folder.uri, config.get<string>('newNote.folder', 'notes'), `${key}.md`);
  if (await exists(target)) {
    void vscode.window.showInformationMessage(`A note for @${key} already exists; opening it.`);
  } else {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { ignoreIfExists: true });
    edit.insert(target, new vscode.Position(0, 0), fillTemplate(config.get<string>('newNote.template') || DEFAULT_TEMPLATE, details));
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  }
  await vscode.window.showTextDocument(target);
  return target;
}

export function fillTemplate(template: string, details: PaperDetails): string {
  const { summary, paper } = details;
  const subjects = paper.topics.filter((t) => t.kind !== 'place').map((t) => t.path[t.path.length - 1]);
  const authors = paper.authors?.map((a) => (a.given ? `${a.given} ${a.family}` : a.family)) ?? [];
  const values: Record<string, string> = {
    key: summary.key,
    title: summary.title,
    titleYaml: JSON.stringify(summary.title),
    authors: summary.authors,
    authorsYaml: JSON.stringify(authors),
    date: isoDate(paper.date),
    year: paper.date.year !== undefined ? String(paper.date.year) : '',
    abstract: paper.abstract ?? '',
    topics: subjects.join(', '),
    topicsYaml: JSON.stringify([...new Set(subjects)]),
  };
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** "2023-04-28", "2023-04", "2023", or empty when the year is unknown (nothing is made up). */
function isoDate(date: { year?: number; month?: number; day?: number }): string {
  if (date.year === undefined) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  if (date.month === undefined) return String(date.year);
  return date.day === undefined ? `${date.year}-${two(date.month)}` : `${date.year}-${two(date.month)}-${two(date.day)}`;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
