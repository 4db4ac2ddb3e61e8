// Small file-system questions the commands ask through VS Code's file system API.
import * as vscode from 'vscode';

/** Whether something exists at the URI (a note, an export target). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
