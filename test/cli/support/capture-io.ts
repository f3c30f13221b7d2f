/** A CliIo that records what a command printed, for in-process command tests. */
import type { CliIo } from '../../../src/cli/io.js';

export interface CapturedIo {
  io: CliIo;
  out: string[];
  err: string[];
  /** stdout and stderr together, for "no secret anywhere" checks. */
  all(): string;
}

export function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text) => void out.push(text), err: (text) => void err.push(text) },
    out,
    err,
    all: () => [...out, ...err].join('\n'),
  };
}
