/**
 * Vercel function for every /api route (vercel.json rewrites /api/* here and the function sees
 * the original path): a thin adapter over the shared Web handlers.
 * Services are created once per warm instance; a configuration error answers a JSON 503.
 */
import { createVercelHandler } from '../src/server/vercel-handler.js';

const handle = createVercelHandler();

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const OPTIONS = handle;
