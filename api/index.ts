/**
 * Vercel function for every /api route (vercel.json rewrites /api/* here and the function sees
 * the original path): a thin adapter over the shared Web handlers.
 * Services are created once per warm instance.
 */
import { createApp } from '../src/server/app.js';
import { getServices } from '../src/server/services.js';

async function handle(request: Request): Promise<Response> {
  const services = await getServices();
  return createApp(services)(request);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const OPTIONS = handle;
