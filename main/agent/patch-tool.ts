/**
 * apply_patch: parse and compute every change in memory (nothing is half-written when part of
 * a patch does not apply), show it as a fileChange item, ask when the policy says so, then write
 * all of it and report the turn's diff.
 */
import { relative, resolve } from 'node:path';
import type { FileChangeItem, FileUpdateChange } from '../../protocol/schema/item';
import { planPatch as planPatchEffects, writeEffects, type FileEffect } from '../tools/apply-patch';
import { agentConfigFolderOf } from '../tools/agent-config';
import { confine, PathRefused } from '../tools/paths';
import { readTextNoFollow, rootFor } from '../tools/safe-fs';
import { boundedContent, hunksOnly } from './diff-tracker';
import { changedByUser, contentsOf, describeSelections, selectHunks, type Selection } from './hunks';
import { policyName } from '../../protocol/policy';
import { planPatch, type PatchPlan } from './policy';
import { APPLY_PATCH_DESCRIPTION, APPLY_PATCH_GRAMMAR } from './patch-tool-spec';
import { defineFreeformTool, type Tool } from './define-tool';
import type { ToolEnv } from './tool-env';

/** A file's change as Codex shows it: absolute paths; hunks for an update, the content for an add or delete. */
function changeOf(e: FileEffect): FileUpdateChange {
  if (e.kind === 'add') return { path: e.absPath, kind: { type: 'add' }, diff: boundedContent(e.after ?? '') };
  if (e.kind === 'delete') return { path: e.absPath, kind: { type: 'delete' }, diff: boundedContent(e.before ?? '') };
  return {
    path: e.absPath,
    kind: { type: 'update', move_path: e.moveAbsPath },
    diff: hunksOnly(e.before ?? '', e.after ?? ''),
  };
}

/** Parse and compute the patch against the files as they are now; an error string on failure. */
async function computePatch(env: ToolEnv, patch: string): Promise<FileEffect[] | string> {
  try {
    // Read without following links: a file swapped for a link after it was resolved is refused, not read through.
    const read = (abs: string): Promise<string | null> => readTextNoFollow(rootFor(env.confinement.roots, abs), abs);
    return await planPatchEffects(patch, { resolve: (p) => confine(env.confinement, p), read });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return e instanceof PathRefused
      ? `apply_patch refused: ${reason}`
      : `apply_patch verification failed: ${reason}\nNothing was changed.`;
  }
}

/** What the patch would do, and what the policy says about it. */
interface Decision {
  item: FileChangeItem;
  effects: FileEffect[];
  /** Every file written (real paths), moves' destinations included. */
  targets: string[];
  plan: PatchPlan;
}

/** What is to be written once asked (or without asking), and how the user chose among its hunks. */
interface Approved {
  effects: FileEffect[];
  selections: Selection[] | null;
}

/** Decide: compute the patch, and whether it may be written, must be asked about, or is refused. */
async function decide(env: ToolEnv, callId: string, patch: string): Promise<Decision | string> {
  const effects = await computePatch(env, patch);
  if (typeof effects === 'string') return effects;
  const item: FileChangeItem = { type: 'fileChange', id: callId, changes: effects.map(changeOf), status: 'inProgress' };
  const targets = effects.flatMap((e) => [e.absPath, ...(e.moveAbsPath ? [e.moveAbsPath] : [])]);
  // Both the real paths and the paths as written: a `.codex` that is a symbolic link (a repository
  // can check one in) leads to an ordinary folder, and is still what agents read.
  const written = effects
    .flatMap((e) => [e.path, ...(e.movePath ? [e.movePath] : [])])
    .map((p) => resolve(env.settings.cwd, p));
  const configFolder =
    [
      ...targets.map((t) => agentConfigFolderOf(t, env.confinement.roots)),
      ...written.map((w) => agentConfigFolderOf(w, [env.settings.cwd])),
    ].find((f) => f !== null) ?? null;
  const plan = planPatch({
    policy: policyName(env.settings.approvalPolicy),
    sandbox: env.settings.sandbox,
    configFolder,
    approvedForSession: targets.every((t) => env.session.files.has(t)),
  });
  return { item, effects, targets, plan };
}

/**
 * Ask: the user reviews the change (its whole files offered meanwhile). Returns what to write,
 * or the output for the model when nothing is written.
 */
