/**
 * Files on messages, the way Kustomer takes them
 * (https://developer.kustomer.com/api/core-resources/create-attachment): create the attachment
 * (`POST /v1/attachments` with name, type and size; it answers with a temporary upload form in
 * `meta.upload`), send the file to that form as a multipart POST (its fields as form keys, the
 * file last under "file"), then reference the attachment's id in the message's `attachments`.
 *
 * The upload goes to the storage URL Kustomer names (S3 in production), not to the API: it
 * carries the form's signed policy, never the API key.
 */
import { z } from 'zod';
import { KustomerNetworkError, KustomerUnavailableError } from '../errors.js';
import { rolesFor } from '../permissions.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';

export interface AttachmentFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

export interface CreatedAttachment {
  id: string;
  /** Null when Kustomer's answer carries no form (undocumented; the file cannot be sent then). */
  upload: UploadForm | null;
}

const createdSchema = z.object({
  data: z.object({ id: z.string().min(1) }),
  meta: z
    .object({
      upload: z.object({
        url: z.string().url(),
        fields: z.record(z.string(), z.string()),
      }),
    })
    .partial()
    .optional(),
});

const linkSchema = z.object({
  data: z.object({
    attributes: z
      .object({ name: z.string().optional(), contentType: z.string().optional() })
      .optional(),
    links: z.object({ related: z.string().url().optional() }).optional(),
  }),
});

/** Fails an upload the storage refused or never answered: retried later with a fresh form. */
function uploadFailure(status: number | null, cause?: unknown): Error {
  return status === null
    ? new KustomerNetworkError('the attachment upload did not reach storage', { cause })
    : new KustomerUnavailableError(`the attachment upload was refused (HTTP ${status})`);
}

export function createAttachments(transport: Transport) {
  return {
    async create(
      file: Omit<AttachmentFile, 'bytes'> & { contentLength: number },
      options: CallOptions = {},
    ) {
      const created = await transport.call({
        ...options,
        method: 'POST',
        route: '/v1/attachments',
        body: { name: file.name, contentType: file.contentType, contentLength: file.contentLength },
        schema: createdSchema,
        // The page lists message.create (or note.create) as enough to create an attachment.
        roles: rolesFor('message.create'),
      });
      return {
        id: created.data.id,
        upload: created.meta?.upload ?? null,
      } satisfies CreatedAttachment;
    },

    /**
     * Where the file of a message's attachment can be downloaded now: `links.related`, a signed
     * storage URL that expires within minutes
     * (https://developer.kustomer.com/api/core-resources/get-attachment-by-message-id-and-attachment-id-inbound-or-outbound).
     */
    async downloadLink(messageId: string, attachmentId: string, options: CallOptions = {}) {
      const read = await transport.call({
        ...options,
        method: 'GET',
        route: '/v1/messages/{message_id}/attachments/{id}',
        params: { message_id: messageId, id: attachmentId },
        schema: linkSchema,
        roles: rolesFor('attachment.read'),
      });
      return {
        url: read.data.links?.related ?? null,
        name: read.data.attributes?.name ?? null,
        contentType: read.data.attributes?.contentType ?? null,
      };
    },

    /** Sends the file to the form `create` returned; resolves once storage took it (2xx). */
    async upload(form: UploadForm, file: AttachmentFile, signal?: AbortSignal): Promise<void> {
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
      // Last, as the page requires: storage ignores form keys after the file.
      body.append('file', new Blob([file.bytes], { type: file.contentType }), file.name);
      let response: Response;
      try {
        response = await fetch(form.url, { method: 'POST', body, signal: signal ?? null });
      } catch (error) {
        throw uploadFailure(null, error);
      }
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw uploadFailure(response.status);
    },
  };
}
