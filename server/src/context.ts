// What every feature module gets: the connection, the open documents and the service.
import { LSPErrorCodes, ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { LineDocument } from './documentSync';
import type { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { CancelledError } from './service/cancellation';
import type { LitService } from './service/service';
import type { IndexStatus } from './protocol';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<LineDocument>;
  service: LitService;
  /** What the client said it supports (set at initialize), for features that shape answers by it. */
  clientCapabilities?: ClientCapabilities;
  /** Fetches the settings again (where the client can be asked) and rebuilds the index. */
  rebuild(): Promise<IndexStatus>;
}

/** A service error from a cancelled token becomes LSP's RequestCancelled answer. */
export function answerCancelled(error: unknown): never {
  if (error instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  throw error;
}

/**
 * Registers a handler for a request of the protocol module, typed by it. By method name: the
 * protocol's RequestType comes from the client's copy of vscode-jsonrpc.
 */
export function onRequest<P, R>(
  context: ServerContext,
  type: RequestType<P, R, void> | RequestType0<R, void>,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): void {
  context.connection.onRequest(type.method, async (params: P, token: CancellationToken) => {
    try {
      return await handler(params, token);
    } catch (error) {
      return answerCancelled(error);
    }
  });
}

export function sendNotification<P>(connection: Connection, type: NotificationType<P>, params: P): void {
  void connection.sendNotification(type.method, params);
}
