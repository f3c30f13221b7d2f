/**
 * A pending message's file on its way to Kustomer, once: created as an attachment and uploaded
 * to the form Kustomer returns, then its id recorded on the message before the message is sent.
 * From then on every retry references that id and never uploads again; the message itself is
 * found by its externalId after an ambiguous failure, so it is never created twice.
 *
 * A process dying after the upload and before the id is recorded leaves that attachment
 * unreferenced: the retry creates and uploads a fresh one. Kustomer documents no delete for an
 * attachment, so the orphan stays, unseen on any message.
 */
import type { AttachmentRef, KustomerClient } from '../../kustomer/types.js';
import { KustomerUnavailableError } from '../../kustomer/errors.js';
import type { Call } from '../call.js';
import type { StorePorts } from '../store.js';
import type { ChatMessageRecord, EscalationRecord } from '../record.js';
import { markUploaded } from './chat-messages.js';

export interface AttachmentUploadDeps {
  client: KustomerClient;
  store: StorePorts<'records'>;
}

const refOf = (a: NonNullable<ChatMessageRecord['attachment']>, id: string): AttachmentRef => ({
  _id: id,
  name: a.name,
  contentType: a.contentType,
  contentLength: a.contentLength,
});

/** The message's attachment reference, uploading the file first if no earlier attempt did. */
export async function uploadedAttachment(
  deps: AttachmentUploadDeps,
  call: Call,
  record: EscalationRecord,
  message: ChatMessageRecord,
): Promise<AttachmentRef[] | undefined> {
  const attachment = message.attachment;
  if (!attachment) return undefined;
  if (attachment.kustomerId) return [refOf(attachment, attachment.kustomerId)];
  if (attachment.data === null)
    throw new Error(`message ${message.id} lost its file before upload`);
  const bytes = Buffer.from(attachment.data, 'base64');
  const created = await call((o) => deps.client.attachments.create(attachment, o));
  if (!created.upload)
    throw new KustomerUnavailableError('Kustomer created the attachment without an upload form');
  const form = created.upload;
  await call((o) => deps.client.attachments.upload(form, { ...attachment, bytes }, o.signal));
  await deps.store.records.updateWhere(record.escalationId, (r) =>
    markUploaded(r, message.id, created.id),
  );
  return [refOf(attachment, created.id)];
}
