/** Handlers for the thread family: start, resume, fork, list, read, archive, unarchive, name. */
import { v7 as uuidv7 } from 'uuid';
import { invalidParams, turnNotFound } from '../../../protocol/rpc/errors';
import type { DynamicToolSpec } from '../../../protocol/schema/dynamic-tools';
import { isBuiltinTool } from '../../agent/tool-registry';
import { sandboxPolicyOf, wireApprovalPolicy } from '../../../protocol/policy';
import { currentDefaults } from '../thread-defaults';
import type { ThreadResumeParams, ThreadStartParams } from '../../../protocol/schema/thread';
import { isOwnItem } from '../../../protocol/schema/wire-item';
import type { ConnectionHub } from '../connection-hub';
import type { HandlerTable, RequestContext } from '../handler';
import type { ServerOptions } from '../options';
import type { ThreadRegistry } from '../thread-registry';
import type { GitInfoCache } from '../threads/git-info';
import type { LoadedThread } from '../threads/loaded-thread';
import {
  FORMAT_VERSION,
  replay,
  type ChangeRecord,
  type HeaderRecord,
  type ThreadMeta,
  type ThreadState,
} from '../threads/records';
import { turnsPage } from '../threads/turns-page';
import { resolveCwd } from './resolve-cwd';
import { threadConfigReader } from './thread-config';
import type { ThreadLifecycleMethod } from './thread-lifecycle-handlers';

/** Settings fields shared by start, resume and fork params. */
type SettingsParams = Pick<
  ThreadStartParams,
  'model' | 'modelProvider' | 'cwd' | 'approvalPolicy' | 'sandbox' | 'baseInstructions' | 'developerInstructions'
>;

/** A client's tools, checked: each name once, none taking the name of one of Tandem's tools. */
function checkedDynamicTools(tools: DynamicToolSpec[]): DynamicToolSpec[] {
  const seen = new Set<string>();
  for (const t of tools) {
    if (isBuiltinTool(t.name))
      throw invalidParams(`dynamicTools: "${t.name}" is the name of one of Tandem's own tools; choose another`, {
        field: 'dynamicTools',
      });
    if (seen.has(t.name)) throw invalidParams(`dynamicTools: "${t.name}" is given twice`, { field: 'dynamicTools' });
    seen.add(t.name);
  }
  return tools;
}

/** Turn a thread's turns and model history back into records, to copy them into a fork. */
function historyRecords(state: ThreadState, lastTurnId: string | null | undefined, now: number): ChangeRecord[] {
  const turns = state.turns;
  let end = turns.length;
  if (lastTurnId) {
    end = turns.findIndex((t) => t.id === lastTurnId) + 1;
    if (end === 0) throw turnNotFound(`No turn ${lastTurnId} in this thread`, lastTurnId);
  }
  return turns.slice(0, end).flatMap((turn): ChangeRecord[] => {
    const at = turn.startedAt != null ? turn.startedAt * 1000 : now;
    const history = state.history.filter((h) => h.turnId === turn.id).map((h) => h.item);
    return [
      { t: 'turnStarted', at, turnId: turn.id },
      ...turn.items.filter(isOwnItem).map((item): ChangeRecord => ({ t: 'item', at, turnId: turn.id, item })),
      ...(history.length ? [{ t: 'history', at, turnId: turn.id, items: history } as ChangeRecord] : []),
      {
        t: 'turnCompleted',
        at: turn.completedAt != null ? turn.completedAt * 1000 : at,
        turnId: turn.id,
        status: turn.status === 'inProgress' ? 'interrupted' : turn.status,
        error: turn.error ?? null,
        durationMs: turn.durationMs ?? null,
      },
    ];
  });
}

/** `{ [key]: text }` when there is text, else nothing. */
const optionalText = <K extends string>(key: K, text: string | null | undefined): Partial<Record<K, string>> =>
  text ? ({ [key]: text } as Record<K, string>) : {};

/** The thread family but what thread-lifecycle-handlers.ts, shell-command-handler.ts and search-handlers.ts hold. */
type ThreadMethods = Exclude<
  Extract<keyof HandlerTable, `thread/${string}`>,
  ThreadLifecycleMethod | 'thread/shellCommand' | 'thread/search' | 'thread/searchOccurrences'
>;

/** What the thread handlers use of the server. */
export interface ThreadHandlersDeps {
  registry: Pick<
    ThreadRegistry,
    'store' | 'getLoaded' | 'load' | 'adopt' | 'stateOf' | 'meta' | 'record' | 'setStatus' | 'wireThread'
  >;
  hub: Pick<ConnectionHub, 'broadcast' | 'subscribe'>;
  options: Pick<ServerOptions, 'home' | 'defaults' | 'overrides' | 'defaultCwd' | 'version' | 'log'>;
  /** The Git facts of a thread's folder, shared with thread/list's (one cache per server). */
  gitInfo: Pick<GitInfoCache, 'forThread' | 'known'>;
}

