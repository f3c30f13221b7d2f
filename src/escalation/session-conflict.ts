/**
 * An escalationId belongs to the chat session that first sent it. A repeat from another session
 * is refused rather than answered with the first result, which would hand that session the other
 * chat's conversation; a status read from another session finds nothing.
 */
export class EscalationSessionConflictError extends Error {
  readonly code = 'escalation_id_conflict';
  constructor(readonly escalationId: string) {
    super('this escalationId was already used by another chat session; send a new one');
    this.name = 'EscalationSessionConflictError';
  }
}

export function isEscalationSessionConflict(
  error: unknown,
): error is EscalationSessionConflictError {
  return error instanceof EscalationSessionConflictError;
}

/** Throws unless the stored escalation came from the same chat session as the repeat. */
export function ensureSameSession(
  stored: { request: { sessionId: string } },
  repeat: { escalationId: string; sessionId: string },
): void {
  if (stored.request.sessionId !== repeat.sessionId)
    throw new EscalationSessionConflictError(repeat.escalationId);
}
