/** Enough of an email check for a chat: the server validates it properly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IN_TEXT = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[A-Za-z]{2,}/;

export const isEmail = (text: string): boolean => EMAIL.test(text.trim());

/** The first email address a customer wrote in a message, so the button need not ask. */
export const findEmail = (text: string): string | null => IN_TEXT.exec(text)?.[0] ?? null;
