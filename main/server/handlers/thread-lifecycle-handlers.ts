/**
 * Handlers for the thread methods beyond start/resume/read: the list (with Git facts), items a
 * page at a time, which threads are loaded, unsubscribing, deleting, and patching stored metadata.
 */
import { invalidCursor, invalidParams, threadNotFound } from '../../../protocol/rpc/errors';
import type { Thread } from '../../../protocol/schema/thread';
import type { ApprovalBroker } from '../approval-broker';
import type { ConnectionHub } from '../connection-hub';
import type { HandlerTable } from '../handler';
import type { ThreadRegistry } from '../thread-registry';
import type { ThreadUnloader } from '../thread-unloader';
import type { UserShellRuns } from './shell-command-handler';
import type { GitInfoCache } from '../threads/git-info';
import { itemsPage } from '../threads/items-page';
import { isValidThreadId } from '../threads/thread-store';
import type { ChangeRecord, ThreadMeta } from '../threads/records';

export type ThreadLifecycleMethod =
  | 'thread/list'
  | 'thread/items/list'
  | 'thread/loaded/list'
  | 'thread/unsubscribe'
  | 'thread/delete'
  | 'thread/metadata/update';

/** How long deleting a thread waits for its interrupted turn to record its end. */
const DELETE_WAIT_MS = 10_000;

export interface ThreadLifecycleDeps {
  registry: Pick<
    ThreadRegistry,
    'store' | 'getLoaded' | 'loadedThreads' | 'meta' | 'record' | 'wireThread' | 'drop' | 'exclusive'
  >;
  hub: Pick<ConnectionHub, 'broadcast'>;
  broker: Pick<ApprovalBroker, 'cancel'>;
  gitInfo: GitInfoCache;
  unloader: Pick<ThreadUnloader, 'schedule' | 'cancel'>;
  /** The user's shell commands running in a thread stop when it is deleted. */
  shellRuns: Pick<UserShellRuns, 'abort'>;
}

/** A thread/loaded/list cursor is, as in Codex, the last thread id of the page before. */
function loadedCursor(text: string): string {
  if (!isValidThreadId(text))
    throw invalidCursor('Invalid cursor: pass a nextCursor from an earlier thread/loaded/list');
  return text;
}

export function threadLifecycleHandlers({
  registry,
  hub,
  broker,
  gitInfo,
  unloader,
  shellRuns,
}: ThreadLifecycleDeps): Pick<HandlerTable, ThreadLifecycleMethod> {
  /** A thread as the wire shows it, Git facts included. */
  const withGit = async (meta: ThreadMeta): Promise<Thread> => ({
    ...registry.wireThread(meta, null),
    gitInfo: await gitInfo.forThread(meta.cwd, meta.gitInfo),
  });

  return {
    'thread/list': async (p) => {
      const page = await registry.store.list(p);
      // What memory holds is newer than the index (a running turn's thread).
      const data = await Promise.all(page.threads.map((m) => withGit(registry.getLoaded(m.id)?.state.meta ?? m)));
      return { data, nextCursor: page.nextCursor, backwardsCursor: page.backwardsCursor };
    },

    'thread/items/list': async (p) => {
      const loaded = registry.getLoaded(p.threadId);
      const turns = loaded?.wireTurns ?? (await registry.store.require(p.threadId)).turns;
      return itemsPage(turns, p);
    },

    'thread/loaded/list': async (p) => {
      // Sorted by id, as Codex pages them, so a cursor (the last id) stays meaningful while
      // threads load and unload between calls.
      const ids = [...registry.loadedThreads()].map((t) => t.id).sort();
      const after = p.cursor ? loadedCursor(p.cursor) : null;
      const rest = after === null ? ids : ids.filter((id) => id > after);
      const page = p.limit ? rest.slice(0, p.limit) : rest;
      const last = page.at(-1);
      return { data: page, nextCursor: last && page.length < rest.length ? last : null };
    },

    'thread/unsubscribe': async (p, ctx) => {
      const thread = registry.getLoaded(p.threadId);
      if (!thread) {
        // As in Codex: any well-formed id not in memory is merely not loaded; a malformed one is an error.
        if (!isValidThreadId(p.threadId)) throw threadNotFound(p.threadId);
        return { status: 'notLoaded' };
      }
      if (!thread.subscribers.delete(ctx.connection)) return { status: 'notSubscribed' };
      unloader.schedule(thread);
      return { status: 'unsubscribed' };
    },

    'thread/delete': async (p, ctx) => {
      // A shell command running in a turn of its own holds the thread's lock: stop it first.
      shellRuns.abort(p.threadId);
      return registry.exclusive(p.threadId, async () => {
        const meta = await registry.meta(p.threadId);
        const thread = registry.getLoaded(p.threadId);
        if (meta.ephemeral) {
          throw invalidParams(`Thread ${p.threadId} is ephemeral: it is not on disk and cannot be deleted`, {
            field: 'threadId',
          });
        }
        if (thread) {
          // As Codex shuts a thread down before deleting it: its turn stops, its approvals end unanswered.
          broker.cancel(thread);
          shellRuns.abort(thread.id);
          const running = thread.activeTurn;
          if (running && !running.isFinished) {
            running.interrupt();
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([running.done, new Promise<void>((r) => (timer = setTimeout(r, DELETE_WAIT_MS)))]);
            clearTimeout(timer);
          }
          registry.drop(thread.id);
          unloader.cancel(thread.id);
          // As Codex 0.169 does: the thread is shown unloaded first, then deleted.
          hub.broadcast({
            method: 'thread/status/changed',
            params: { threadId: thread.id, status: { type: 'notLoaded' } },
          });
        }
        // Its large file contents go too, unless another thread (a fork) names them as well.
        const state = thread?.state ?? (await registry.store.require(p.threadId));
        const blobs = [
          ...state.baselines.flatMap((b) => (b.blob ? [b.blob] : [])),
          ...state.changeLog.reverts.flatMap((r) => r.files.flatMap((f) => [f.agentBlob, f.restoredBlob])),
        ].filter((b): b is string => b !== undefined);
        await registry.store.delete(p.threadId);
        if (blobs.length) await registry.store.removeUnreferencedBlobs(blobs);
        ctx.afterResponse(() => hub.broadcast({ method: 'thread/deleted', params: { threadId: p.threadId } }));
        return {};
      });
    },

    'thread/metadata/update': async (p) => {
      const meta = await registry.meta(p.threadId);
      const g = p.gitInfo;
      // Codex's words: a patch that changes nothing is refused.
      if (!g || (g.sha === undefined && g.branch === undefined && g.originUrl === undefined))
        throw invalidParams('thread metadata update must include at least one field', { field: 'gitInfo' });
      const record: ChangeRecord = { t: 'gitInfo', at: Date.now() };
      if (g.sha !== undefined) record.sha = g.sha;
      if (g.branch !== undefined) record.branch = g.branch;
      if (g.originUrl !== undefined) record.originUrl = g.originUrl;
      await registry.record(p.threadId, [record]);
      return { thread: await withGit(await registry.meta(meta.id)) };
    },
  };
}
