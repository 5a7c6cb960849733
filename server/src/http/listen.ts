// Serving an app over real HTTP on a free port, for tests that need what only a socket shows: raw header bytes as
// Node's parser reads them, and the peer address of each connection.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** An app served over HTTP: its base URL, and `close()` to stop it. */
export interface Listening {
  /** `http://host:port` without a trailing slash. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Stops accepting connections and ends the open ones. */
  close(): Promise<void>;
}

/** Serves `app` on `host` (default 127.0.0.1) at a free port; resolves once it listens. */
export function listen(
  app: { fetch: (request: Request, env: never) => Response | Promise<Response> },
  host = '127.0.0.1',
) {
  return new Promise<Listening>((resolve, reject) => {
    const server = serve({ fetch: app.fetch as never, hostname: host, port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
