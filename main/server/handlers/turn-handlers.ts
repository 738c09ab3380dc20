/** Handlers for turns (start, steer, interrupt) and model/list. */
import {
  invalidParams,
  modelUnavailable,
  noActiveTurn,
  noPendingChange,
  turnBusy,
  turnMismatch,
} from '../../../protocol/rpc/errors';
import type { SandboxMode } from '../../../protocol/schema/common';
import type { UserInput } from '../../../protocol/schema/item';
import { sandboxModeOf } from '../../../protocol/policy';
import type { Model } from '../../../protocol/schema/model';
import type { TurnStartParams } from '../../../protocol/schema/turn';
import { conversationOf } from '../../agent/conversation';
import { compileOutputSchema, SchemaRefused, type OutputCheck } from '../../agent/output-schema';
import { TurnRunner } from '../../agent/turn-runner';
import { InputRefused, resolveUserInput, type UserTurnItem } from '../../agent/user-input';
import { knownModel } from '../../model/known-models';
import { ModelError, type ListedModel } from '../../model/types';
import type { TurnJournal } from '../../agent/turn-journal';
import type { TempJournal } from '../../tools/temp-journal';
import type { ConnectionHub } from '../connection-hub';
import type { HandlerTable } from '../handler';
import type { ServerOptions } from '../options';
import { currentDefaults } from '../thread-defaults';
import type { ThreadRegistry } from '../thread-registry';
import type { LoadedThread } from '../threads/loaded-thread';
import type { ChangeRecord } from '../threads/records';
import { resolveCwd } from './resolve-cwd';
import type { UserShellRuns } from './shell-command-handler';

type TurnMethods = 'turn/start' | 'turn/steer' | 'turn/interrupt' | 'model/list' | 'tandem/fileChange/contents';

/**
 * A listed model as Codex describes one: what the endpoint's entry says, else what the table of
 * known models says; the inputs default to text alone for a model nothing is known of (so no
 * client offers images to a model that may refuse them), and the context window is left out.
 */
