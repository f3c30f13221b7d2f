// Every endpoint of the module under /api/kustomer, from one catch-all route. Configured by the
// documented variables (KUSTOMER_API_KEY, ADMIN_TOKEN, REDIS_URL, ...); without a key it runs on
// its embedded Kustomer sandbox. `after` keeps the function alive for the note and transcript
// that follow the chat's answer.
import { after } from 'next/server';
import { createEscalationServer, toNextRouteHandlers } from 'kustomer-escalation/server';

const server = createEscalationServer({
  prefix: '/api/kustomer',
  keepAlive: (work) => after(work),
});

export const { GET, HEAD, POST, PUT, OPTIONS } = toNextRouteHandlers(server);
export const dynamic = 'force-dynamic';
