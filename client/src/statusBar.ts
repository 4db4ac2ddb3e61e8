// The index state in the status bar: indexing, "N papers · M notes", or a warning that opens
// the problems.
import * as vscode from 'vscode';
import type { IndexStatus } from '../../server/src/protocol';

export type { IndexStatus } from '../../server/src/protocol';


export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('litnotes.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Literature Notes';
    this.item.text = '$(sync~spin) Literature Notes';
    this.item.command = 'litnotes.searchPapers';
    this.item.show();
  }

  show(status: IndexStatus): void {
    if (status.state !== 'ready') {
      this.item.text = '$(sync~spin) Literature Notes: indexing';
      this.item.tooltip = 'Indexing the corpus and your notes';
      this.item.backgroundColor = undefined;
      this.item.command = 'litnotes.showOutput';
      return;
    }
    const summary = `${status.papers} papers · ${status.notes} notes`;
    if (status.problems > 0) {
      this.item.text = `$(warning) ${summary}`;
      this.item.tooltip = `${status.problems} problem${status.problems === 1 ? '' : 's'} in corpus files or notes: click to see them`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.command = 'workbench.actions.view.problems';
    } else {
      this.item.text = `$(book) ${summary}`;
      this.item.tooltip = 'Literature Notes: search papers';
      this.item.backgroundColor = undefined;
      this.item.command = 'litnotes.searchPapers';
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
