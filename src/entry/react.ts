/**
 * `kustomer-escalation/react`: the escalation button, the live chat pieces and the Integrations
 * page, for a React host. Styles: import `kustomer-escalation/react/styles.css` once; they apply
 * only inside `.kustomer-escalation` and are themed by `--kustomer-escalation-*` variables.
 */
export {
  EscalationButton,
  preloadEscalationButton,
  type EscalationButtonLoaderProps as EscalationButtonProps,
} from '../chat/escalation-button-loader.js';
export { ApiBaseContext, DEFAULT_API_BASE } from '../lib/api-base.js';
export { useEscalation } from '../chat/use-escalation.js';
export type {
  EscalationCallbacks,
  EscalationInput,
  EscalationOptions,
  EscalationPhase,
} from '../chat/use-escalation.js';
export { useChatSender } from '../chat/use-chat-sender.js';
export type { Outgoing, SendReport, SendTarget } from '../chat/use-chat-sender.js';
export { ChatLog, type ChatLogProps } from '../chat/chat-log.js';
export { DELIVERY_TEXT, lineId, nowIso, type Delivery, type Line } from '../chat/chat-lines.js';
export { AttachControl, fileProblem } from '../chat/attach-control.js';
export { queuedMessage } from '../chat/queued-message.js';
export { outcomeText, reference } from '../chat/outcome-text.js';
export { SandboxBanner, type SandboxBannerProps } from '../chat/sandbox-banner.js';
export { findEmail, isEmail } from '../chat/email.js';
export { newId } from '../chat/new-id.js';
export { maskCardNumbers, type MaskResult } from '../shared/card-mask.js';
export {
  IntegrationsPage,
  type IntegrationsPageProps,
} from '../pages/integrations/integrations-root.js';
export type {
  AgentReply,
  EscalationReason,
  EscalationResult,
  TranscriptEntry,
} from '../shared/escalation.js';
export type { ChatAttachmentInput } from '../shared/live-chat.js';
