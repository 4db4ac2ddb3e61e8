// What every real-editor suite file needs: the fixture's notes, polling for VS Code's
// asynchronous updates, and screenshots through the launcher.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const workspace = () => vscode.workspace.workspaceFolders[0].uri;
const note = (name) => vscode.Uri.joinPath(workspace(), 'notes', name);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() returns something truthy (VS Code updates arrive asynchronously). */
async function eventually(check, what, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** Where the launcher collects results and screenshots (code-server runs only). */
const resultsDir = () => (process.env.LITNOTES_TEST_RESULTS ? path.dirname(process.env.LITNOTES_TEST_RESULTS) : undefined);

/** Asks the launcher for a screenshot of what is on screen now (skipped outside code-server). */
async function screenshot(name) {
  const dir = resultsDir();
  if (!dir || !process.env.LITNOTES_SCREENSHOTS) return;
  fs.writeFileSync(path.join(dir, `snap-${name}.request`), '');
  await eventually(() => fs.existsSync(path.join(dir, `snap-${name}.done`)), `screenshot ${name}`, 15000).catch(() => {});
}

// One counter for every suite file: an answer file left by one file's act must not answer another's.
let acts = 0;
/**
 * Keys pressed, text typed and clicks made by the browser around the workbench, as a user
 * would, then what the workbench shows for a CSS selector (code-server launcher only).
 */
async function act(steps, read) {
  const dir = resultsDir();
  if (!dir) return undefined;
  const name = `a${++acts}`;
  const answer = path.join(dir, `act-${name}.json`);
  fs.writeFileSync(path.join(dir, `act-${name}.request`), JSON.stringify({ steps, read }));
  await eventually(() => fs.existsSync(answer), `browser action ${name}`, 30000);
  const result = JSON.parse(fs.readFileSync(answer, 'utf8'));
  if (!result.ok) throw new Error(`browser action failed: ${result.error}`);
  return result.read;
}

/** Opens a fixture note in an editor. */
async function openNote(name) {
  const document = await vscode.workspace.openTextDocument(note(name));
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}

/** Types text at the end of the document and puts the cursor after it. */
async function appendLine(editor, text) {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((e) => e.insert(end, text));
  const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(position, position);
  return position;
}

module.exports = { workspace, note, sleep, eventually, resultsDir, screenshot, openNote, appendLine, act };
