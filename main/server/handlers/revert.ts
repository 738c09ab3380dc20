/**
 * Reverting a turn's files, and undoing that. A revert touches exactly the files whose content
 * differs from before the turn, can be checked first (dry run) and pinned to the files the user
 * confirmed, and is recorded three ways: a `revert` record (what to put back on undo), a
 * fileChange item in the thread's latest turn (what every client shows, after a reload too), and a
 * note in the model's history (so the next turn knows its edits are gone). Undo does the same the
 * other way, and only while the files are still as the revert left them.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  nothingToRevert,
  revertChanged,
  revertConflict,
  revertNotFound,
  turnBusy,
  turnNotFound,
} from '../../../protocol/rpc/errors';
import type { FileChangeItem, FileUpdateChange } from '../../../protocol/schema/item';
import {
  REVERT_ITEM_PREFIX,
  UNDO_ITEM_PREFIX,
  type TurnRevertParams,
  type TurnRevertResponse,
  type TurnRevertUndoParams,
  type TurnRevertUndoResponse,
} from '../../../protocol/schema/tandem';
import { boundedContent, hunksOnly } from '../../agent/diff-tracker';
import type { TempJournal } from '../../tools/temp-journal';
import type { ConnectionHub } from '../connection-hub';
import type { ServerOptions } from '../options';
import type { ThreadRegistry } from '../thread-registry';
import type { Baseline, ChangeRecord, RevertEntry, ThreadState } from '../threads/records';
import { WorkspaceFiles } from './workspace-files';

/** What reverting uses of the server. */
export interface RevertDeps {
  registry: Pick<ThreadRegistry, 'store' | 'getLoaded' | 'stateOf' | 'record'>;
  hub: Pick<ConnectionHub, 'publish'>;
  options: Pick<ServerOptions, 'home'>;
  temps: TempJournal;
}

type RevertFile = RevertEntry['files'][number];

/** One file's change from `from` to `to`, as a fileChange item carries it. */
function changeOf(path: string, from: string | null, to: string | null): FileUpdateChange {
  if (from === null) return { path, kind: { type: 'add' }, diff: boundedContent(to ?? '') };
  if (to === null) return { path, kind: { type: 'delete' }, diff: boundedContent(from) };
  return { path, kind: { type: 'update', move_path: null }, diff: hunksOnly(from, to) };
}

const listed = (files: RevertFile[], word: (f: RevertFile) => string): string =>
  files.map((f) => `${f.display} (${word(f)})`).join(', ');

function refuseWhileRunning({ registry }: RevertDeps, threadId: string): void {
  const active = registry.getLoaded(threadId)?.activeTurn;
  if (active && !active.isFinished) {
    throw turnBusy('A turn is running in this thread; stop it before reverting', active.id);
  }
}

/** Record the item (in the latest turn), its records and the model's note; tell the thread's clients. */
async function record(
  { registry, hub }: RevertDeps,
  s: ThreadState,
  item: FileChangeItem,
  extra: ChangeRecord,
  note: string,
): Promise<void> {
  const turnId = s.turns.at(-1)?.id;
  if (!turnId) throw turnNotFound('This thread has no turn');
  const at = Date.now();
  await registry.record(s.meta.id, [
    extra,
    { t: 'item', at, turnId, item },
    { t: 'history', at, turnId, items: [{ type: 'user', text: note }] },
  ]);
  const loaded = registry.getLoaded(s.meta.id);
  if (!loaded) return;
  hub.publish(loaded, {
    method: 'item/started',
    params: { threadId: s.meta.id, turnId, item: { ...item, status: 'inProgress' }, startedAtMs: at },
  });
  hub.publish(loaded, {
    method: 'item/completed',
    params: { threadId: s.meta.id, turnId, item, completedAtMs: Date.now() },
  });
}

