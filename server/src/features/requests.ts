// Custom requests for the extension's commands and status bar (documented in the README).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver/node';
import { cardMarkdown, cardText, formatAuthors, formatDate, shortCredit } from '../core/output/card';
import type { Paper } from '../core/corpus/model';
import type { ServerContext } from '../context';
import type { IndexStatus, PaperSummary } from '../protocol';
import { paperLocation } from './navigation';
import { cardExtras, searchWhileTyping } from './writing';


export const StatusNotification = new NotificationType<IndexStatus>('litnotes/status');
export const StatusRequest = new RequestType0<IndexStatus, void>('litnotes/status');
export const SearchRequest = new RequestType<{ query: string; limit?: number }, PaperSummary[], void>('litnotes/search');
export const PaperRequest = new RequestType<{ key: string }, unknown, void>('litnotes/paper');
export const RebuildRequest = new RequestType0<IndexStatus, void>('litnotes/rebuild');

export function summarize(paper: Paper): PaperSummary {
  const abstract = paper.abstract ?? '';
  return {
    key: paper.key,
    title: paper.title,
    credit: shortCredit(paper),
    authors: formatAuthors(paper),
    date: formatDate(paper.date),
    abstractStart: abstract.length > 160 ? abstract.slice(0, 157) + '…' : abstract,
  };
}

export function registerCustomRequests(context: ServerContext, rebuild: () => Promise<void>): void {
  const { connection, workspace } = context;
  connection.onRequest(StatusRequest, () => workspace.status());
  connection.onRequest(SearchRequest, ({ query, limit }) => searchWhileTyping(workspace, query, limit ?? 30).map((hit) => summarize(hit.paper)));
  connection.onRequest(PaperRequest, ({ key }) => {
    const paper = workspace.paper(key);
    if (!paper) return null;
    const extras = cardExtras(context, paper);
    return {
      paper,
      summary: summarize(paper),
      markdown: cardMarkdown(paper, extras),
      text: cardText(paper, extras),
      location: paperLocation(paper),
      citedIn: workspace.notes.citationsOf(paper.key).map((s) => s.uri),
    };
  });
  connection.onRequest(RebuildRequest, async () => {
    await rebuild();
    return workspace.status();
  });
}