async function ask(env: ToolEnv, patch: string, d: Decision, reason: string): Promise<Approved | string> {
  const { item } = d;
  env.offerChanges(item.id, d.effects.map(contentsOf));
  const { decision, hunks, edits, failed } = await env
    .ask('item/fileChange/requestApproval', {
      threadId: env.threadId,
      turnId: env.turnId,
      itemId: item.id,
      startedAtMs: Date.now(),
      reason,
      grantRoot: null,
    })
    .finally(() => env.offerChanges(item.id, null));
  if (failed !== undefined) {
    // As in Codex: the call fails (nothing was written), and the turn goes on.
    await env.completeItem({ ...item, status: 'failed' });
    return `apply_patch failed: the approval request failed (${failed}); nothing was changed.`;
  }
  if (decision === 'cancel') {
    await env.completeItem({ ...item, status: 'declined' });
    env.interrupt();
    return 'aborted';
  }
  if (decision === 'decline') {
    await env.completeItem({ ...item, status: 'declined' });
    return 'The user declined this patch; nothing was changed. Do not apply it again unchanged.';
  }
  if (decision === 'acceptForSession') for (const t of d.targets) env.session.files.add(t);
  // The user approved these exact changes; if a file changed meanwhile, writing now would
  // silently undo that edit. Recompute, and write only what was approved.
  const again = await computePatch(env, patch);
  const same =
    typeof again !== 'string' &&
    again.length === d.effects.length &&
    again.every((e, i) => e.before === d.effects[i]?.before && e.after === d.effects[i]?.after);
  if (!same) {
    await env.completeItem({ ...item, status: 'failed' });
    return 'apply_patch was not applied: the files changed while the user was reviewing it. Read them again and make a new patch.';
  }
  if (!hunks?.length && !edits?.length) return { effects: again, selections: null };
  // Only what the user accepted is written, as they edited it; the rest is reported as rejected.
  const chosen = selectHunks(
    again,
    new Map((hunks ?? []).map((h) => [h.path, h.accepted])),
    new Map((edits ?? []).map((e) => [e.path, e.content])),
  );
  return { effects: chosen.write, selections: chosen.selections };
}

/** Run: the baselines kept (for revert), then every file written at once. Null when written, else the model's output. */
async function run(env: ToolEnv, d: Decision, effects: FileEffect[]): Promise<string | null> {
  const root = env.confinement.roots[0] ?? env.settings.cwd;
  // The plan's reads are the baselines (the content the user approved a change to).
  const read = new Map(effects.map((e) => [e.absPath, e.before]));
  await env.diffs.track(d.targets.map((t) => ({ absPath: t, display: relative(root, t), before: read.get(t) })));
  if (env.signal.aborted) {
    await env.completeItem({ ...d.item, status: 'declined' });
    return 'aborted';
  }
  try {
    await writeEffects(effects, { roots: env.confinement.roots, journal: env.tempJournal });
    return null;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    await env.completeItem({ ...d.item, status: 'failed' });
    return `apply_patch failed while writing: ${reason}\nNo file was changed.`;
  }
}

/** Report: the item completed (with what was written), the turn's diff, and the output in Codex's words. */
async function report(env: ToolEnv, d: Decision, { effects, selections }: Approved, started: number): Promise<string> {
  const partial = selections ? changedByUser(selections) : false;
  await env.completeItem({
    ...d.item,
    changes: partial ? effects.map(changeOf) : d.item.changes,
    status: effects.length ? 'completed' : 'declined',
  });
  env.publishDelta({
    method: 'turn/diff/updated',
    params: { threadId: env.threadId, turnId: env.turnId, diff: await env.diffs.diff() },
  });
  const wall = `Wall time: ${((Date.now() - started) / 1000).toFixed(1)} seconds`;
  if (partial && selections) {
    const edited = selections.some((s) => s.edited !== undefined);
    const rejected = selections.some((s) => s.rejected.length > 0);
    const what = rejected && !edited ? 'applied only part of it' : 'changed it before it was written';
    const after = rejected ? '\nRejected hunks were not written; do not apply them again unchanged.' : '';
    return `Exit code: 0\n${wall}\nOutput:\nThe user reviewed the patch and ${what}:\n${describeSelections(selections)}${after}\n`;
  }
  const summary = effects
    .map((e) => `${e.kind === 'add' ? 'A' : e.kind === 'delete' ? 'D' : 'M'} ${e.movePath ?? e.path}`)
    .join('\n');
  return `Exit code: 0\n${wall}\nOutput:\nSuccess. Updated the following files:\n${summary}\n`;
}

async function applyPatch(env: ToolEnv, callId: string, patch: string): Promise<string> {
  const started = Date.now();
  const d = await decide(env, callId, patch);
  if (typeof d === 'string') return d;
  env.startItem(d.item);
  if (d.plan.kind === 'refuse') {
    await env.completeItem({ ...d.item, status: 'declined' });
    return `apply_patch refused: ${d.plan.reason}`;
  }
  const approved =
    d.plan.kind === 'ask' ? await ask(env, patch, d, d.plan.reason) : { effects: d.effects, selections: null };
  if (typeof approved === 'string') return approved;
  const failed = await run(env, d, approved.effects);
  if (failed !== null) return failed;
  return report(env, d, approved, started);
}

export const applyPatchTool: Tool = defineFreeformTool({
  name: 'apply_patch',
  description: APPLY_PATCH_DESCRIPTION,
  grammar: APPLY_PATCH_GRAMMAR,
  run: applyPatch,
});
