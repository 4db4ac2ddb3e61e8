// LSP: a request before `initialize` is answered with ServerNotInitialized (-32002). The
// library does not do it, so every request handler the features register goes through here.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

/** Registrars whose handlers answer requests (the others take notifications or are lifecycle). */
const LIFECYCLE = new Set(['onInitialize', 'onInitialized', 'onShutdown', 'onExit', 'onNotification', 'onProgress']);

export function guardUntilInitialized(connection: Connection, isInitialized: () => boolean): Connection {
  const notInitialized = () => new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
  // Requests nobody handles (any method) still get the right error before initialize.
  connection.onRequest(() => (isInitialized() ? new ResponseError(ErrorCodes.MethodNotFound, 'unknown method') : notInitialized()));
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function' || !property.startsWith('on') || property.startsWith('onDid') || LIFECYCLE.has(property)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const last = args.length - 1;
        const handler = args[last];
        if (typeof handler === 'function') {
          args[last] = (...handlerArgs: unknown[]) => (isInitialized() ? handler(...handlerArgs) : notInitialized());
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
