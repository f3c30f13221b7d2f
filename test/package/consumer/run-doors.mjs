// Run inside the empty app: imports every door from the installed tarball, renders the React
// pieces on the server, and escalates end to end against the packaged sandbox through the
// packaged server handler mounted under a prefix. Prints one JSON line for the test.
import * as core from 'kustomer-escalation';
import * as serverDoor from 'kustomer-escalation/server';
import * as react from 'kustomer-escalation/react';
import * as sandboxDoor from 'kustomer-escalation/sandbox';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const sandbox = await sandboxDoor.startSandbox({ port: 0 });
const server = serverDoor.createEscalationServer({
  prefix: '/api/kustomer',
  env: {
    KUSTOMER_API_KEY: sandbox.apiKey,
    KUSTOMER_API_BASE_URL: sandbox.url,
    ADMIN_TOKEN: 'consumer-admin-token-0123456789',
    STORE: 'memory',
  },
});
const { POST } = serverDoor.toNextRouteHandlers(server);
const response = await POST(
  new Request('http://app.test/api/kustomer/escalations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      escalationId: 'consumer-escalation-1',
      sessionId: 'consumer-session-1',
      customer: { email: 'jane@example.com' },
      reason: 'user_requested',
      transcript: [
        { id: 'm1', role: 'user', text: 'I need a person', at: new Date().toISOString() },
      ],
    }),
  }),
);
const result = await response.json();
const outside = await server.handle(new Request('http://app.test/other'));
const html = renderToString(
  createElement(react.EscalationButton, {
    sessionId: 's',
    transcript: [],
    onReply() {},
    onClosed() {},
    fallback: createElement('span', null, 'loading button'),
  }),
);
await server.close();
const conversations = sandbox.state().conversations.length;
await sandbox.close();
console.log(
  JSON.stringify({
    doors: {
      core: Object.keys(core).sort(),
      server: Object.keys(serverDoor).sort(),
      react: Object.keys(react).sort(),
      sandbox: Object.keys(sandboxDoor).sort(),
    },
    status: response.status,
    result,
    outsideStatus: outside.status,
    conversations,
    html,
  }),
);
