/** Handlers for turns (start, steer, interrupt) and model/list. */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../../protocol/rpc/errors';
import { sandboxModeOf } from '../../../protocol/policy';
import type { Model } from '../../../protocol/schema/model';
import type { TurnStartParams } from '../../../protocol/schema/turn';
import { conversationOf } from '../../agent/conversation';
import { TurnRunner } from '../../agent/turn-runner';
import { ModelError } from '../../model/types';
import type { AppServer } from '../app-server';
import { currentDefaults } from '../thread-defaults';
import type { HandlerTable } from '../handler';
import type { LoadedThread } from '../threads/loaded-thread';
import type { ChangeRecord } from '../threads/records';

type TurnMethods = 'turn/start' | 'turn/steer' | 'turn/interrupt' | 'model/list' | 'tandem/fileChange/contents';

function turnBusy(turnId: string): AppError {
  return new AppError(ErrorCode.TurnBusy, `A turn is already running in this thread (${turnId}); steer it or interrupt it first`, {
    reason: 'turnBusy',
    turnId,
  });
}

/** Per-turn overrides stick for later turns, as in Codex: record the ones that change something. */
async function overrides(thread: LoadedThread, p: TurnStartParams): Promise<ChangeRecord | undefined> {
  const m = thread.state.meta;
  const change: Extract<ChangeRecord, { t: 'settings' }> = { t: 'settings', at: Date.now() };
  if (p.model && p.model !== m.model) change.model = p.model;
  if (p.effort !== undefined && p.effort !== m.reasoningEffort) change.reasoningEffort = p.effort;
  if (p.approvalPolicy && JSON.stringify(p.approvalPolicy) !== JSON.stringify(m.approvalPolicy)) change.approvalPolicy = p.approvalPolicy;
  if (p.sandboxPolicy) {
    const mode = sandboxModeOf(p.sandboxPolicy);
    if (mode !== m.sandbox) change.sandbox = mode;
  }
  if (p.cwd) {
    const cwd = isAbsolute(p.cwd) ? resolve(p.cwd) : resolve(m.cwd, p.cwd);
    if (!(await stat(cwd).catch(() => undefined))?.isDirectory()) {
      throw new AppError(ErrorCode.InvalidTarget, `cwd is not an existing folder: ${cwd}`, { reason: 'invalidCwd', cwd });
    }
    if (cwd !== m.cwd) change.cwd = cwd;
  }
  return Object.keys(change).length > 2 ? change : undefined;
}

export function turnHandlers(server: AppServer): Pick<HandlerTable, TurnMethods> {
  return {
    // Checking that no turn runs and claiming the thread happen under the thread's lock, so two
    // turn/start requests can never both pass the check.
    'turn/start': (p, ctx) =>
      server.exclusive(p.threadId, async () => {
      const thread = await server.load(p.threadId);
      server.subscribe(thread, ctx.connection);
      if (thread.activeTurn) throw turnBusy(thread.activeTurn.id);
      const change = await overrides(thread, p);
      if (change) await server.record(thread.id, [change]);
      const m = thread.state.meta;
      const runner = new TurnRunner(
        {
          host: server.turnHost(thread),
          model: () => server.options.createModel(m.model),
          settings: {
            model: m.model,
            effort: m.reasoningEffort,
            summary: p.summary ?? (m.reasoningEffort ? 'auto' : null),
            approvalPolicy: m.approvalPolicy,
            sandbox: m.sandbox,
            cwd: m.cwd,
          },
          session: thread.session,
          conversation: conversationOf(thread.state.history),
          retry: server.options.retry,
          protectedPaths: [server.options.home],
          tempJournal: server.temps,
          home: server.options.home,
        },
        p.input,
        p.clientUserMessageId ?? null,
      );
      thread.activeTurn = runner;
      void runner.done.then(() => {
        if (thread.activeTurn === runner) thread.activeTurn = null;
      });
      // The turn begins once its response is out, so `turn/started` follows the response.
      ctx.afterResponse(() => runner.begin());
      return { turn: runner.initialTurn };
      }),

    'turn/steer': async (p) => {
      const thread = server.getLoaded(p.threadId);
      const active = thread?.activeTurn;
      if (!thread || !active || active.isFinished || active.isInterrupted) {
        throw new AppError(ErrorCode.InvalidTarget, 'No turn is running in this thread; start one with turn/start', { reason: 'noActiveTurn' });
      }
      if (active.id !== p.expectedTurnId) {
        throw new AppError(ErrorCode.InvalidTarget, `The running turn is ${active.id}, not ${p.expectedTurnId}`, { reason: 'turnMismatch', turnId: active.id });
      }
      active.steer(p.input, p.clientUserMessageId ?? null);
      return { turnId: active.id };
    },

    'turn/interrupt': async (p) => {
      const active = server.getLoaded(p.threadId)?.activeTurn;
      if (!active || active.id !== p.turnId) {
        throw new AppError(ErrorCode.InvalidTarget, `Turn ${p.turnId} is not running`, { reason: 'noActiveTurn', turnId: p.turnId });
      }
      // Answer at once; `turn/completed` (interrupted) follows as soon as everything stopped.
      active.interrupt();
      return {};
    },

    'tandem/fileChange/contents': async (p) => {
      const files = server.getLoaded(p.threadId)?.pendingChanges.get(p.itemId);
      if (!files) {
        throw new AppError(ErrorCode.InvalidTarget, `No file change ${p.itemId} is awaiting approval in this thread`, { reason: 'noPendingChange', itemId: p.itemId });
      }
      return { files };
    },

    'model/list': async (p) => {
      // The default is the model new threads get: the one saved in Settings, if any.
      const defaultModel = currentDefaults(server.options).model;
      let ids: string[];
      try {
        ids = await server.options.createModel(defaultModel).listModels();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw new AppError(ErrorCode.ModelUnavailable, message, { reason: e instanceof ModelError ? e.kind : 'modelUnavailable' });
      }
      const start = p.cursor ? Number(p.cursor) || 0 : 0;
      const limit = p.limit ?? 100;
      const page = ids.slice(start, start + limit);
      const data: Model[] = page.map((id) => ({
        id,
        model: id,
        displayName: id,
        description: '',
        hidden: false,
        isDefault: id === defaultModel,
        defaultReasoningEffort: 'medium',
        supportedReasoningEfforts: ['low', 'medium', 'high'].map((e) => ({ reasoningEffort: e, description: e })),
        upgrade: null,
      }));
      return { data, nextCursor: start + limit < ids.length ? String(start + limit) : null };
    },
  };
}
