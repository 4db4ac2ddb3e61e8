// "Literature Notes: Save Citation Key Memory" in a real VS Code, run from the command palette
// as a user runs it: it writes .litnotes/keys.json (the keys the notes cite, each under its
// paper's key) as one edit that Undo takes back; over an open key file it replaces the text,
// and Undo brings the old text back.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { workspace, eventually, resultsDir, screenshot, openNote, act } = require('./support');

const COMMAND_TITLE = 'Literature Notes: Save Citation Key Memory';
const keyFile = () => vscode.Uri.joinPath(workspace(), '.litnotes', 'keys.json');
const exists = (uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
const readText = async (uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** The command through the palette (F1, its title, Enter); the API where no browser drives the page. */
async function runFromPalette() {
  if (!resultsDir()) return vscode.commands.executeCommand('litnotes.saveKeyMemory');
  const rows = await act([{ press: 'F1', wait: 800 }, { type: COMMAND_TITLE, delay: 20, wait: 1200 }], '.quick-input-list .monaco-list-row');
  assert.ok(rows.some((r) => r.includes('Save Citation Key Memory')), `the palette lists the command: ${rows.join(' || ')}`);
  await act([{ press: 'Enter', wait: 500 }]);
  return undefined;
}

/** Undo in an editor showing the key file, as Ctrl+Z there does. */
async function undoIn(uri) {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('undo');
}

describe('Save Citation Key Memory', function () {
  before(async function () {
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'litnotes');
    await openNote('symmetry.md');
    await (await extension.activate()).ready();
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (await exists(keyFile())) await vscode.workspace.fs.delete(keyFile());
  });

  it('writes .litnotes/keys.json from the palette, and Undo removes it', async function () {
    assert.equal(await exists(keyFile()), false, 'no key file before the command');
    await openNote('symmetry.md');
    await runFromPalette();
    await eventually(() => exists(keyFile()), '.litnotes/keys.json written');
    const memory = JSON.parse(await readText(keyFile()));
    assert.equal(memory.format, 'litnotes citation keys');
    const keys = memory.papers.map((p) => p.keys);
    // The notes cite @limempirical and @jellyfish2023 (an older key of jellyfish2023characterise).
    assert.ok(keys.some((k) => k.includes('limempirical')), JSON.stringify(keys));
    assert.ok(keys.some((k) => k[0] === 'jellyfish2023characterise' && k.includes('jellyfish2023')), `the older key is kept under its paper: ${JSON.stringify(keys)}`);
    assert.ok(memory.papers.every((p) => p.copies.length > 0), 'each paper with its copies\' fingerprints');
    await screenshot('key-memory-saved');

    await undoIn(keyFile());
    await eventually(async () => !(await exists(keyFile())), 'Undo removes the key file');
  });

  it('over an open key file replaces its text as one edit, and Undo restores the old text', async function () {
    const old = '{\n  "format": "litnotes citation keys",\n  "version": 1,\n  "papers": []\n}\n';
    await vscode.workspace.fs.writeFile(keyFile(), new TextEncoder().encode(old));
    const document = await vscode.workspace.openTextDocument(keyFile());
    await vscode.window.showTextDocument(document, { preview: false });
    await runFromPalette();
    await eventually(() => document.getText() !== old && document.getText(), 'the open key file replaced');
    assert.match(document.getText(), /"limempirical"/);
    await eventually(async () => !document.isDirty && (await readText(keyFile())) === document.getText(), 'the new text saved');

    await undoIn(keyFile());
    await eventually(() => document.getText() === old, 'Undo brings the old text back');
  });
});
