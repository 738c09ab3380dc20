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
import { ExecCommandArgs, parseArgs } from '../tools/tool-args';
import { truncateMiddle } from '../tools/truncate';
import { OutputStream } from './output-stream';
import { policyName } from '../../protocol/policy';
import { looksSandboxDenied, planCommand } from './policy';
import type { ToolEnv } from './tool-env';
import { commandKey } from './turn-context';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The result in the words Codex's exec_command uses, which models trained on Codex expect. */
function modelOutput(r: ExecResult, maxTokens: number | undefined): string {
  const limit = maxTokens ? Math.max(1024, maxTokens * 4) : undefined;
  const ended = r.timedOut ? `Process timed out and was killed (exit code ${r.exitCode ?? 'none'})` : `Process exited with code ${r.exitCode ?? 'none'}`;
  return `Wall time: ${(r.durationMs / 1000).toFixed(4)} seconds\n${ended}\nOutput:\n${truncateMiddle(r.output, limit)}`;
}

export async function execCommandTool(env: ToolEnv, callId: string, json: string): Promise<string> {
  const args = parseArgs(ExecCommandArgs, json, 'exec_command');
  const { settings } = env;
  let cwd = env.confinement.roots[0] ?? settings.cwd;
  if (args.workdir) {
    try {
      cwd = await confine(env.confinement, isAbsolute(args.workdir) ? args.workdir : resolve(settings.cwd, args.workdir));
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
  const policy = policyName(settings.approvalPolicy);
  const escalate = args.sandbox_permissions === 'require_escalated';
  // Approved to run outside the sandbox for the session covers everything; approved inside it
  // covers only runs inside it.
  const unsandboxedOk = env.session.commands.has(commandKey(cwd, command, 'unsandboxed'));
  const verdict = await classifyCommand(command, cwd, (e) =>
    env.log.error(`the read-only command classifier could not load, so every command is treated as not read-only: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  );
  const knownSafe = verdict.knownSafe;
  const plan = planCommand({
    policy,
    sandbox: settings.sandbox,
    sandboxAvailable: sandboxAvailable(),
    knownSafe,
    escalate: escalate || unsandboxedOk,
    justification: args.justification ?? null,
    approvedForSession: unsandboxedOk || (!escalate && env.session.commands.has(commandKey(cwd, command, 'sandboxed'))),
  });

  // As in Codex, the item starts before any approval is asked, so the client shows what is asked about.
  env.startItem(item);
  if (plan.kind === 'refuse') {
    await env.completeItem({ ...item, status: 'declined', aggregatedOutput: plan.reason });
    return `exec_command refused: ${plan.reason}`;
  }
  let sandboxed = plan.sandboxed;
  // What the user approves runs as they know it; what runs unasked as read-only runs with the
  // repository's program-running git settings switched off.
  let extraEnv = verdict.env;
  if (plan.kind === 'ask') {
    const answer = await askToRun(env, item, verdict.hazard ? `${plan.reason} (${verdict.hazard})` : plan.reason, sandboxed);
    if (answer !== 'run') return answer;
    extraEnv = {};
  }

  // A command that can write gets the workspace compared before and after, so the files it
  // changed join the turn's Changes (and can be reverted) like the ones apply_patch wrote.
  const watching = !knownSafe && !(sandboxed && settings.sandbox === 'read-only');
  if (watching) await watchBefore(env);
  let result = await run(env, item, sandboxed, args.timeout_ms, extraEnv);
  if (!env.signal.aborted && sandboxed && policy === 'on-failure' && looksSandboxDenied(result.exitCode, result.output)) {
    // on-failure: the sandbox blocked it; offer to run it again without the sandbox.
    const { decision } = await env.ask('item/commandExecution/requestApproval', {
      threadId: env.threadId,
      turnId: env.turnId,
      itemId: item.id,
      startedAtMs: Date.now(),
      command,
      cwd,
      reason: 'The command failed in the sandbox. Run it again without the sandbox?',
      commandActions: item.commandActions,
    });
    if (decision === 'accept' || decision === 'acceptForSession') {
      if (decision === 'acceptForSession') env.session.commands.add(commandKey(cwd, command, 'unsandboxed'));
      sandboxed = false;
      result = await run(env, item, sandboxed, args.timeout_ms, {});
    } else if (decision === 'cancel') {
      env.interrupt();
    }
  }
  const output = env.redact(result.spawnError ?? result.output);
  // Even an interrupted command is recorded with what it printed: it did run.
  await env.completeItem({
    ...item,
    status: result.spawnError || result.aborted || result.exitCode !== 0 ? 'failed' : 'completed',
    aggregatedOutput: output,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
  });
  // As after a patch: the item completes, then the turn's diff (now with the command's files).
  if (watching) await watchAfter(env);
  if (env.signal.aborted) return 'aborted';
  if (result.spawnError) return `exec_command failed to start: ${output}`;
  return modelOutput({ ...result, output }, args.max_output_tokens);
}

const failedWatch = (e: unknown): string => `Could not look for files changed by a command: ${e instanceof Error ? e.message : String(e)}`;

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
    env.publishDelta({ method: 'turn/diff/updated', params: { threadId: env.threadId, turnId: env.turnId, diff: await env.diffs.diff() } });
  } catch (e) {
    await env.noteChanges([failedWatch(e)]);
  }
}

/** Ask to run; returns 'run', or the output for the model when it must not run. */
async function askToRun(env: ToolEnv, item: CommandExecutionItem, reason: string, sandboxed: boolean): Promise<'run' | string> {
  const { decision } = await env.ask('item/commandExecution/requestApproval', {
    threadId: env.threadId,
    turnId: env.turnId,
    itemId: item.id,
    startedAtMs: Date.now(),
    command: item.command,
    cwd: item.cwd,
    reason,
    commandActions: item.commandActions,
  });
  if (decision === 'accept' || decision === 'acceptForSession') {
    if (decision === 'acceptForSession') env.session.commands.add(commandKey(item.cwd, item.command, sandboxed ? 'sandboxed' : 'unsandboxed'));
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

async function run(env: ToolEnv, item: CommandExecutionItem, sandboxed: boolean, timeoutMs: number | undefined, extraEnv: Record<string, string>): Promise<ExecResult> {
  // A key split between two deltas is caught: the stream redactor holds back what might be its
  // start. It sees the coalesced pieces, so there is one scan per delta sent, not per chunk read.
  const redacting = env.redactStream();
  const publish = (delta: string): void => {
    if (delta) env.publishDelta({ method: 'item/commandExecution/outputDelta', params: { threadId: env.threadId, turnId: env.turnId, itemId: item.id, delta } });
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
      sandbox: { mode: sandboxed ? env.settings.sandbox : 'danger-full-access', writableRoots: env.confinement.roots, hidden: env.confinement.protected, limits },
      signal: env.signal,
      onOutput: (delta) => stream.push(delta),
    });
  } finally {
    stream.end();
    publish(redacting.end());
  }
}
