/**
 * apply_patch: parse and compute every change in memory (nothing is half-written when part of
 * a patch does not apply), show it as a fileChange item, ask when the policy says so, then write
 * all of it and report the turn's diff.
 */
import { relative } from 'node:path';
import type { FileChangeItem, FileUpdateChange } from '../../protocol/schema/item';
import { planPatch as planPatchEffects, writeEffects, type FileEffect } from '../tools/apply-patch';
import { confine, isInGitDir, PathRefused } from '../tools/paths';
import { readFile } from 'node:fs/promises';
import { hunksOnly } from './diff-tracker';
import { planPatch, policyName } from './policy';
import type { ToolEnv } from './tool-env';

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/** A file's change as Codex shows it: absolute paths; hunks for an update, the content for an add or delete. */
function changeOf(e: FileEffect): FileUpdateChange {
  if (e.kind === 'add') return { path: e.absPath, kind: { type: 'add' }, diff: e.after ?? '' };
  if (e.kind === 'delete') return { path: e.absPath, kind: { type: 'delete' }, diff: e.before ?? '' };
  return { path: e.absPath, kind: { type: 'update', move_path: e.moveAbsPath }, diff: hunksOnly(e.before ?? '', e.after ?? '') };
}

export async function applyPatchTool(env: ToolEnv, callId: string, patch: string): Promise<string> {
  const started = Date.now();
  let effects: FileEffect[];
  try {
    effects = await planPatchEffects(patch, { resolve: (p) => confine(env.confinement, p), read: readOrNull });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return e instanceof PathRefused ? `apply_patch refused: ${reason}` : `apply_patch verification failed: ${reason}\nNothing was changed.`;
  }
  const item: FileChangeItem = { type: 'fileChange', id: callId, changes: effects.map(changeOf), status: 'inProgress' };
  const targets = effects.flatMap((e) => [e.absPath, ...(e.moveAbsPath ? [e.moveAbsPath] : [])]);
  const plan = planPatch({
    policy: policyName(env.settings.approvalPolicy),
    sandbox: env.settings.sandbox,
    touchesGit: targets.some(isInGitDir),
    approvedForSession: targets.every((t) => env.session.files.has(t)),
  });
  env.startItem(item);
  if (plan.kind === 'refuse') {
    await env.completeItem({ ...item, status: 'declined' });
    return `apply_patch refused: ${plan.reason}`;
  }
  if (plan.kind === 'ask') {
    const decision = await env.ask('item/fileChange/requestApproval', {
      threadId: env.threadId,
      turnId: env.turnId,
      itemId: item.id,
      startedAtMs: Date.now(),
      reason: plan.reason,
      grantRoot: null,
    });
    if (decision === 'cancel') {
      env.interrupt();
      return 'aborted';
    }
    if (decision === 'decline') {
      await env.completeItem({ ...item, status: 'declined' });
      return 'The user declined this patch; nothing was changed. Do not apply it again unchanged.';
    }
    if (decision === 'acceptForSession') for (const t of targets) env.session.files.add(t);
  }
  if (env.signal.aborted) return 'aborted';
  const root = env.confinement.roots[0] ?? env.settings.cwd;
  await env.diffs.track(targets.map((t) => ({ absPath: t, display: relative(root, t) })));
  try {
    await writeEffects(effects);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    await env.completeItem({ ...item, status: 'failed' });
    return `apply_patch failed while writing: ${reason}\nNo file was changed.`;
  }
  await env.completeItem({ ...item, status: 'completed' });
  env.publishDelta({ method: 'turn/diff/updated', params: { threadId: env.threadId, turnId: env.turnId, diff: await env.diffs.diff() } });
  const summary = effects.map((e) => `${e.kind === 'add' ? 'A' : e.kind === 'delete' ? 'D' : 'M'} ${e.movePath ?? e.path}`).join('\n');
  return `Exit code: 0\nWall time: ${((Date.now() - started) / 1000).toFixed(1)} seconds\nOutput:\nSuccess. Updated the following files:\n${summary}\n`;
}
