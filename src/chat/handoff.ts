/** Asks the server whether hand-off is on; when it cannot tell, the chat asks for the email as before. */
import type { Handoff } from '../shared/handoff.js';

export async function fetchHandoff(base = '/api'): Promise<Handoff> {
  try {
    const response = await fetch(`${base}/handoff`, { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { handoff?: unknown };
    return body.handoff === 'off' || body.handoff === 'email_follow_up' ? body.handoff : 'on';
  } catch {
    return 'on';
  }
}
