// "Literature Notes: Save Citation Key Memory": writes .litnotes/keys.json in the first
// workspace folder (the keys the notes cite, each with the paper it stands for) so they keep
// resolving after a restart, on any machine, whatever corpus files come and go. Written only
// by this command, as one undoable edit: a new file, or the open file's text replaced.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KeyMemoryFileRequest } from '../../server/src/protocol';
import { exists } from './files';

export function registerKeyMemoryCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('litnotes.saveKeyMemory', () => saveKeyMemory(client)));
}

async function saveKeyMemory(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const result = await client.sendRequest(KeyMemoryFileRequest);
  if (!result) {
    void vscode.window.showInformationMessage('Open a folder first: the citation key memory is saved in it, as .litnotes/keys.json.');
    return undefined;
  }
  if (result.keys === 0) {
    void vscode.window.showInformationMessage('No cited key to remember yet: cite a paper first.');
    return undefined;
  }
  const target = vscode.Uri.parse(result.uri, true);
  const edit = new vscode.WorkspaceEdit();
  let document: vscode.TextDocument | undefined;
  if (await exists(target)) {
    document = await vscode.workspace.openTextDocument(target);
    if (document.getText() === result.text) {
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(target)} is up to date.`);
      return target;
    }
    edit.replace(target, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
  } else {
    edit.createFile(target, { contents: new TextEncoder().encode(result.text) });
  }
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  // Saved so the server and version control see it; the edit stays undoable in the editor.
  await document?.save();
  void vscode.window.showInformationMessage(`Saved ${result.keys} cited key${result.keys === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
