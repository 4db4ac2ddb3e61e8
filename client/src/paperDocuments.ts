// Paper cards as read-only documents (litnotes-paper:/KEY.md), filled by the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PaperRequest, type PaperDetails } from '../../server/src/protocol';

export type { PaperDetails, PaperSummary } from '../../server/src/protocol';

export class PaperDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'litnotes-paper';

  constructor(private readonly client: LanguageClient) {}

  static uri(key: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PaperDocuments.scheme, path: `/${key}.md` });
  }

  details(key: string): Promise<PaperDetails | null> {
    return this.client.sendRequest(PaperRequest, { key });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const details = await this.details(key);
    return details ? details.markdown : `No paper with key @${key}.`;
  }
}
