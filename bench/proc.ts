/** Memory figures from /proc (Linux): VmRSS now and VmHWM, the peak since the process started. */
import { readFileSync } from 'node:fs';

const MIB = 1024 * 1024;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} for pid ${pid}`);
  return (Number(match[1]) * 1024) / MIB;
}

export const rssMiB = (pid: number): number => statusField(pid, 'VmRSS');
export const peakRssMiB = (pid: number): number => statusField(pid, 'VmHWM');

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * The process that actually serves. The npm `codex` bin is a node wrapper that, on Node < 22.15
 * (no process.execve), spawns the native binary as a child and only relays signals: the server's
 * memory is the child's. Follows single-child links down; with execve it is the pid itself.
 */
export function servingPid(pid: number): number {
  let current = pid;
  for (let kids = children(current); kids.length === 1 && kids[0] !== undefined; kids = children(current))
    current = kids[0];
  return current;
}