function modelEntry(m: ListedModel, defaultModel: string): Model {
  const known = knownModel(m.id);
  const contextWindow = m.contextWindow ?? known?.contextWindow;
  return {
    id: m.id,
    model: m.id,
    displayName: m.id,
    description: '',
    hidden: false,
    isDefault: m.id === defaultModel,
    defaultReasoningEffort: 'medium',
    supportedReasoningEfforts: ['low', 'medium', 'high'].map((e) => ({ reasoningEffort: e, description: e })),
    upgrade: null,
    inputModalities: m.inputModalities ?? known?.inputModalities ?? ['text'],
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
}

/** Per-turn overrides stick for later turns, as in Codex: record the ones that change something. */
async function overrides(
  thread: LoadedThread,
  p: TurnStartParams,
): Promise<Extract<ChangeRecord, { t: 'settings' }> | undefined> {
  const m = thread.state.meta;
  const change: Extract<ChangeRecord, { t: 'settings' }> = { t: 'settings', at: Date.now() };
  if (p.model && p.model !== m.model) change.model = p.model;
  if (p.effort !== undefined && p.effort !== m.reasoningEffort) change.reasoningEffort = p.effort;
  if (p.approvalPolicy && JSON.stringify(p.approvalPolicy) !== JSON.stringify(m.approvalPolicy))
    change.approvalPolicy = p.approvalPolicy;
  if (p.sandboxPolicy) {
    const mode = sandboxModeOf(p.sandboxPolicy);
    if (mode !== m.sandbox) change.sandbox = mode;
  }
  if (p.cwd) {
    const cwd = await resolveCwd(p.cwd, m.cwd);
    if (cwd !== m.cwd) change.cwd = cwd;
  }
  return Object.keys(change).length > 2 ? change : undefined;
}

/** The input as the model gets it; a file that cannot be used refuses the request (nothing recorded). */
async function messageOf(
  input: UserInput[],
  where: { cwd: string; sandbox: SandboxMode },
  home: string,
): Promise<UserTurnItem> {
  try {
    return await resolveUserInput(input, { ...where, protectedPaths: [home], home });
  } catch (e) {
    if (e instanceof InputRefused) throw invalidParams(e.message, { field: 'input' });
    throw e;
  }
}

async function outputCheckOf(schema: Record<string, unknown> | null | undefined): Promise<OutputCheck | null> {
  if (!schema) return null;
  try {
    return await compileOutputSchema(schema);
  } catch (e) {
    if (e instanceof SchemaRefused) throw invalidParams(e.message, { field: 'outputSchema' });
    throw e;
  }
}

/** What the turn handlers use of the server. */
export interface TurnHandlersDeps {
  registry: Pick<ThreadRegistry, 'getLoaded' | 'load' | 'record'>;
  hub: Pick<ConnectionHub, 'subscribe'>;
  options: Pick<ServerOptions, 'home' | 'defaults' | 'overrides' | 'createModel' | 'retry'>;
  temps: TempJournal;
  /** What a turn of `thread` reaches disk and clients through. */
  turnHost(thread: LoadedThread): TurnJournal;
  /** The user's shell commands, whose own turns `turn/interrupt` stops too. */
  shellRuns?: Pick<UserShellRuns, 'interruptTurn'>;
}

export function turnHandlers({
  registry,
  hub,
  options,
  temps,
  turnHost,
  shellRuns,
}: TurnHandlersDeps): Pick<HandlerTable, TurnMethods> {
  return {
    // Checking that no turn runs and claiming the thread happen under the thread's lock (the
    // method table's), so two turn/start requests can never both pass the check. The lock ends
    // with this handler: the turn itself begins after the response and runs unlocked.
    //
    // On a thread whose turn is running, the input joins that turn, as Codex 0.169.0 does: the
    // response is the running turn, and the input is its next userMessage (the model sees it at
    // its next call). The turn's settings and outputSchema stay as they were.
    'turn/start': async (p, ctx) => {
      const thread = await registry.load(p.threadId);
      hub.subscribe(thread, ctx.connection);
      const running = (): TurnRunner | null => {
        const a = thread.activeTurn;
        return a && !a.isFinished && !a.isInterrupted ? a : null;
      };
      if (running()) {
        const message = await messageOf(p.input, thread.state.meta, options.home);
        const active = running();
        if (active) {
          active.steer(p.input, p.clientUserMessageId ?? null, message);
          return { turn: active.initialTurn };
        }
      }
      if (thread.activeTurn)
        throw turnBusy(
          `The turn ${thread.activeTurn.id} of this thread is stopping; start the next one once it has completed`,
          thread.activeTurn.id,
        );
      const change = await overrides(thread, p);
      // Checked before the overrides are recorded: a refused request changes nothing.
      const outputCheck = await outputCheckOf(p.outputSchema);
      const message = await messageOf(
        p.input,
        { cwd: change?.cwd ?? thread.state.meta.cwd, sandbox: change?.sandbox ?? thread.state.meta.sandbox },
        options.home,
      );
      if (change) await registry.record(thread.id, [change]);
      const m = thread.state.meta;
      const runner = new TurnRunner(
        {
          journal: turnHost(thread),
          model: () => options.createModel(m.model, m.modelProvider),
          settings: {
            model: m.model,
            effort: m.reasoningEffort,
            summary: p.summary ?? (m.reasoningEffort ? 'auto' : null),
            approvalPolicy: m.approvalPolicy,
            sandbox: m.sandbox,
            cwd: m.cwd,
            baseInstructions: m.baseInstructions,
            developerInstructions: m.developerInstructions,
            dynamicTools: m.dynamicTools,
            offerUserInput: ctx.connection.experimentalApi,
          },
          session: thread.session,
          conversation: conversationOf(thread.state.history),
          retry: options.retry,
          protectedPaths: [options.home],
          tempJournal: temps,
          home: options.home,
          outputCheck,
        },
        p.input,
        p.clientUserMessageId ?? null,
        message,
      );
      thread.activeTurn = runner;
      void runner.done.then(() => {
        if (thread.activeTurn === runner) thread.activeTurn = null;
      });
      // The turn begins once its response is out, so `turn/started` follows the response.
      ctx.afterResponse(() => runner.begin());
      // As Codex answers it: the items are not loaded here, they come as notifications.
      return { turn: { ...runner.initialTurn, itemsView: 'notLoaded' as const } };
    },

    'turn/steer': async (p) => {
      const thread = registry.getLoaded(p.threadId);
      const active = thread?.activeTurn;
      if (!thread || !active || active.isFinished || active.isInterrupted) {
        throw noActiveTurn('No turn is running in this thread; start one with turn/start');
      }
      if (active.id !== p.expectedTurnId) {
        throw turnMismatch(active.id, p.expectedTurnId);
      }
      const message = await messageOf(p.input, thread.state.meta, options.home);
      active.steer(p.input, p.clientUserMessageId ?? null, message);
      return { turnId: active.id };
    },

    'turn/interrupt': async (p) => {
      const active = registry.getLoaded(p.threadId)?.activeTurn;
      // The user's shell commands in the turn stop too; one in a turn of its own (thread/shellCommand) is that turn.
      const shellStopped = shellRuns?.interruptTurn(p.threadId, p.turnId) ?? false;
      if ((!active || active.id !== p.turnId) && shellStopped) return {};
      if (!active || active.id !== p.turnId) {
        throw noActiveTurn(`Turn ${p.turnId} is not running`, p.turnId);
      }
      // Answer at once; `turn/completed` (interrupted) follows as soon as everything stopped.
      active.interrupt();
      return {};
    },

    'tandem/fileChange/contents': async (p) => {
      const files = registry.getLoaded(p.threadId)?.pendingChanges.get(p.itemId);
      if (!files) throw noPendingChange(p.itemId);
      return { files };
    },

    'model/list': async (p) => {
      // The default is the model new threads get: the one saved in Settings, if any.
      const defaultModel = currentDefaults(options).model;
      let listed: ListedModel[];
      try {
        listed = await options.createModel(defaultModel, currentDefaults(options).modelProvider).listModels();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw modelUnavailable(message, e instanceof ModelError ? e.kind : 'modelUnavailable');
      }
      const start = p.cursor ? Number(p.cursor) || 0 : 0;
      const limit = p.limit ?? 100;
      const page = listed.slice(start, start + limit);
      const data: Model[] = page.map((m) => modelEntry(m, defaultModel));
      return { data, nextCursor: start + limit < listed.length ? String(start + limit) : null };
    },
  };
}
