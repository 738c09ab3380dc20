/**
 * `thread/shellCommand`: the user's own `!command` in a thread. As in Codex it is answered at
 * once, then runs in the thread's folder as a `commandExecution` item whose source is
 * `userShell` — inside the running turn when there is one, else in a turn of its own
 * (turn/started … turn/completed) — and its output reaches the model as context on the next
 * model call, in the `<user_shell_command>` form Codex gives it. No approval is asked: the user
 * typed it. It runs under the thread's sandbox (Codex runs it with full access; see README).
 */
import { v7 as uuidv7 } from 'uuid';
import { invalidParams } from '../../../protocol/rpc/errors';
import type { ServerNotification } from '../../../protocol/methods';
import type { CommandExecutionItem } from '../../../protocol/schema/item';
import type { Turn } from '../../../protocol/schema/turn';
import { redactor, StreamRedactor } from '../../model/redact';
import { commandActions } from '../../tools/command-actions';
import { commandSettings } from '../../tools/command-settings';
import { runCommand, type ExecResult } from '../../tools/exec';
import { confinementFor } from '../../tools/paths';
import { sandboxAvailable } from '../../tools/sandbox';
import type { ConnectionHub } from '../connection-hub';
import type { HandlerTable } from '../handler';
import type { Logger } from '../log';
import type { ServerOptions } from '../options';
import type { ThreadRegistry } from '../thread-registry';
import type { LoadedThread } from '../threads/loaded-thread';

/** Codex's default: one hour. */
const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

/** The user shell commands running now, per thread: stopped when their thread is deleted or the server shuts down. */
export class UserShellRuns {
  private readonly byThread = new Map<string, Set<{ controller: AbortController; turnId: string }>>();

  /** A command starting in `turnId` of `threadId`; call `done` once it ended. */
  track(threadId: string, turnId: string): { signal: AbortSignal; done(): void } {
    const run = { controller: new AbortController(), turnId };
    const set = this.byThread.get(threadId) ?? new Set();
    set.add(run);
    this.byThread.set(threadId, set);
    return {
      signal: run.controller.signal,
      done: () => {
        set.delete(run);
        if (set.size === 0 && this.byThread.get(threadId) === set) this.byThread.delete(threadId);
      },
    };
  }

  /** Stop the commands of one turn (`turn/interrupt` of a shell command's own turn); whether any ran. */
  interruptTurn(threadId: string, turnId: string): boolean {
    const runs = [...(this.byThread.get(threadId) ?? [])].filter((r) => r.turnId === turnId);
    for (const r of runs) r.controller.abort();
    return runs.length > 0;
  }

  abort(threadId: string): void {
    for (const r of this.byThread.get(threadId) ?? []) r.controller.abort();
  }

  abortAll(): void {
    for (const id of this.byThread.keys()) this.abort(id);
  }
}

export interface ShellCommandDeps {
  registry: Pick<ThreadRegistry, 'load' | 'record' | 'setStatus' | 'exclusive'>;
  hub: Pick<ConnectionHub, 'subscribe' | 'publish'>;
  options: Pick<ServerOptions, 'home' | 'createModel'>;
  log: Logger;
  runs: UserShellRuns;
}

/** What the model is told, in Codex's words for a user shell command. */
function modelContext(command: string, r: ExecResult): string {
  const output = r.spawnError ?? r.output;
  return [
    '<user_shell_command>',
    '<command>',
    command,
    '</command>',
    '<result>',
    `Exit code: ${r.exitCode ?? (r.timedOut ? 'timed out' : 'none')}`,
    `Duration: ${(r.durationMs / 1000).toFixed(4)} seconds`,
    'Output:',
    output,
    '</result>',
    '</user_shell_command>',
  ].join('\n');
}