export async function revertTurn(server: RevertDeps, p: TurnRevertParams): Promise<TurnRevertResponse> {
  refuseWhileRunning(server, p.threadId);
  const s = await server.registry.stateOf(p.threadId);
  const turnNumber = s.turns.findIndex((t) => t.id === p.turnId) + 1;
  // The turn's own baselines (one per file: the first), for one file or all.
  const first = new Map<string, Baseline>();
  for (const b of s.baselines)
    if (b.turnId === p.turnId && (!p.path || b.path === p.path || b.display === p.path) && !first.has(b.path))
      first.set(b.path, b);
  if (first.size === 0) {
    throw turnNotFound(
      p.path ? `Turn ${p.turnId} did not change ${p.path}` : `Turn ${p.turnId} changed no files`,
      p.turnId,
    );
  }
  const fs = await WorkspaceFiles.of(server, s);
  const files: RevertFile[] = [];
  for (const b of [...first.values()].sort((x, y) => x.display.localeCompare(y.display))) {
    const now = await fs.read(b);
    const before = await server.registry.store.blobs.resolve(b.before, b.blob);
    if (now !== before) files.push({ path: b.path, display: b.display, agent: now, restored: before });
  }
  const names = files.map((f) => f.display);
  if (p.dryRun) return { reverted: names, itemId: null };
  if (p.expected && [...p.expected].sort().join('\0') !== [...names].sort().join('\0')) {
    throw revertChanged(names);
  }
  if (files.length === 0) {
    throw nothingToRevert();
  }
  await fs.putAll(files.map((f) => ({ path: f.path, display: f.display, from: f.agent, to: f.restored })));
  const itemId = `${REVERT_ITEM_PREFIX}${uuidv7()}`;
  const item: FileChangeItem = {
    type: 'fileChange',
    id: itemId,
    status: 'completed',
    changes: files.map((f) => changeOf(f.path, f.agent, f.restored)),
  };
  const word = (f: RevertFile): string =>
    f.restored === null ? 'deleted' : f.agent === null ? 'recreated' : 'restored';
  const note =
    `[Tandem] The user reverted your changes from turn ${turnNumber || '?'}. These files are back to how they were before that turn: ` +
    `${listed(files, word)}. Your edits to them are gone; read them again before relying on their content.`;
  await record(server, s, item, { t: 'revert', at: Date.now(), id: itemId, turnId: p.turnId, files }, note);
  return { reverted: names, itemId };
}

export async function undoRevert(server: RevertDeps, p: TurnRevertUndoParams): Promise<TurnRevertUndoResponse> {
  refuseWhileRunning(server, p.threadId);
  const s = await server.registry.stateOf(p.threadId);
  const revert = s.changeLog.reverts.find((r) => r.id === p.itemId);
  if (!revert || revert.undone) {
    throw revertNotFound(p.itemId, revert !== undefined);
  }
  const fs = await WorkspaceFiles.of(server, s);
  const blobs = server.registry.store.blobs;
  // Each file's two contents, read back from out of line where the revert record keeps them there.
  const files = await Promise.all(
    revert.files.map(async (f) => ({
      ...f,
      agent: await blobs.resolve(f.agent, f.agentBlob),
      restored: await blobs.resolve(f.restored, f.restoredBlob),
    })),
  );
  const changed: string[] = [];
  for (const f of files) if ((await fs.read(f)) !== f.restored) changed.push(f.display);
  if (changed.length) {
    throw revertConflict(changed);
  }
  await fs.putAll(files.map((f) => ({ path: f.path, display: f.display, from: f.restored, to: f.agent })));
  const itemId = `${UNDO_ITEM_PREFIX}${revert.id}`;
  const item: FileChangeItem = {
    type: 'fileChange',
    id: itemId,
    status: 'completed',
    changes: files.map((f) => changeOf(f.path, f.restored, f.agent)),
  };
  const turnNumber = s.turns.findIndex((t) => t.id === revert.turnId) + 1;
  const word = (f: RevertFile): string => (f.agent === null ? 'deleted again' : 'your version');
  const note = `[Tandem] The user undid the revert of turn ${turnNumber || '?'}: these files are as you left them again: ${listed(files, word)}.`;
  await record(server, s, item, { t: 'revertUndone', at: Date.now(), id: revert.id }, note);
  return { restored: revert.files.map((f) => f.display), itemId };
}
