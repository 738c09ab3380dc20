/**
 * exec_command: decide (policy, safety parse, session approvals), ask when needed, run, stream
 * the output, and tell the model the exit code and wall time.
 */
import { isAbsolute, resolve } from 'node:path';
import type { CommandExecutionItem } from '../../protocol/schema/item';
import { commandActions } from '../tools/command-actions';
import { classifyCommand } from '../tools/command-safety';
import { commandSettings } from '../tools/command-settings';
import { runCommand, type ExecResult } from '../tools/exec';
import { confine, PathRefused } from '../tools/paths';
import { sandboxAvailable } from '../tools/sandbox';
import { ExecCommandArgs } from '../tools/tool-args';
import { truncateMiddle } from '../tools/truncate';
import { OutputStream } from './output-stream';
import { policyName } from '../../protocol/policy';
import { defineTool, type Tool } from './define-tool';
import { looksSandboxDenied, planCommand, type CommandPlan } from './policy';
import type { ToolEnv } from './tool-env';
import { commandKey } from './turn-context';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The result in the words Codex's exec_command uses, which models trained on Codex expect. */
function modelOutput(r: ExecResult, maxTokens: number | undefined): string {
  const limit = maxTokens ? Math.max(1024, maxTokens * 4) : undefined;
  const ended = r.timedOut
    ? `Process timed out and was killed (exit code ${r.exitCode ?? 'none'})`
    : `Process exited with code ${r.exitCode ?? 'none'}`;
  return `Wall time: ${(r.durationMs / 1000).toFixed(4)} seconds\n${ended}\nOutput:\n${truncateMiddle(r.output, limit)}`;
}

/** What the call asks to run, where, and what the policy says about it. */
interface Decision {
  args: ExecCommandArgs;
  item: CommandExecutionItem;
  plan: CommandPlan;
  /** Read-only as parsed (no approval, no workspace watch), and the environment it then runs with. */
  knownSafe: boolean;
  safeEnv: Record<string, string>;
  hazard: string | undefined;
}

