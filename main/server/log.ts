/** Logging for the server: never to stdout, which belongs to the protocol in stdio mode. */
import type { Logger } from '../tools/logger';

export type { Logger };

// Once stderr is gone (the parent closed it), logging stops: a write error must not become an
// uncaught exception that is logged to stderr again, forever.
let stderrOpen = true;
process.stderr.on('error', () => {
  stderrOpen = false;
});
function write(line: string): void {
  if (!stderrOpen || process.stderr.destroyed) return;
  try {
    process.stderr.write(line);
  } catch {
    stderrOpen = false;
  }
}

/** Writes to stderr with a level prefix. */
export const stderrLogger: Logger = {
  info: (m) => write(`[tandem] ${m}\n`),
  warn: (m) => write(`[tandem] warning: ${m}\n`),
  error: (m) => write(`[tandem] error: ${m}\n`),
};

/** Drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Keeps messages in memory, for tests that assert a warning was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}
