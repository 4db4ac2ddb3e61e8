// The writing flow in a real VS Code: completion while a typo is typed, inserts that respect the
// key at the cursor, several papers at once, the "Search papers for" fix, the card's links, the
// card in a tab of its own, the Cited By view, the read-only bundled corpus, the walkthrough.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { workspace, note, sleep, eventually, resultsDir, screenshot, openNote, appendLine, act } = require('./support');

async function restore(document, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  await document.save();
}

async function acceptQuickPick(command, args, settleMs = 1500) {
  const running = vscode.commands.executeCommand(command, args);
  await sleep(settleMs);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return running;
}

const SUGGEST_ROWS = '.editor-widget.suggest-widget.visible .monaco-list-row';

let api;

describe('Writing with Literature Notes', function () {
  before(async function () {
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'litnotes');
    await openNote('symmetry.md');
    api = await extension.activate();
    await api.ready();
  });

  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('keeps an equivariance paper in the open list while "[@equivarin" is typed one key at a time', async function () {
    if (!resultsDir()) this.skip();
    const { document, editor } = await openNote('symmetry.md');
    const original = document.getText();
    await appendLine(editor, '\n\nTyped: ');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const seen = [];
    let rows = await act([{ type: '[@equivari', delay: 120, wait: 1500 }], SUGGEST_ROWS);
    seen.push(rows.length);
    assert.ok(rows.some((r) => /equivarian/i.test(r)), `the list after "[@equivari": ${rows.join(' || ')}`);
    rows = await act([{ type: 'n', wait: 1500 }], SUGGEST_ROWS);
    seen.push(rows.length);
    assert.ok(rows.some((r) => /equivarian/i.test(r)), `the list stays open after "[@equivarin": ${rows.join(' || ')}`);
    await screenshot('completion-typo');
    rows = await act([{ type: 't', wait: 1500 }], SUGGEST_ROWS);
    assert.ok(rows.some((r) => /equivarian/i.test(r)), `and after "[@equivarint": ${rows.join(' || ')}`);
    await act([{ press: 'Escape' }]);
    assert.match(editor.document.lineAt(editor.document.lineCount - 1).text, /^Typed: \[@equivarint\]?$/);
    await restore(document, original);
  });

  it('Insert Citation with the cursor inside a key replaces that key', async function () {
    const { document, editor } = await openNote('symmetry.md');
    const original = document.getText();
    await appendLine(editor, '\n\nClaim [@hu2021lora] here.');
    const line = document.lineCount - 1;
    const column = document.lineAt(line).text.indexOf('@hu') + 3; // [@hu|2021lora]
    editor.selection = new vscode.Selection(line, column, line, column);
    await acceptQuickPick('litnotes.insertCitation', { query: 'wyckoff diffusion' });
    assert.equal(document.lineAt(line).text, 'Claim [@wyckoffdiffdiffusion] here.');
    // Inside the bracket but not on a key: "; @key".
    await editor.edit((e) => e.insert(new vscode.Position(line, document.lineAt(line).text.indexOf(']')), ', p. 4'));
    const after = document.lineAt(line).text.indexOf(']');
    editor.selection = new vscode.Selection(line, after, line, after);
    await vscode.commands.executeCommand('litnotes.insertCitation', { key: 'faenet2023' });
    assert.equal(document.lineAt(line).text, 'Claim [@wyckoffdiffdiffusion, p. 4; @faenet2023] here.');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(line).text, 'Claim [@wyckoffdiffdiffusion, p. 4] here.', 'one undo takes one insert back');
    // Outside any bracket: a bracket of its own.
    const end = document.lineAt(line).text.length;
    editor.selection = new vscode.Selection(line, end, line, end);
    await vscode.commands.executeCommand('litnotes.insertCitation', { keys: ['tale', 'faenet2023'] });
    assert.equal(document.lineAt(line).text, 'Claim [@wyckoffdiffdiffusion, p. 4] here.[@tale; @faenet2023]');
    await restore(document, original);
  });

  it('multi-select in the picker inserts [@a; @b]', async function () {
    if (!resultsDir()) this.skip();
    const { document, editor } = await openNote('symmetry.md');
    const original = document.getText();
    await appendLine(editor, '\n\nBoth: ');
    const line = document.lineCount - 1;
    const running = vscode.commands.executeCommand('litnotes.insertCitation', { query: 'equivariant' });
    await sleep(1500);
    const rows = await act(
      [
        // In a multi-select pick, clicking an item's label toggles its checkbox.
        { click: '.quick-input-list .monaco-list-row label.quick-input-list-label', nth: 0, wait: 300 },
        { click: '.quick-input-list .monaco-list-row label.quick-input-list-label', nth: 1, wait: 300 },
      ],
      '.quick-input-list .monaco-list-row',
    );
    await screenshot('insert-many');
    await act([{ press: 'Enter', wait: 500 }]);
    await running;
    const text = document.lineAt(line).text;
    assert.match(text, /^Both: \[@[\w.-]+; @[\w.-]+\]$/, `${text}\n${rows.join('\n')}`);
    await restore(document, original);
  });

  it('the "Search papers for" fix opens the picker with the key\'s words and replaces the key', async function () {
    const { document } = await openNote('symmetry.md');
    const original = document.getText();
    const diagnostic = await eventually(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => d.message.includes('@jellyfsh2023')),
      'unknown key diagnostic',
    );
    assert.match(diagnostic.message, /Did you mean @jellyfish2023characterise\?/);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const search = actions.find((a) => a.title.startsWith('Search papers for'));
    assert.ok(search, actions.map((a) => a.title).join(', '));
    assert.equal(search.title, 'Search papers for "jellyfsh 2023"…');
    const running = vscode.commands.executeCommand(search.command.command, ...search.command.arguments);
    await sleep(1500);
    await screenshot('search-fix');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await running, true);
    assert.match(document.getText(), /A typo here: \[@jellyfish2023characterise\]\./);
    await restore(document, original);
  });

  it('the hover card links each citing note, and clicking one opens it', async function () {
    const { document, editor } = await openNote('symmetry.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('@limempirical'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('@limempirical') + 3);
    const hovers = await eventually(async () => {
      const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
      return result.length > 0 && result;
    }, 'hover');
    const markdown = hovers[0].contents[0];
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ['litnotes.openNote', 'litnotes.showPaper'] }, 'only this extension\'s card commands run');
    assert.match(markdown.value, /Cited in 2 notes\*: \[other\.md:3\]\(command:litnotes\.openNote\?/);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    await screenshot('card');
    if (resultsDir()) {
      await act([{ click: '.monaco-hover a[data-href^="command:litnotes.openNote"]', nth: 0, wait: 1500 }]);
    } else {
      const link = /\]\((command:litnotes\.openNote\?[^)]+)\)/.exec(markdown.value)[1];
      const args = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1)));
      await vscode.commands.executeCommand('litnotes.openNote', ...args);
    }
    const active = await eventually(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes/other.md') && vscode.window.activeTextEditor, 'the citing note opened');
    assert.equal(active.selection.active.line, 2);
  });

  it('Show Paper opens the card in its own tab that stays put when another note is opened', async function () {
    await vscode.commands.executeCommand('litnotes.showPaper', { key: 'faenet2023' });
    await eventually(() => api.paperPanels.get('faenet2023'), 'paper card tab');
    assert.match(api.paperPanels.get('faenet2023'), /\*\*FAENet: Frame Averaging Equivariant GNN for Materials Modeling\*\*/);
    const cardTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === '@faenet2023');
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} (${t.input?.constructor?.name}, ${t.input?.viewType})`).join(', ');
    await eventually(() => cardTab(), `a tab of its own among ${tabs()}`, 5000);
    await sleep(1000);
    await screenshot('paper-card-tab');
    await openNote('other.md');
    await sleep(1000);
    assert.ok(cardTab(), 'still open after another note is opened');
    assert.match(api.paperPanels.get('faenet2023'), /FAENet/, 'still the same paper');
    await vscode.commands.executeCommand('litnotes.showPaper', { key: 'limempirical' });
    await eventually(() => api.paperPanels.get('limempirical'), 'second card');
    assert.ok(cardTab(), 'one tab per paper');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the notes citing the paper under the cursor, with lines, in the Cited By view', async function () {
    const { document, editor } = await openNote('symmetry.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('@limempirical'));
    const column = document.lineAt(line).text.indexOf('@limempirical') + 2;
    editor.selection = new vscode.Selection(line, column, line, column);
    await eventually(() => api.citedBy.key === 'limempirical', 'the view follows the cursor');
    const [root] = api.citedBy.getChildren();
    const sites = api.citedBy.getChildren(root);
    assert.deepEqual(
      sites.map((s) => `${s.site.name}:${s.site.line + 1}`).sort(),
      ['other.md:3', `symmetry.md:${line + 1}`],
    );
    assert.equal(api.citedBy.getTreeItem(sites[0]).command.command, 'litnotes.openNote');
    await vscode.commands.executeCommand('litnotes.citedBy.focus');
    await sleep(1500);
    await screenshot('cited-by');
  });

  it('F12 opens the bundled corpus read-only', async function () {
    const { document } = await openNote('symmetry.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('@limempirical'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('@limempirical') + 3);
    const [location] = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
    const target = location.uri ?? location.targetUri;
    assert.equal(target.scheme, 'litnotes-corpus');
    const corpus = await vscode.workspace.openTextDocument(target);
    assert.match(corpus.lineAt(5).text, /Empirical Impact of Neural Parameter Symmetries/);
    const editor = await vscode.window.showTextDocument(corpus);
    assert.equal(vscode.workspace.fs.isWritableFileSystem('litnotes-corpus'), false);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'typed into the corpus' });
    assert.doesNotMatch(corpus.getText(), /typed into the corpus/, 'typing does not change the bundled corpus');
    assert.equal(corpus.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('exports the cited papers next to the notes', async function () {
    await openNote('symmetry.md');
    const target = vscode.Uri.joinPath(workspace(), 'notes', 'references.bib');
    const written = await vscode.commands.executeCommand('litnotes.exportBibliography', { format: 'bibtex', scope: 'workspace', target: target.toString() });
    assert.equal(written.toString(), target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /\{limempirical,/);
    assert.match(text, /\{faenet2023frame,/);
    await vscode.workspace.fs.delete(target);
  });

  it('opens the walkthrough', async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'litnotes.litnotes#litnotes.start', false);
    await sleep(2500);
    const tab = await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Welcome|Walkthrough|Get started/i.test(t.label)), 'walkthrough tab');
    assert.ok(tab);
    if (resultsDir()) {
      const shown = await act([], '.gettingStartedContainer h2, .gettingStartedContainer .step-title, .gettingStartedContainer h3');
      assert.ok(shown.some((t) => /Literature Notes/.test(t)), shown.join(' || '));
      assert.ok(shown.some((t) => /Cite a paper/.test(t)), shown.join(' || '));
    }
    await screenshot('walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
