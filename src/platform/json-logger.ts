/**
 * Structured JSON logs, one line each. Every configured secret and anything shaped like a bearer
 * credential is scrubbed from every line; emails and phone numbers are masked unless debug
 * mode is on.
 */
import type { LogLevel, Logger } from './logger.js';
import { createRedactor, maskContact, redactValue } from './redact.js';

export interface JsonLoggerOptions {
  secrets: (string | null | undefined)[];
  debug: () => boolean;
  write?: (line: string) => void;
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const redact = createRedactor(options.secrets);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      const debugOn = options.debug();
      if (ORDER[level] < ORDER[debugOn ? 'debug' : (options.minLevel ?? 'info')]) return;
      const scrub = (text: string) => (debugOn ? redact(text) : maskContact(redact(text)));
      const line = JSON.stringify({
        time: new Date().toISOString(),
        level,
        message: scrub(message),
        ...(redactValue(fields, scrub) as object),
      });
      write(line);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
