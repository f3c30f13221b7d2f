/**
 * The limits on a customer's file, apart from the zod schemas: the chat's bundle imports these
 * without zod, whose first schema probes `new Function` and so trips the page's CSP.
 */
/**
 * What a customer may attach to a later message: images, PDF and plain text, up to 3 MB. The
 * limit keeps a message's JSON body (the file in base64, a third larger) under Vercel's 4.5 MB
 * request body limit (https://vercel.com/docs/functions/limitations#request-body-size).
 */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export const ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024;
/** For the chat: the types as a file input's accept list and the limit in words. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.join(',');
export const ATTACHMENT_LIMIT_TEXT = 'Images, PDF or text, up to 3 MB';

/** Bytes held by a base64 string (padding excluded). */
export const base64Bytes = (data: string) =>
  Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
