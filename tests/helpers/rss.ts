/** A spawned server's memory, from /proc (Linux): its resident set, sampled while a test runs. */
import { readFileSync } from 'node:fs';

const MIB = 1024 * 1024;

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return (Number(match[1]) * 1024) / MIB;
}

function onlyChild(pid: number): number | undefined {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length === 1 ? Number(kids[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The process that serves: the spawned one, or the child it handed over to (a launcher that
 * re-executes itself), followed down single-child links. Commands the agent runs are children
 * too, so read this before a turn starts them.
 */
export function servingPid(pid: number): number {
  let current = pid;
  for (let next = onlyChild(current); next !== undefined; next = onlyChild(current)) current = next;
  return current;
}

/** Samples VmRSS every `everyMs` until stopped; `max` is the largest sample seen. */
export function sampleRss(pid: number, everyMs = 100): { readonly max: number; stop(): number } {
  let max = 0;
  const take = (): void => {
    try {
      max = Math.max(max, rssMiB(pid));
    } catch {
      // The process is gone.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    get max() {
      return max;
    },
    stop() {
      clearInterval(timer);
      take();
      return max;
    },
  };
}