export function shellCommandHandler({
  registry,
  hub,
  options,
  log,
  runs,
}: ShellCommandDeps): Pick<HandlerTable, 'thread/shellCommand'> {
  const publish = (thread: LoadedThread, n: ServerNotification): void => {
    thread.live.fold(n);
    hub.publish(thread, n);
  };

  /** Run the command as an item of turn `turnId` (recorded, announced, and kept for the model). */
  const runItem = async (
    thread: LoadedThread,
    turnId: string,
    command: string,
    timeoutMs: number,
  ): Promise<{ item: CommandExecutionItem; aborted: boolean }> => {
    const m = thread.state.meta;
    const item: CommandExecutionItem = {
      type: 'commandExecution',
      id: `user-shell-${uuidv7()}`,
      command,
      cwd: m.cwd,
      status: 'inProgress',
      commandActions: commandActions(command, m.cwd),
      aggregatedOutput: null,
      exitCode: null,
      durationMs: null,
      processId: null,
      source: 'userShell',
    };
    const threadId = thread.id;
    publish(thread, { method: 'item/started', params: { threadId, turnId, item, startedAtMs: Date.now() } });
    const confinement = await confinementFor(m.cwd, m.sandbox === 'danger-full-access' ? ['/'] : [], [options.home]);
    const { allowEnv, limits } = commandSettings(options.home);
    // As for the agent's commands: the endpoint's key never reaches a client or the model in output.
    let secrets: readonly string[] = [];
    try {
      secrets = options.createModel(m.model).secrets;
    } catch {
      // No usable model configuration: no key to hide either.
    }
    const redact = redactor(secrets);
    const redacting = new StreamRedactor(redact);
    const sendDelta = (delta: string): void => {
      if (delta)
        publish(thread, {
          method: 'item/commandExecution/outputDelta',
          params: { threadId, turnId, itemId: item.id, delta },
        });
    };
    const run = runs.track(threadId, turnId);
    const result = await runCommand({
      command,
      cwd: m.cwd,
      allowEnv,
      timeoutMs,
      sandbox: {
        mode: sandboxAvailable() ? m.sandbox : 'danger-full-access',
        writableRoots: confinement.roots,
        hidden: confinement.protected,
        limits,
      },
      signal: run.signal,
      onOutput: (delta) => sendDelta(redacting.push(delta)),
    }).finally(() => {
      run.done();
      sendDelta(redacting.end());
    });
    const shown: ExecResult = {
      ...result,
      output: redact(result.output),
      spawnError: result.spawnError && redact(result.spawnError),
    };
    const done: CommandExecutionItem = {
      ...item,
      status: shown.spawnError || shown.aborted || shown.exitCode !== 0 ? 'failed' : 'completed',
      aggregatedOutput: shown.spawnError ?? shown.output,
      exitCode: shown.exitCode,
      durationMs: shown.durationMs,
    };
    const at = Date.now();
    await registry.record(threadId, [
      { t: 'item', at, turnId, item: done },
      { t: 'history', at, turnId, items: [{ type: 'user', text: modelContext(command, shown) }] },
    ]);
    publish(thread, { method: 'item/completed', params: { threadId, turnId, item: done, completedAtMs: at } });
    return { item: done, aborted: result.aborted };
  };

  /** A turn of its own: started, the item, completed; the thread active meanwhile. */
  const runTurn = async (thread: LoadedThread, command: string, timeoutMs: number): Promise<void> => {
    const turnId = uuidv7();
    const startedAt = Date.now();
    const turn: Turn = {
      id: turnId,
      items: [],
      status: 'inProgress',
      error: null,
      startedAt: Math.floor(startedAt / 1000),
      completedAt: null,
      durationMs: null,
    };
    await registry.record(thread.id, [{ t: 'turnStarted', at: startedAt, turnId }]);
    registry.setStatus(thread, { type: 'active', activeFlags: [] });
    publish(thread, { method: 'turn/started', params: { threadId: thread.id, turn } });
    let items: CommandExecutionItem[] = [];
    let status: Turn['status'] = 'completed';
    try {
      const ran = await runItem(thread, turnId, command, timeoutMs);
      items = [ran.item];
      // Stopped by turn/interrupt (or a shutdown, or deleting the thread): interrupted, as a model turn would be.
      if (ran.aborted) status = 'interrupted';
    } catch (e) {
      log.error(`user shell command in thread ${thread.id} failed: ${e instanceof Error ? e.message : String(e)}`);
      status = 'failed';
    }
    const now = Date.now();
    const durationMs = now - startedAt;
    try {
      await registry.record(thread.id, [{ t: 'turnCompleted', at: now, turnId, status, error: null, durationMs }]);
    } catch (e) {
      log.error(`could not record the end of turn ${turnId}: ${String(e)}`);
    }
    publish(thread, {
      method: 'turn/completed',
      params: {
        threadId: thread.id,
        turn: { ...turn, items, status, completedAt: Math.floor(now / 1000), durationMs },
      },
    });
    registry.setStatus(thread, { type: 'idle' });
  };

  const running = (thread: LoadedThread) => {
    const t = thread.activeTurn;
    return t && !t.isFinished && !t.isInterrupted ? t : null;
  };

  return {
    'thread/shellCommand': async (p, ctx) => {
      const command = p.command.trim();
      if (!command) throw invalidParams('command must not be empty', { field: 'command' });
      const thread = await registry.load(p.threadId);
      hub.subscribe(thread, ctx.connection);
      const timeoutMs = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const go = async (): Promise<void> => {
        const active = running(thread);
        if (active) {
          await runItem(thread, active.id, command, timeoutMs);
          return;
        }
        // A turn of its own holds the thread's lock while it runs, so a turn/start waits for it
        // rather than running beside it; a turn that got in first is joined instead.
        await registry.exclusive(thread.id, async () => {
          const now = running(thread);
          if (now) await runItem(thread, now.id, command, timeoutMs);
          else await runTurn(thread, command, timeoutMs);
        });
      };
      // Answered first, as in Codex: what it does follows as notifications.
      ctx.afterResponse(() => {
        go().catch((e: unknown) =>
          log.error(`user shell command in thread ${thread.id} failed: ${e instanceof Error ? e.message : String(e)}`),
        );
      });
      return {};
    },
  };
}
