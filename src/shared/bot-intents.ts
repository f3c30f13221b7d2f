/**
 * The intents the demo chatbot reports with an escalation, offered as choices in the routing
 * rules editor. A test checks that the bot cannot report an intent missing from this list. A
 * host app with its own bot passes its intents with each escalation; rules may name any intent.
 */
export const BOT_INTENTS = ['billing', 'technical', 'shipping', 'general', 'unknown'] as const;
