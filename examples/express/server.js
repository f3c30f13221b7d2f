// An Express host: the module's endpoints under /api, the built page from dist/, the outbox
// drained in-process. Configured by the documented variables (KUSTOMER_API_KEY, ADMIN_TOKEN, ...);
// without a key the module runs on its embedded Kustomer sandbox.
import express from 'express';
import { createEscalationServer, toNodeMiddleware } from 'kustomer-escalation/server';

const app = express();
const escalation = createEscalationServer({ prefix: '/api' });

// Before any body parser: the module reads the request body itself.
app.use(toNodeMiddleware(escalation));
app.use(express.static('dist'));

const drainer = escalation.startDrainer();
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Express example on http://127.0.0.1:${server.address().port}`);
});

process.once('SIGTERM', async () => {
  server.close();
  await drainer.stop();
  await escalation.close();
  process.exit(0);
});
