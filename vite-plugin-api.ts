/**
 * Mounts the /api handler on Vite's dev server, so `npm run dev` is the whole app: the React
 * pages with hot reload, the API, and (without a Kustomer key) the embedded sandbox. The handler
 * is passed in, loaded natively by src/server/dev-server.ts, so no server code (and no key) goes
 * through Vite's browser pipeline.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

export interface ApiPluginOptions {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** Called with the dev server's origin once it listens. */
  onListening?: (origin: string) => void;
}

export function kustomerApi(options: ApiPluginOptions): Plugin {
  return {
    name: 'kustomer-escalation-api',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        if (address && typeof address === 'object')
          options.onListening?.(`http://127.0.0.1:${address.port}`);
      });
      server.middlewares.use((req, res, next) =>
        (req.url ?? '').startsWith('/api/') ? options.handle(req, res) : next(),
      );
    },
  };
}
