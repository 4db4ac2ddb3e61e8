// The command palette: search papers live, insert a citation, show or open a paper, start a
// note from it, rebuild the index. Every change to a user's file goes through an undoable edit.
import * as vscode from 'vscode';
import { exists } from './files';
import type { LanguageClient } from 'vscode-languageclient/node';
import { noteFileName } from './noteFileName';
import { CorpusDocuments, PaperDocuments, PaperPanels, type PaperDetails, type PaperSummary } from './paperDocuments';
import { CitationAtRequest, RebuildRequest, SearchRequest } from '../../server/src/protocol';

/** Commands take an optional { query } (tests and keybindings use it to start a search). */
interface PickArgs {
  query?: string;
  key?: string;
  /** Several papers at once (Insert Citation). */
  keys?: string[];
}

type PaperItem = vscode.QuickPickItem & { paper: PaperSummary };

export interface CommandDeps {
  client: LanguageClient;
  papers: PaperDocuments;
  panels: PaperPanels;
  corpus: CorpusDocuments;
  output: vscode.OutputChannel;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { client, papers, panels, corpus, output } = deps;
  const register = (id: string, run: (args?: PickArgs) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  const chooseKey = async (args: PickArgs | undefined, title: string) => args?.key ?? (await pickPaper(client, title, args?.query))?.key;

  register('litnotes.searchPapers', async (args) => {
    const paper = args?.key ? { key: args.key } : await pickPaper(client, 'Search papers', args?.query);
    if (!paper) return;
    const actions: (vscode.QuickPickItem & { run: () => unknown })[] = [
      { label: '$(quote) Insert citation', run: () => insertCitation([paper.key], client) },
      { label: '$(preview) Show paper card', run: () => panels.show(paper.key) },
      { label: '$(go-to-file) Open in corpus file', run: () => openInCorpus(papers, corpus, paper.key) },
      { label: '$(new-file) New note from paper', run: () => newNoteFromPaper(papers, paper.key) },
      { label: '$(copy) Copy citation key', run: () => vscode.env.clipboard.writeText(paper.key) },
    ];
    const action = await vscode.window.showQuickPick(actions, { title: `@${paper.key}`, placeHolder: 'What to do with this paper' });
    await action?.run();
  });
  register('litnotes.insertCitation', async (args) => {
    const keys = args?.keys ?? (args?.key ? [args.key] : (await pickPapers(client, 'Insert citation (Space or click to pick several)', args?.query)).map((p) => p.key));
    if (keys.length > 0) await insertCitation(keys, client);
  });
  register('litnotes.showPaper', async (args) => {
    const key = await chooseKey(args, 'Show paper');
    if (key) await panels.show(key);
  });
  register('litnotes.openPaperSource', async (args) => {
    const key = await chooseKey(args, 'Open paper in its corpus file');
    if (key) await openInCorpus(papers, corpus, key);
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
  context.subscriptions.push(
    vscode.commands.registerCommand('litnotes.openNote', (args?: { uri?: string; line?: number }) => openNote(args)),
    vscode.commands.registerCommand('litnotes.replaceCitationKey', (args?: { uri: string; range: RangeJson; query: string }) => replaceCitationKey(client, args)),
  );
}

interface RangeJson {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Opens a note at a line (the card's "Cited in" links). */
async function openNote(args: { uri?: string; line?: number } | undefined): Promise<vscode.TextEditor | undefined> {
  if (!args?.uri) return undefined;
  const uri = vscode.Uri.parse(args.uri, true);
  if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return undefined;
  const position = new vscode.Position(Math.max(0, args.line ?? 0), 0);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: false });
}

/** A key Pandoc reads without braces (as the server's entryKeys.ts says). */
const PLAIN_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;

/** The "Search papers for …" fix: the picker with the unknown key's words, then the key replaced. */
async function replaceCitationKey(client: LanguageClient, args: { uri: string; range: RangeJson; query: string } | undefined): Promise<boolean> {
  if (!args) return false;
  const paper = await pickPaper(client, 'Replace the unknown key with', args.query);
  if (!paper) return false;
  const uri = vscode.Uri.parse(args.uri, true);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
  // The range is the key alone; a key Pandoc reads only in braces gets them if it has none.
  const braced = range.start.character > 0 && document.lineAt(range.start.line).text[range.start.character - 1] === '{';
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, braced || PLAIN_KEY.test(paper.key) ? paper.key : `{${paper.key}}`);
  return vscode.workspace.applyEdit(edit);
}

/** A quick pick that asks the server on every keystroke (the server's fuzzy search ranks). */
export function pickPaper(client: LanguageClient, title: string, initialQuery = ''): Promise<PaperSummary | undefined> {
  return runPicker(client, title, initialQuery, false).then((papers) => papers[0]);
}

/** The same, with checkboxes: Enter takes the checked papers, or the highlighted one. */
export function pickPapers(client: LanguageClient, title: string, initialQuery = ''): Promise<PaperSummary[]> {
  return runPicker(client, title, initialQuery, true);
}

function runPicker(client: LanguageClient, title: string, initialQuery: string, many: boolean): Promise<PaperSummary[]> {
  const pick = vscode.window.createQuickPick<PaperItem>();
  pick.title = title;
  pick.placeholder = 'Type a key, title words, an author, a year or abstract words';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.canSelectMany = many;
  const itemFor = (paper: PaperSummary): PaperItem => ({
    label: paper.title,
    description: `@${paper.key}${paper.credit ? ` · ${paper.credit}` : ''}`,
    detail: paper.abstractStart,
    // alwaysShow: the server has matched by typo or abstract words, which VS Code's own
    // label filter would hide.
    alwaysShow: true,
    paper,
  });
  /** Checked papers stay checked (and listed first) while the query changes. */
  let checked: PaperSummary[] = [];
  let latest = 0;
  const search = async (query: string) => {
    const request = ++latest;
    pick.busy = true;
    const results = await client.sendRequest(SearchRequest, { query, limit: 40 });
    if (request !== latest) return; // a newer keystroke already asked
    const kept = checked.map(itemFor);
    const keptKeys = new Set(checked.map((p) => p.key));
    pick.items = [...kept, ...results.filter((p) => !keptKeys.has(p.key)).map(itemFor)];
    if (many) pick.selectedItems = pick.items.filter((item) => keptKeys.has(item.paper.key));
    pick.busy = false;
  };
  return new Promise((resolve) => {
    let chosen: PaperSummary[] = [];
    pick.onDidChangeValue((value) => void search(value));
    pick.onDidChangeSelection((items) => {
      if (many) checked = items.map((item) => item.paper);
    });
    pick.onDidAccept(() => {
      const selected = pick.selectedItems.map((item) => item.paper);
      const fallback = pick.activeItems[0]?.paper ?? pick.items[0]?.paper;
      chosen = selected.length > 0 ? selected : fallback ? [fallback] : [];
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

/**
 * Inserts citations where the cursor is, respecting what is there: on or right after a key,
 * that key is replaced; inside a citation bracket, "; @key" is added; elsewhere "[@key]". Several
 * keys become one citation, "[@a; @b]". One undoable edit for every cursor.
 */
export async function insertCitation(keys: string[], client: LanguageClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a note to insert a citation into.');
    return false;
  }
  const document = editor.document;
  // The citation under each cursor, as the server's scanner sees it (code spans, e-mails...).
  const under = await Promise.all(
    editor.selections.map((selection) =>
      selection.isEmpty && document.languageId === 'markdown'
        ? client.sendRequest(CitationAtRequest, { uri: document.uri.toString(), position: { line: selection.active.line, character: selection.active.character } }).catch(() => null)
        : Promise.resolve(null),
    ),
  );
  const plans = editor.selections.map((selection, i) => planInsert(document.lineAt(selection.active.line).text, selection, keys, under[i]));
  return editor.edit((edit) => {
    for (const plan of plans) edit.replace(plan.range, plan.text);
  });
}

interface InsertPlan {
  range: vscode.Range;
  text: string;
}

type CitationUnder = { key: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | null;

function planInsert(line: string, selection: vscode.Selection, keys: string[], citation: CitationUnder): InsertPlan {
  const lineNumber = selection.active.line;
  const joined = keys.join('; @');
  if (citation && citation.range.start.line === lineNumber) {
    // On or right after a key: that key is replaced.
    const start = citation.range.start.character;
    const end = citation.range.end.character;
    const braced = line[start + 1] === '{';
    const keyStart = start + (braced ? 2 : 1);
    const keyEnd = braced && line[end - 1] === '}' ? end - 1 : end;
    const bracketed = citationBracketAround(line.slice(0, start), line.slice(end)) !== undefined;
    // An in-text key becomes a bracket when several replace it.
    if (!bracketed && keys.length > 1) return { range: new vscode.Range(lineNumber, start, lineNumber, end), text: `[@${joined}]` };
    return { range: new vscode.Range(lineNumber, keyStart, lineNumber, keyEnd), text: braced && keys.length > 1 ? keys[0] : joined };
  }
  const before = line.slice(0, selection.start.character);
  const after = line.slice(selection.end.character);
  const range = new vscode.Range(selection.start, selection.end);
  if (before.endsWith('@')) return { range, text: joined };
  const bracket = citationBracketAround(before, after);
  if (bracket) {
    const inside = bracket.before.trimEnd();
    if (inside === '') return { range, text: `@${joined}${/^\s*-?@/.test(bracket.after) ? '; ' : ''}` };
    if (inside.endsWith(';')) return { range, text: `${before.endsWith(' ') ? '' : ' '}@${joined}` };
    return { range, text: `; @${joined}` };
  }
  return { range, text: `[@${joined}]` };
}

/** The text between "[" and the cursor and between the cursor and "]", when that bracket holds a citation. */
function citationBracketAround(before: string, after: string): { before: string; after: string } | undefined {
  const open = before.lastIndexOf('[');
  if (open < 0 || before.indexOf(']', open) >= 0) return undefined;
  const close = after.indexOf(']');
  if (close < 0 || after.slice(0, close).includes('[')) return undefined;
  const inside = before.slice(open + 1) + after.slice(0, close);
  if (!inside.includes('@') && inside.trim() !== '') return undefined;
  return { before: before.slice(open + 1), after: after.slice(0, close) };
}

async function openInCorpus(papers: PaperDocuments, corpus: CorpusDocuments, key: string): Promise<void> {
  const details = await papers.details(key);
  if (!details) return;
  const document = await vscode.workspace.openTextDocument(corpus.readOnly(vscode.Uri.parse(details.location.uri)));
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
  const notesFolder = vscode.Uri.joinPath(folder.uri, config.get<string>('newNote.folder', 'notes'));
  const target = vscode.Uri.joinPath(notesFolder, `${noteFileName(key)}.md`);
  if (!isInside(target, notesFolder) || !isInside(notesFolder, folder.uri)) {
    void vscode.window.showErrorMessage(`New Note from Paper writes only inside the workspace folder; "litnotes.newNote.folder" points outside it.`);
    return undefined;
  }
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

function isInside(child: vscode.Uri, parent: vscode.Uri): boolean {
  const folder = parent.path.replace(/\/+$/, '');
  return child.scheme === parent.scheme && child.authority === parent.authority && (child.path === folder || child.path.startsWith(`${folder}/`));
}

export function fillTemplate(template: string, details: PaperDetails): string {
  const { summary, paper } = details;
  // The card's three topics, as the hover shows them (every category path had been listed).
  const subjects = details.topics;
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
    topicsYaml: JSON.stringify(subjects),
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