/** Decide: the arguments, the folder (confined), the item, and the plan (run, ask or refuse). A string: the model's output. */
async function decide(env: ToolEnv, callId: string, args: ExecCommandArgs): Promise<Decision | string> {
  const { settings } = env;
  let cwd = env.confinement.roots[0] ?? settings.cwd;
  if (args.workdir) {
    try {
      cwd = await confine(
        env.confinement,
        isAbsolute(args.workdir) ? args.workdir : resolve(settings.cwd, args.workdir),
      );
    } catch (e) {
      if (e instanceof PathRefused) return `exec_command: ${e.message}`;
      throw e;
    }
  }
  const command = args.cmd;
  const item: CommandExecutionItem = {
    type: 'commandExecution',
    id: callId,
    command,
    cwd,
    status: 'inProgress',
    commandActions: commandActions(command, cwd),
    aggregatedOutput: null,
    exitCode: null,
    durationMs: null,
    processId: null,
    source: 'agent',
  };
  const escalate = args.sandbox_permissions === 'require_escalated';
  // Approved to run outside the sandbox for the session covers everything; approved inside it
  // covers only runs inside it.
  const unsandboxedOk = env.session.commands.has(commandKey(cwd, command, 'unsandboxed'));
  const verdict = await classifyCommand(command, cwd, (e) =>
    env.log.error(
      `the read-only command classifier could not load, so every command is treated as not read-only: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    ),
  );
  const plan = planCommand({
    policy: policyName(settings.approvalPolicy),
    sandbox: settings.sandbox,
    sandboxAvailable: sandboxAvailable(),
    knownSafe: verdict.knownSafe,
    escalate: escalate || unsandboxedOk,
    justification: args.justification ?? null,
    approvedForSession: unsandboxedOk || (!escalate && env.session.commands.has(commandKey(cwd, command, 'sandboxed'))),
  });
  return { args, item, plan, knownSafe: verdict.knownSafe, safeEnv: verdict.env, hazard: verdict.hazard };
}

/**
 * Run: the workspace compared around the command when it can write (the files it changed join
 * the turn's Changes, revertible like apply_patch's); under on-failure, a run the sandbox
 * blocked is offered again without it.
 */
async function runDecided(
  env: ToolEnv,
  d: Decision,
  sandboxedFirst: boolean,
  extraEnv: Record<string, string>,
): Promise<{ result: ExecResult; watching: boolean }> {
  const { item, args } = d;
  let sandboxed = sandboxedFirst;
  const watching = !d.knownSafe && !(sandboxed && env.settings.sandbox === 'read-only');
  if (watching) await watchBefore(env);
  let result = await run(env, item, sandboxed, args.timeout_ms, extraEnv);
  if (
    !env.signal.aborted &&
    sandboxed &&
    policyName(env.settings.approvalPolicy) === 'on-failure' &&
    looksSandboxDenied(result.exitCode, result.output)
  ) {
    const { decision } = await env.ask('item/commandExecution/requestApproval', {
      threadId: env.threadId,
      turnId: env.turnId,
      itemId: item.id,
      startedAtMs: Date.now(),
      command: item.command,
      cwd: item.cwd,
      reason: 'The command failed in the sandbox. Run it again without the sandbox?',
      commandActions: item.commandActions,
    });
    if (decision === 'accept' || decision === 'acceptForSession') {
      if (decision === 'acceptForSession') env.session.commands.add(commandKey(item.cwd, item.command, 'unsandboxed'));
      sandboxed = false;
      result = await run(env, item, sandboxed, args.timeout_ms, {});
    } else if (decision === 'cancel') {
      env.interrupt();
    }
  }
  return { result, watching };
}

/** Report: the item completed with what it printed (even interrupted: it did run), the turn's diff, the model's output. */
async function report(env: ToolEnv, d: Decision, result: ExecResult, watching: boolean): Promise<string> {
  const output = env.redact(result.spawnError ?? result.output);
  await env.completeItem({
    ...d.item,
    status: result.spawnError || result.aborted || result.exitCode !== 0 ? 'failed' : 'completed',
    aggregatedOutput: output,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
  });
  // As after a patch: the item completes, then the turn's diff (now with the command's files).
  if (watching) await watchAfter(env);
  if (env.signal.aborted) return 'aborted';
  if (result.spawnError) return `exec_command failed to start: ${output}`;
  return modelOutput({ ...result, output }, d.args.max_output_tokens);
}

async function execCommand(env: ToolEnv, callId: string, args: ExecCommandArgs): Promise<string> {
  const d = await decide(env, callId, args);
  if (typeof d === 'string') return d;
  // As in Codex, the item starts before any approval is asked, so the client shows what is asked about.
  env.startItem(d.item);
  if (d.plan.kind === 'refuse') {
    await env.completeItem({ ...d.item, status: 'declined', aggregatedOutput: d.plan.reason });
    return `exec_command refused: ${d.plan.reason}`;
  }
  // What the user approves runs as they know it; what runs unasked as read-only runs with the
  // repository's program-running git settings switched off.
  let extraEnv = d.safeEnv;
  if (d.plan.kind === 'ask') {
    const answer = await askToRun(
      env,
      d.item,
      d.hazard ? `${d.plan.reason} (${d.hazard})` : d.plan.reason,
      d.plan.sandboxed,
    );
    if (answer !== 'run') return answer;
    extraEnv = {};
  }
  const { result, watching } = await runDecided(env, d, d.plan.sandboxed, extraEnv);
  return report(env, d, result, watching);
}

export const execCommandTool: Tool = defineTool({
  name: 'exec_command',
  description:
    "Runs a command with `bash -lc` in the working folder (or `workdir`) and returns its output, exit code and wall time. Prefer `rg` for searching. Commands may need the user's approval.",
  args: () => ExecCommandArgs,
  run: (env, call) => execCommand(env, call.callId, call.args()),
});

const failedWatch = (e: unknown): string =>
  `Could not look for files changed by a command: ${e instanceof Error ? e.message : String(e)}`;

async function watchBefore(env: ToolEnv): Promise<void> {
  try {
    await env.workspace.before();
  } catch (e) {
    await env.noteChanges([failedWatch(e)]);
  }
}

/** The files the command changed become baselines of the turn; the turn's diff goes out again. */
async function watchAfter(env: ToolEnv): Promise<void> {
  try {
    const { changes, notes } = await env.workspace.after();
    await env.noteChanges([...env.workspace.takeBoundNotes(), ...notes]);
    if (changes.length === 0) return;
    await env.diffs.trackKnown(changes);
    env.publishDelta({
      method: 'turn/diff/updated',
      params: { threadId: env.threadId, turnId: env.turnId, diff: await env.diffs.diff() },
    });
  } catch (e) {
    await env.noteChanges([failedWatch(e)]);
  }
}

/** Ask: the user decides; returns 'run', or the output for the model when it must not run. */
async function askToRun(
  env: ToolEnv,
  item: CommandExecutionItem,
  reason: string,
  sandboxed: boolean,
): Promise<'run' | string> {
  const { decision, failed } = await env.ask('item/commandExecution/requestApproval', {
    threadId: env.threadId,
    turnId: env.turnId,
    itemId: item.id,
    startedAtMs: Date.now(),
    command: item.command,
    cwd: item.cwd,
    reason,
    commandActions: item.commandActions,
  });
  if (failed !== undefined) {
    // As in Codex: the call fails (it did not run), and the turn goes on.
    await env.completeItem({ ...item, status: 'failed' });
    return `exec_command failed: the approval request failed (${failed}); the command did not run.`;
  }
  if (decision === 'accept' || decision === 'acceptForSession') {
    if (decision === 'acceptForSession')
      env.session.commands.add(commandKey(item.cwd, item.command, sandboxed ? 'sandboxed' : 'unsandboxed'));
    return 'run';
  }
  if (decision === 'cancel') {
    await env.completeItem({ ...item, status: 'declined' });
    env.interrupt();
    return 'aborted';
  }
  await env.completeItem({ ...item, status: 'declined' });
  return 'The user declined to run this command. Do not run it again unchanged; continue without it or ask the user.';
}

async function run(
  env: ToolEnv,
  item: CommandExecutionItem,
  sandboxed: boolean,
  timeoutMs: number | undefined,
  extraEnv: Record<string, string>,
): Promise<ExecResult> {
  // A key split between two deltas is caught: the stream redactor holds back what might be its
  // start. It sees the coalesced pieces, so there is one scan per delta sent, not per chunk read.
  const redacting = env.redactStream();
  const publish = (delta: string): void => {
    if (delta)
      env.publishDelta({
        method: 'item/commandExecution/outputDelta',
        params: { threadId: env.threadId, turnId: env.turnId, itemId: item.id, delta },
      });
  };
  const stream = new OutputStream((text) => publish(redacting.push(text)));
  const { allowEnv, limits } = commandSettings(env.home);
  try {
    return await runCommand({
      command: item.command,
      cwd: item.cwd,
      allowEnv,
      extraEnv,
      timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sandbox: {
        mode: sandboxed ? env.settings.sandbox : 'danger-full-access',
        writableRoots: env.confinement.roots,
        hidden: env.confinement.protected,
        limits,
      },
      signal: env.signal,
      onOutput: (delta) => stream.push(delta),
    });
  } finally {
    stream.end();
    publish(redacting.end());
  }
}
