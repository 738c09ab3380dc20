/**
 * Shared pieces of the sandbox escape probes: a turn of probe commands through the built CLI,
 * each command's output by its text, a home folder with settings, and a scan of the machine's
 * processes for a unique argument.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxMode } from '../../protocol/schema/common';
import { cliTurn, done, execCall, type CliTurn } from './cli-turns';
import type { FakeOpenAI, ScriptedCall } from './fake-openai';
import type { Harness } from './harness';

export const MODES: readonly SandboxMode[] = ['read-only', 'workspace-write', 'danger-full-access'];

/** What each probe command printed (its aggregated output), by command text. */
function outputs(turn: CliTurn): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of turn.items) if (i.type === 'commandExecution') out[i.command] = i.aggregatedOutput ?? '';
  return out;
}

/** A Tandem home whose settings.json holds `settings`. */
export async function homeWith(h: Harness, settings: Record<string, unknown>): Promise<string> {
  const home = await h.tempDir('tandem-home-');
  await writeFile(join(home, 'settings.json'), JSON.stringify(settings));
  return home;
}

/** Run `commands` as one turn (approval `never`, so nothing is asked) in `mode`. */
export async function probeTurn(
  h: Harness,
  fakeModel: (script: ScriptedCall[]) => Promise<FakeOpenAI>,
  cwd: string,
  mode: SandboxMode,
  commands: readonly string[],
  env: Record<string, string> = {},
): Promise<{ turn: CliTurn; out: Record<string, string> }> {
  const fake = await fakeModel([...commands.map((c, i) => execCall(`c${i}`, c)), done]);
  const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'never', sandbox: mode }, undefined, env);
  return { turn, out: outputs(turn) };
}

/** The pids of processes whose command line contains `needle`. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(needle)) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Wait (bounded) until no process has `needle` in its command line; returns the ones left. */
export async function survivors(needle: string, waitMs = 5000): Promise<number[]> {
  const until = Date.now() + waitMs;
  for (;;) {
    const left = processesWith(needle);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
