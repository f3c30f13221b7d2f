/**
 * A Kustomer host of the wrong region: every /v1 call answers 401 with the message Kustomer gives
 * for a key from another pod (https://developer.kustomer.com/docs/get-started/regions-and-base-urls).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startWrongRegionHost(keyPod = 'prod2', hostPod = 'prod1') {
  const server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [
          {
            status: '401',
            code: 'unauthorized',
            detail: `Auth token associated with pod ${keyPod} but request is being handled by ${hostPod}`,
          },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
