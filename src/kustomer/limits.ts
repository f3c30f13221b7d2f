/**
 * Kustomer's limits on what the module derives and sends, from its Core Resources schemas:
 * externalIds of conversations, messages and notes are at most 256 characters, phones are
 * `format: phone-number` (stored and looked up in E.164, `+18005551212` in Kustomer's examples),
 * tags match `^[0-9a-zA-ZÀ-ÿ_/<>\-.][0-9a-zA-ZÀ-ÿ _/<>\-.]{0,63}$`.
 * https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 */
import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export const EXTERNAL_ID_MAX = 256;

/**
 * `id` when it fits in 256 characters; otherwise its first characters and a hash of the whole, so
 * the result still fits, is the same every time for the same id, and differs for different ids.
 */
export function fitExternalId(id: string): string {
  if (id.length <= EXTERNAL_ID_MAX) return id;
  const hash = createHash('sha256').update(id).digest('base64url').slice(0, 32);
  return `${id.slice(0, EXTERNAL_ID_MAX - hash.length - 1)}#${hash}`;
}

/**
 * The phone in E.164 (`+15555550123`). A number without `+` is read as already carrying its
 * country code, which is what the chat's field asks for; one that cannot be a number anywhere
 * is sent as given rather than guessed at.
 */
export function toE164(phone: string): string {
  const trimmed = phone.replace(/[\s().-]/g, '');
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${trimmed}`);
  return parsed?.isPossible() ? parsed.number : phone;
}

const TAG_MAX = 64;

/**
 * A tag Kustomer accepts: characters outside its pattern (letters incl. À-ÿ, digits, space,
 * `_ / < > - .`) become `-`, runs of spaces one space, at most 64 characters, and it starts with
 * something other than a space.
 */
export function sanitizeTag(tag: string): string {
  return tag
    .replace(/[^0-9a-zA-ZÀ-ÿ _/<>\-.]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, TAG_MAX)
    .trim();
}
