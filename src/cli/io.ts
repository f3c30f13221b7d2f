/**
 * Where a command writes. Commands take a CliIo instead of touching process.stdout, so tests run
 * them as plain functions and read what they printed.
 */
export interface CliIo {
  /** One line (or block) of results to stdout. */
  out(text: string): void;
  /** One line of diagnostics to stderr. */
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
