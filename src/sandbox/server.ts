/**
 * The local Kustomer sandbox: a real HTTP server speaking the subset of Kustomer's v1 API the
 * module uses, with Kustomer's auth, validation, envelopes, rate limits and webhooks, plus fault
 * injection and inspection under /__sandbox. See types.ts for the contract.
 */
import { DEFAULT_SANDBOX_AVAILABILITY } from './availability-data.js';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { agentReply, closeConversation } from './agent-actions.js';
import { sandboxRequest } from './door.js';
import { errorBody } from './envelope.js';
import { handleV1 } from './handle-v1.js';
import { SandboxHttpError } from './http-error.js';
import { resetRequestCounters } from './request-counters.js';
import {
  createSandboxRuntime,
  setSettingsWebhook,
  type SandboxRuntime,
} from './sandbox-runtime.js';
import { sendJson } from './send-json.js';
import { UPLOAD_PATH } from './routes-attachments.js';
import { handleUploads } from './uploads.js';
import { routingControls, routingState } from './routing-controls.js';
import type { SandboxHandle, SandboxOptions, SandboxState } from './types.js';

/** A handler's thrown SandboxHttpError is Kustomer's error body; anything else is a sandbox bug. */
function answerFailure(rt: SandboxRuntime, res: ServerResponse, error: unknown): void {
  if (error instanceof SandboxHttpError) {
    if (error.status === 429) rt.requests.rateLimited += 1;
    sendJson(
      res,
      error.status,
      errorBody(
        error.status,
        error.code,
        error.detail,
        error.pointer ? { pointer: error.pointer } : undefined,
      ),
      error.status === 429 ? rt.tooManyHeaders() : {},
    );
  } else {
    rt.log(`unexpected error: ${(error as Error).stack}`);
    sendJson(res, 500, errorBody(500, 'internal_error', 'sandbox error'));
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const rt = createSandboxRuntime(options);
  const server = createServer((req, res) => {
    const request = sandboxRequest(req, res);
    const { path } = request;
    const work = path.startsWith('/__sandbox')
      ? handleAdmin(request, handle)
      : path.startsWith('/v1/')
        ? handleV1(rt, request)
        : path.startsWith(UPLOAD_PATH)
          ? handleUploads(rt, request)
          : Promise.resolve(sendJson(res, 404, errorBody(404, 'not_found', 'not found')));
    work.catch((error: unknown) => answerFailure(rt, res, error));
  });
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  rt.core.origin = `http://${host}:${port}`;

  const handle: SandboxHandle = {
    url: `http://${host}:${port}`,
    port,
    apiKey: [...rt.keys.keys()][0]!,
    setFaults: (next) => rt.faults.set(next),
    clearFaults: () => rt.faults.clear(),
    setAvailability: (patch) => Object.assign(rt.core.availability, patch),
    state: (): SandboxState =>
      structuredClone({
        ...rt.core.store.data,
        bulkJobs: undefined,
        ...routingState(rt),
        faults: rt.faults.get(),
        availability: rt.core.availability,
        requests: rt.requests,
      }) as SandboxState,
    reset() {
      rt.core.store.reset();
      rt.faults.clear();
      Object.assign(rt.core.availability, DEFAULT_SANDBOX_AVAILABILITY);
      rt.core.limits.reset();
      resetRequestCounters(rt.requests);
    },
    agentReply: (conversationId, text, files) => agentReply(rt, conversationId, text, files),
    closeConversation: (conversationId) => closeConversation(rt, conversationId),
    setWebhook: (next) => setSettingsWebhook(rt, next),
    outboundWebhooks: () => structuredClone(rt.hooks.list()),
    editOutboundWebhook: (id, patch) => structuredClone(rt.hooks.edit(id, patch)),
    routing: routingControls(rt),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return handle;
}
