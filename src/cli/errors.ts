/**
 * Failures a command reports: one line to stderr naming the field or variable, never a stack trace
 * (unless --debug) and never a secret. Usage and configuration problems exit 2, everything else 1.
 */
import { isConfigError } from '../platform/config-error.js';
import { createRedactor } from '../platform/redact.js';
import { EXIT, type CliIo, type ExitCode } from './io.js';

/** A problem with how the command was called or configured: exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ReportOptions {
  io: CliIo;
  debug: boolean;
  secrets: string[];
}

function isUsageOrConfigError(error: unknown): boolean {
  return error instanceof UsageError || isConfigError(error);
}

/** Prints the error as one redacted line (plus the stack with --debug) and returns the exit code. */
export function reportError(error: unknown, options: ReportOptions): ExitCode {
  const redact = createRedactor(options.secrets);
  const message = error instanceof Error ? error.message : String(error);
  const prefix = isUsageOrConfigError(error) ? 'error' : 'failed';
  options.io.err(redact(`${prefix}: ${message.split('\n')[0]}`));
  if (options.debug && error instanceof Error && error.stack) options.io.err(redact(error.stack));
  return isUsageOrConfigError(error) ? EXIT.usage : EXIT.failed;
}
