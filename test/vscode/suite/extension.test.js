// The extension inside a real VS Code: what a user sees when citing in a note.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { workspace, note, sleep, eventually, screenshot, openNote, appendLine } = require('./support');

/** Runs a command that shows a quick pick, waits for its items, then accepts the first one. */
async function acceptQuickPick(command, args, settleMs = 1500) {
  const running = vscode.commands.executeCommand(command, args);
  await sleep(settleMs);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return running;
}

let api;

describe('Literature Notes in VS Code', function () {
  before(async function () {
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'litnotes');
    assert.ok(extension, 'the extension is installed');
    if (process.env.LITNOTES_EXPECT_INSTALLED) {
      assert.match(extension.extensionPath, /extensions[\\/]litnotes\.litnotes-/, 'the installed .vsix is under test, not the source folder');
    }
    await openNote('symmetry.md');
    api = await extension.activate();
    await api.ready();
  });

  it('shows the index state in the status bar', async function () {
    const status = await eventually(() => api.status()?.state === 'ready' && api.status(), 'ready status');
    assert.equal(status.papers, 38);
    assert.ok(status.notes >= 2);
    assert.equal(api.statusBarText(), `$(book) 38 papers · ${status.notes} notes`);
  });

  it('completes citations after "[@", by typo', async function () {
    const { document, editor } = await openNote('symmetry.md');
    const position = await appendLine(editor, ' see [@jelyfish');
    const list = await eventually(async () => {
      const result = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position, '@');
      return result.items.some((i) => (i.label.label ?? i.label) === 'jellyfish2023characterise') && result;
    }, 'completion items');
    const first = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
    assert.equal(first.label.label ?? first.label, 'jellyfish2023characterise');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await sleep(2500);
    await screenshot('completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('undo');
  });

  it('shows the paper card on hover', async function () {
    const { document, editor } = await openNote('symmetry.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('@limempirical'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('@limempirical') + 3);
    const hovers = await eventually(async () => {
      const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
      return result.length > 0 && result;
    }, 'hover');
    const text = hovers.flatMap((h) => h.contents.map((c) => c.value ?? c)).join('\n');
    assert.match(text, /The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof/);
    assert.match(text, /Derek Lim/);
    assert.match(text, /Cited in 2 notes/);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(2000);
    await screenshot('hover');
  });

  it('goes to the paper entry in its corpus file', async function () {
    const { document } = await openNote('symmetry.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('@limempirical'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('@limempirical') + 3);
    const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
    assert.equal(locations.length, 1);
    const target = locations[0].uri ?? locations[0].targetUri;
    assert.ok(target.path.endsWith('/corpus/000_40b54672e9f7f0c1.txt'), target.toString());
    assert.equal((locations[0].range ?? locations[0].targetRange).start.line, 5);
  });

  it('warns about an unknown key and fixes it with the quick fix', async function () {
    const { document } = await openNote('symmetry.md');
    const diagnostic = await eventually(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => d.message.includes('@jellyfsh2023')),
      'unknown key diagnostic',
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Replace with @jellyfish2023'));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /A typo here: \[@jellyfish2023characterise\]\./);
    await eventually(() => !vscode.languages.getDiagnostics(document.uri).some((d) => d.message.includes('jellyfsh')), 'diagnostic cleared');
    await vscode.commands.executeCommand('undo');
  });

  it('Insert Citation searches live and inserts an undoable [@key]', async function () {
    const { document, editor } = await openNote('symmetry.md');
    await appendLine(editor, '\nNew claim ');
    const before = document.getText();
    await acceptQuickPick('litnotes.insertCitation', { query: 'wyckoff diffusion' });
    assert.equal(document.getText(), `${before}[@wyckoffdiffdiffusion]`);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    await vscode.commands.executeCommand('undo');
  });

  it('Search Papers offers actions for the chosen paper', async function () {
    const { document, editor } = await openNote('symmetry.md');
    await appendLine(editor, '\nSee ');
    const before = document.getText();
    const running = vscode.commands.executeCommand('litnotes.searchPapers', { query: 'jegelka' });
    await sleep(1500);
    await screenshot('search-papers');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(800);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // "Insert citation"
    await running;
    assert.equal(document.getText(), `${before}[@limempirical]`);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
  });

  it('Show Paper opens the card', async function () {
    await vscode.commands.executeCommand('litnotes.showPaper', { key: 'faenet2023' });
    const card = await eventually(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'litnotes-paper' && d.uri.path === '/faenet2023.md'),
      'paper card document',
    );
    assert.match(card.getText(), /\*\*FAENet: Frame Averaging Equivariant GNN for Materials Modeling\*\*/);
    assert.match(card.getText(), /faenet\.readthedocs\.io/);
    await sleep(1000);
    await screenshot('paper-card');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('New Note from Paper creates a note from the template and never overwrites it', async function () {
    const target = await vscode.commands.executeCommand('litnotes.newNoteFromPaper', { key: 'fontanaoptimizing' });
    assert.equal(target.path, note('fontanaoptimizing.md').path);
    const document = await vscode.workspace.openTextDocument(target);
    const text = document.getText();
    assert.match(text, /^---\ntitle: "Optimizing parametrized quantum circuits via noise-induced breaking of symmetries"\ncitekey: fontanaoptimizing\n/);
    assert.match(text, /authors: \["Enrico Fontana","M\. Cerezo"/);
    assert.match(text, /\[@fontanaoptimizing\]/);
    assert.match(text, /\ndate: \n/, 'an unknown date stays empty');
    await document.save();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, new vscode.Position(document.lineCount - 1, 0), 'My own thoughts.\n');
    await vscode.workspace.applyEdit(edit);
    await document.save();
    await vscode.commands.executeCommand('litnotes.newNoteFromPaper', { key: 'fontanaoptimizing' });
    assert.match((await vscode.workspace.openTextDocument(target)).getText(), /My own thoughts\./);
  });

  it('shows topics, papers and the notes citing them in the Topics view', async function () {
    await vscode.commands.executeCommand('litnotes.topics.focus');
    const roots = await eventually(async () => {
      const children = await api.topicTree.getChildren();
      return children.length > 0 && children[0].id !== 'building' && children;
    }, 'topic tree', 60000);
    assert.equal(roots[0].label, 'equivariance', 'your own tags first');
    assert.equal(roots[1].label, 'parameter symmetry', 'then the topic headers');
    assert.ok(roots.some((r) => r.label === 'Information Technology'));
    assert.ok(roots.some((r) => r.source === 'mined'));
    const tag = roots.find((r) => r.label === 'equivariance');
    assert.ok(tag, 'the note tag is a topic');
    const underTag = await api.topicTree.getChildren(tag);
    const noteNames = underTag.filter((n) => n.kind === 'note').map((n) => n.ref.split('/').pop()).sort();
    assert.deepEqual(noteNames, ['other.md', 'symmetry.md']);
    const paper = underTag.find((n) => n.ref === 'limempirical');
    const citing = await api.topicTree.getChildren(paper);
    assert.deepEqual(citing.map((n) => n.ref.split('/').pop()).sort(), ['other.md', 'symmetry.md']);
    const item = api.topicTree.getTreeItem(paper);
    assert.equal(item.command.command, 'litnotes.showPaper');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('litnotes.topics.focus');
    await sleep(4000);
    await screenshot('topics-view');
  });

  it('draws the topic graph in a panel', async function () {
    await vscode.commands.executeCommand('litnotes.showTopicGraph');
    await vscode.commands.executeCommand('litnotes.graph.showFull');
    const drawn = await eventually(() => api.graphRendered()?.mode === 'full' && api.graphRendered(), 'graph rendered', 30000);
    assert.ok(drawn.nodes > 30, JSON.stringify(drawn));
    assert.ok(drawn.edges > 30, JSON.stringify(drawn));
    await sleep(1500);
    await screenshot('topic-graph');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Rebuild Index re-indexes and reports ready', async function () {
    await vscode.commands.executeCommand('litnotes.rebuildIndex');
    assert.equal(api.status().state, 'ready');
    assert.ok(api.status().notes >= 3, 'the new note is indexed');
  });
});