// Locks and experimental gates are the method table's (protocol/methods.ts): thread/resume,
// archive, unarchive and name/set check then act, so each runs alone per thread and concurrent
// requests give the same result as the same requests one after another.
export function threadHandlers({
  registry,
  hub,
  options,
  gitInfo,
}: ThreadHandlersDeps): Pick<HandlerTable, ThreadMethods> {
  const withConfig = threadConfigReader(options.log);
  /** A thread's wire form with its folder's Git facts (what a client stored winning), as thread/list shows it. */
  const withGit = async (meta: ThreadMeta, turns: Parameters<typeof registry.wireThread>[1]) => ({
    ...registry.wireThread(meta, turns),
    gitInfo: await gitInfo.forThread(meta.cwd, meta.gitInfo),
  });

  /**
   * The effective settings of a thread, as start/resume/fork answer them. A new thread's Git facts
   * are what is already known of its folder (nothing waits for git to start a thread).
   */
  const settingsResponse = async (thread: LoadedThread, includeTurns: boolean, git: 'ask' | 'known' = 'ask') => {
    const m = thread.state.meta;
    return {
      thread:
        git === 'known'
          ? { ...registry.wireThread(m, null), gitInfo: gitInfo.known(m.cwd) }
          : await withGit(m, includeTurns ? { turns: thread.wireTurns } : null),
      model: m.model,
      modelProvider: m.modelProvider,
      cwd: m.cwd,
      approvalPolicy: wireApprovalPolicy(m.approvalPolicy),
      approvalsReviewer: 'user' as const,
      sandbox: sandboxPolicyOf(m.sandbox),
      reasoningEffort: m.reasoningEffort,
      serviceTier: null,
      instructionSources: [],
    };
  };

  /** Build a new thread's header from params, falling back to `base` then the defaults. */
  const newHeader = async (
    p: SettingsParams,
    base: Partial<ThreadMeta>,
    extra: Partial<HeaderRecord>,
  ): Promise<HeaderRecord> => {
    const defaults = currentDefaults(options);
    const id = uuidv7();
    return {
      t: 'thread',
      v: FORMAT_VERSION,
      at: Date.now(),
      id,
      sessionId: base.sessionId ?? id,
      cwd: await resolveCwd(p.cwd ?? base.cwd ?? options.defaultCwd, options.defaultCwd),
      model: p.model ?? base.model ?? defaults.model,
      modelProvider: p.modelProvider ?? base.modelProvider ?? defaults.modelProvider,
      reasoningEffort: base.reasoningEffort ?? defaults.reasoningEffort,
      approvalPolicy: p.approvalPolicy ?? base.approvalPolicy ?? defaults.approvalPolicy,
      sandbox: p.sandbox ?? base.sandbox ?? defaults.sandbox,
      forkedFromId: null,
      cliVersion: options.version,
      // Only where set, so a thread without them keeps the header it always had.
      ...optionalText('baseInstructions', p.baseInstructions ?? base.baseInstructions ?? defaults.baseInstructions),
      ...optionalText(
        'developerInstructions',
        p.developerInstructions ?? base.developerInstructions ?? defaults.developerInstructions,
      ),
      ...extra,
    };
  };

  /** Create a thread (on disk unless ephemeral), hold it, follow it, announce it after the response. */
  const createThread = async (
    header: HeaderRecord,
    history: ChangeRecord[],
    ephemeral: boolean,
    ctx: RequestContext,
  ) => {
    const state = ephemeral ? replay(header, history, true) : await registry.store.create(header, history);
    const thread = registry.adopt(state);
    thread.subscribers.add(ctx.connection);
    const announced = registry.wireThread(state.meta, null);
    ctx.afterResponse(() => hub.broadcast({ method: 'thread/started', params: { thread: announced } }));
    return thread;
  };

  /** Settings a resume changed, as a record (or nothing when it changed none). */
  const settingsChange = async (
    thread: LoadedThread,
    p: ThreadResumeParams,
    reasoningEffort: string | null | undefined,
  ): Promise<ChangeRecord | undefined> => {
    const m = thread.state.meta;
    const change: Extract<ChangeRecord, { t: 'settings' }> = { t: 'settings', at: Date.now() };
    if (p.model && p.model !== m.model) change.model = p.model;
    if (reasoningEffort !== undefined && reasoningEffort !== m.reasoningEffort)
      change.reasoningEffort = reasoningEffort;
    if (p.cwd) {
      const cwd = await resolveCwd(p.cwd, m.cwd);
      if (cwd !== m.cwd) change.cwd = cwd;
    }
    if (p.approvalPolicy && JSON.stringify(p.approvalPolicy) !== JSON.stringify(m.approvalPolicy)) {
      change.approvalPolicy = p.approvalPolicy;
    }
    if (p.sandbox && p.sandbox !== m.sandbox) change.sandbox = p.sandbox;
    // As in Codex, a resume may give the thread other instructions; they stick.
    if (p.baseInstructions != null && p.baseInstructions !== m.baseInstructions)
      change.baseInstructions = p.baseInstructions;
    if (p.developerInstructions != null && p.developerInstructions !== m.developerInstructions)
      change.developerInstructions = p.developerInstructions;
    return Object.keys(change).length > 2 ? change : undefined;
  };

  return {
    'thread/start': async (start, ctx) => {
      const { params: p, reasoningEffort } = withConfig(start);
      const tools = checkedDynamicTools(p.dynamicTools ?? []);
      const header = await newHeader(
        p,
        {},
        {
          ...(reasoningEffort !== undefined ? { reasoningEffort } : {}),
          ...(tools.length ? { dynamicTools: tools } : {}),
        },
      );
      const thread = await createThread(header, [], p.ephemeral ?? false, ctx);
      return await settingsResponse(thread, false, 'known');
    },

    'thread/resume': async (resume, ctx) => {
      const { params: p, reasoningEffort } = withConfig(resume);
      const wasLoaded = registry.getLoaded(p.threadId) !== undefined;
      const thread = await registry.load(p.threadId);
      if (!wasLoaded) ctx.afterResponse(() => registry.setStatus(thread, thread.status));
      const change = await settingsChange(thread, p, reasoningEffort);
      if (change) await registry.record(thread.id, [change]);
      // Asked before output is held, so a slow git delays nothing this client is sent meanwhile.
      await gitInfo.forThread(thread.state.meta.cwd, thread.state.meta.gitInfo);
      // The snapshot below and the stream after it meet exactly: from here until the response is
      // written, nothing else goes to this client (pending approvals, re-sent, follow it).
      ctx.holdOutput();
      hub.subscribe(thread, ctx.connection);
      // What only notifications carry (the running turn's plan and diff, token usage) follows too.
      for (const n of thread.live.notified) ctx.connection.notify(n);
      const response = await settingsResponse(thread, !p.excludeTurns);
      return p.initialTurnsPage
        ? { ...response, initialTurnsPage: turnsPage(thread.wireTurns, p.initialTurnsPage) }
        : response;
    },

    'thread/turns/list': async (p) => {
      const turns = registry.getLoaded(p.threadId)?.wireTurns ?? (await registry.store.require(p.threadId)).turns;
      return turnsPage(turns, p);
    },

    'thread/fork': async (fork, ctx) => {
      const { params: p, reasoningEffort } = withConfig(fork);
      const source = await registry.stateOf(p.threadId);
      const history = historyRecords(source, p.lastTurnId, Date.now());
      // A fork keeps the source's tools: its history may call them.
      const tools = source.meta.dynamicTools ?? [];
      const header = await newHeader(p, source.meta, {
        forkedFromId: source.meta.id,
        ...(tools.length ? { dynamicTools: tools } : {}),
        ...(reasoningEffort !== undefined ? { reasoningEffort } : {}),
      });
      const thread = await createThread(header, history, p.ephemeral ?? false, ctx);
      return await settingsResponse(thread, !p.excludeTurns);
    },

    'thread/read': async (p) => {
      const loaded = registry.getLoaded(p.threadId);
      const state = loaded?.state ?? (await registry.store.require(p.threadId));
      return {
        thread: await withGit(state.meta, p.includeTurns ? { turns: loaded?.wireTurns ?? state.turns } : null),
      };
    },

    'thread/archive': async (p, ctx) => {
      const meta = await registry.meta(p.threadId);
      if (!meta.archived) {
        await registry.record(p.threadId, [{ t: 'archived', at: Date.now(), archived: true }]);
        ctx.afterResponse(() => hub.broadcast({ method: 'thread/archived', params: { threadId: p.threadId } }));
      }
      return {};
    },

    'thread/unarchive': async (p, ctx) => {
      const meta = await registry.meta(p.threadId);
      if (meta.archived) {
        await registry.record(p.threadId, [{ t: 'archived', at: Date.now(), archived: false }]);
        ctx.afterResponse(() => hub.broadcast({ method: 'thread/unarchived', params: { threadId: p.threadId } }));
      }
      return { thread: registry.wireThread(await registry.meta(p.threadId), null) };
    },

    'thread/name/set': async (p, ctx) => {
      const meta = await registry.meta(p.threadId);
      const name = p.name.trim() || null;
      if (name === meta.name) return {}; // nothing changes, so the thread does not jump to the top
      await registry.record(p.threadId, [{ t: 'name', at: Date.now(), name }]);
      ctx.afterResponse(() =>
        hub.broadcast({ method: 'thread/name/updated', params: { threadId: p.threadId, threadName: name } }),
      );
      return {};
    },
  };
}
