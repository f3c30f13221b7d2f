// Compiled by the package test inside an empty app that installed the packed tarball: every door's
// types resolve from node_modules, and a wrong use is a type error (not `any`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createKustomerClient,
  createMemoryStore,
  isKustomerError,
  type EscalationResult,
  type EscalationStore,
} from 'kustomer-escalation';
import {
  createEscalationServer,
  toNextRouteHandlers,
  toNodeMiddleware,
  type EscalationServer,
} from 'kustomer-escalation/server';
import {
  EscalationButton,
  IntegrationsPage,
  useChatSender,
  type EscalationButtonProps,
} from 'kustomer-escalation/react';
import { startSandbox, type SandboxHandle } from 'kustomer-escalation/sandbox';

export const server: EscalationServer = createEscalationServer({ prefix: '/api/kustomer' });
export const { GET, POST } = toNextRouteHandlers(server);
export const middleware: (req: IncomingMessage, res: ServerResponse) => void =
  toNodeMiddleware(server);
export const store: EscalationStore = createMemoryStore();
export const client = createKustomerClient({
  baseURL: 'http://127.0.0.1:1',
  apiKey: 'k'.repeat(24),
});
export const isError: boolean = isKustomerError(new Error('x'));
export const sandbox: Promise<SandboxHandle> = startSandbox({ port: 0 });
export const shown = (result: EscalationResult): string => result.status;

const props: EscalationButtonProps = {
  sessionId: 'chat-1',
  transcript: [{ id: 'm1', role: 'user', text: 'hi', at: new Date().toISOString() }],
  onReply: (reply) => console.log(reply.text),
  onClosed: () => {},
  apiBase: '/api/kustomer',
};
export const button = <EscalationButton {...props} />;
export const page = <IntegrationsPage />;
export const useSender = () => useChatSender(() => {});

// @ts-expect-error sessionId is a string: the types are real, not `any`
export const wrong: EscalationButtonProps = { ...props, sessionId: 42 };
