/**
 * A random id for escalations and chat sessions. crypto.randomUUID exists only in secure
 * contexts (https, localhost); a host app served over plain http still gets a random id.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
