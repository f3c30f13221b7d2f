/**
 * Vercel function for every /api route (vercel.json rewrites /api/* here and the function sees
 * the original path): a thin adapter over the shared Web handlers.
 * Services are created once per warm instance; a configuration error answers a JSON 503.
 * An escalation answers the chat once its conversation exists; `waitUntil` keeps the function
 * alive after the response until its note and transcript are on the timeline (up to maxDuration;
 * past it the outbox finishes them).
 */
import { waitUntil } from '@vercel/functions';
import { createVercelHandler, getServices } from '../src/entry/server.js';

const handle = createVercelHandler(() => getServices({ keepAlive: waitUntil }));

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const OPTIONS = handle;
