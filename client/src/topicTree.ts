// The Topics view: topics → subtopics → papers → notes citing them, from the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TopicTreeRequest, type TreeNode } from '../../server/src/protocol';

export type { TreeNode } from '../../server/src/protocol';


const ICONS: Record<string, string> = { cluster: 'circuit-board', header: 'bookmark', subject: 'symbol-namespace', keyword: 'symbol-keyword', mined: 'sparkle', tag: 'tag', place: 'globe' };

export class TopicTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await this.client.sendRequest(TopicTreeRequest, { id: node?.id });
    // While topics build the server answers with one progress node: ask again shortly.
    if (!node && children.length === 1 && children[0].id === 'building') setTimeout(() => this.refresh(), 700);
    return children;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.kind;
    if (node.id === 'building') {
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    } else if (node.kind === 'topic') {
      item.iconPath = new vscode.ThemeIcon(ICONS[node.source ?? ''] ?? 'symbol-folder');
      item.tooltip = `${node.label} (${node.description})`;
    } else if (node.kind === 'more') {
      // The rest of a large topic: its graph (walked from the topic) shows them.
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = 'Open the topic graph of this topic, or find a paper with Literature Notes: Search Papers';
      item.command = { command: 'litnotes.showTopicGraph', title: 'Show Topic Graph', arguments: [{ kind: 'topic', id: node.ref }] };
    } else if (node.kind === 'paper') {
      item.iconPath = new vscode.ThemeIcon('book');
      item.tooltip = `@${node.ref}: ${node.label}`;
      item.command = { command: 'litnotes.showPaper', title: 'Show Paper', arguments: [{ key: node.ref }] };
    } else {
      item.iconPath = new vscode.ThemeIcon('note');
      item.resourceUri = vscode.Uri.parse(node.ref!);
      item.command = { command: 'vscode.open', title: 'Open Note', arguments: [vscode.Uri.parse(node.ref!)] };
    }
    return item;
  }
}
