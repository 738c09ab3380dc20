/**
 * One turn: send the conversation to the model, stream what comes back as items, run the tools
 * it calls (asking first where the policy says), and loop until the model answers without
 * calling a tool. A failure is data: the turn completes as failed, never a broken connection.
 */
import { v7 as uuidv7 } from 'uuid';
import type { ApprovalDecision } from '../../protocol/schema/approval';
import type { ThreadItem, UserInput } from '../../protocol/schema/item';
import type { Turn, TurnError, TurnStatus } from '../../protocol/schema/turn';
import { redactor, StreamRedactor, type Redactor } from '../model/redact';
import { ModelError, type ConversationItem, type ModelClient, type ToolCall } from '../model/types';
import { toolSpecs } from './tool-registry';
import { confinementFor, type Confinement } from '../tools/paths';
import type { TempJournal } from '../tools/temp-journal';
import { DiffTracker } from './diff-tracker';
import { dynamicToolSpecs } from './dynamic-tool';
import { WorkspaceWatch } from './workspace-watch';
import { codexErrorInfo } from './errors';
import { OutputSchemaMismatch, type OutputCheck } from './output-schema';
import { hasImages, type UserTurnItem } from './user-input';
import { instructionsFor } from './instructions';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './retry';
import { StreamItems } from './stream-items';
import type { ToolEnv } from './tool-env';
import { runToolCall } from './tool-registry';
import type { SessionApprovals, TurnSettings } from './turn-context';
import type { TurnJournal } from './turn-journal';

/** Codex's amendment decisions: an execpolicy amendment accepts; a network amendment accepts unless it denies. */
function normaliseDecision(d: unknown): ApprovalDecision {
  if (d === 'accept' || d === 'acceptForSession' || d === 'decline' || d === 'cancel') return d;
  if (typeof d === 'object' && d !== null && 'applyNetworkPolicyAmendment' in d) {
    const amendment = (d as { applyNetworkPolicyAmendment: { network_policy_amendment?: { action?: unknown } } })
      .applyNetworkPolicyAmendment;
    return amendment.network_policy_amendment?.action === 'deny' ? 'decline' : 'accept';
  }
  if (typeof d === 'object' && d !== null && 'acceptWithExecpolicyAmendment' in d) return 'accept';
  return 'decline';
}

export interface TurnDeps {
  /** Where the turn's events are kept and announced (the server's, for one thread). */
  journal: TurnJournal;
  /** Creates the model client; throws a ModelError (e.g. no API key) to fail the turn. */
  model: () => ModelClient;
  settings: TurnSettings;
  session: SessionApprovals;
  /** The conversation so far (earlier turns). */
  conversation: ConversationItem[];
  retry?: RetryPolicy;
  /** Folders no tool may touch, even inside the workspace (Tandem's own home). */
  protectedPaths: readonly string[];
  /** Where temporary files are journalled (the server's home); null: not journalled. */
  tempJournal?: TempJournal | null;
  /** Tandem's home, where the settings for commands are read at each use. */
  home: string;
  /** The turn's `outputSchema` (this turn only): sent with every model call, the final answer checked. */
  outputCheck?: OutputCheck | null;
}

/** Queued user input: as the client sent it (for the item), and as the model gets it. */
interface PendingInput {
  input: UserInput[];
  clientId: string | null;
  message: UserTurnItem;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

const textOf = (input: UserInput[]): string => input.flatMap((i) => (i.type === 'text' ? [i.text] : [])).join('\n');

/** Two user messages the model would see the same way. */
const sameMessage = (a: ConversationItem | undefined, b: UserTurnItem): boolean =>
  a?.type === 'user' && a.text === b.text && JSON.stringify(a.content ?? null) === JSON.stringify(b.content ?? null);

export class TurnRunner {
  readonly id = uuidv7();
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private readonly pendingInput: PendingInput[] = [];
  /** The last agent message of the latest model call, or null when it wrote none. */
  private lastAnswer: string | null = null;
  private readonly conversation: ConversationItem[];
  private readonly diffs = new DiffTracker((path, b) => this.journal.baselineTaken(path, b.display, b.before));
  /** Created with the confinement (its first root is the workspace). */
  private workspace: WorkspaceWatch | null = null;
  private readonly startedAt = Date.now();
  private finished = false;
  private start!: () => void;
  /** Values never shown to the model or the client (the API key), known once the model client exists. */
  private redact: Redactor = redactor([]);

  constructor(
    private readonly deps: TurnDeps,
    input: UserInput[],
    clientId: string | null,
    /** The input as the model gets it (user-input.ts); by default its text. */
    message?: UserTurnItem,
  ) {
    this.conversation = [...deps.conversation];
    this.pendingInput.push({ input, clientId, message: message ?? { type: 'user', text: textOf(input) } });
    this.done = new Promise<void>((resolve) => {
      this.start = () => void this.run().finally(resolve);
    });
  }

  /** The turn as `turn/start` answers it. */
  get initialTurn(): Turn {
    return {
      id: this.id,
      items: [],
      status: 'inProgress',
      error: null,
      startedAt: Math.floor(this.startedAt / 1000),
      completedAt: null,
      durationMs: null,
    };
  }

  /** Begin (after the `turn/start` response went out). */
  begin(): void {
    this.start();
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Interrupted (or cancelled) and winding down: it takes no more input. */
  get isInterrupted(): boolean {
    return this.controller.signal.aborted;
  }

  /** More user input for the running turn; the model sees it at its next call. */
  steer(input: UserInput[], clientId: string | null, message?: UserTurnItem): void {
    this.pendingInput.push({ input, clientId, message: message ?? { type: 'user', text: textOf(input) } });
  }

  interrupt(): void {
    this.controller.abort();
  }

  private get journal(): TurnJournal {
    return this.deps.journal;
  }

  private async run(): Promise<void> {
    let status: TurnStatus = 'completed';
    let error: TurnError | null = null;
    try {
      await this.journal.turnStarted(this.initialTurn, this.startedAt, this.controller.signal);
      // The user's message is kept (on disk and in the transcript) before anything can fail or be
      // interrupted: a turn that fails at once (no API key) or is stopped at once still shows it.
      await this.takeUserInput();
      const confinement = await confinementFor(
        this.deps.settings.cwd,
        this.deps.settings.sandbox === 'danger-full-access' ? ['/'] : [],
        this.deps.protectedPaths,
      );
      this.diffs.confineTo(confinement.roots);
      const model = this.deps.model();
      this.redact = redactor(model.secrets);
      while (!this.controller.signal.aborted) {
        await this.takeUserInput();
        const calls = await this.callModel(model);
        if (this.controller.signal.aborted) break;
        if (calls.length === 0 && this.pendingInput.length === 0) break;
        for (const call of calls) {
          if (this.controller.signal.aborted) break;
          const output = await runToolCall(this.toolEnv(confinement), call);
          // Recorded at once: after a crash, a call that ran is never mistaken for one that did not.
          this.conversation.push(output);
          await this.journal.historyAppended([output]);
        }
      }
      if (this.controller.signal.aborted) status = 'interrupted';
      else this.checkAnswer();
    } catch (e) {
      if (this.controller.signal.aborted) status = 'interrupted';
      else {
        status = 'failed';
        // An endpoint may echo the key in its error body: redacted before it is logged or kept.
        let message = this.redact(e instanceof Error ? e.message : String(e));
        // Whether a model takes images is not known ahead for an OpenAI-compatible endpoint: its
        // refusal is shown as it came, with what the request carried.
        if (e instanceof ModelError && e.kind === 'request' && hasImages(this.conversation))
          message += ' (the request included images: this model or endpoint may not accept image input)';
        if (!(e instanceof ModelError) && !(e instanceof OutputSchemaMismatch))
          this.journal.log.error(
            `turn ${this.id} failed: ${e instanceof Error && e.stack ? this.redact(e.stack) : message}`,
          );
        error = { message, codexErrorInfo: codexErrorInfo(e), additionalDetails: null };
        this.journal.announce({
          method: 'error',
          params: { threadId: this.journal.threadId, turnId: this.id, error, willRetry: false },
        });
      }
    }
    // Input that joined the turn after the model's last call (turn/steer, a turn/start on the
    // running turn) is kept even when no call follows (interrupted, failed): the user's words
    // are on the turn, and the next turn's model sees them.
    if (this.pendingInput.length > 0)
      await this.takeUserInput().catch((e: unknown) =>
        this.journal.log.error(`turn ${this.id}: could not record the input that joined it: ${String(e)}`),
      );
    await this.finish(status, error);
  }

  private async finish(status: TurnStatus, error: TurnError | null): Promise<void> {
    const now = Date.now();
    this.finished = true;
    const turn: Turn = {
      ...this.initialTurn,
      status,
      error,
      completedAt: Math.floor(now / 1000),
      durationMs: now - this.startedAt,
    };
    await this.journal.turnCompleted(turn, now);
  }

  /**
   * Queued user input becomes userMessage items and enters the conversation. Published even once
   * the turn is being interrupted: what is recorded on disk is what clients show.
   */
  private async takeUserInput(): Promise<void> {
    const batch = this.pendingInput.splice(0);
    if (batch.length === 0) return;
    const history: ConversationItem[] = [];
    for (const { input, clientId, message } of batch) {
      const item: ThreadItem = { type: 'userMessage', id: uuidv7(), content: input, clientId };
      this.journal.itemStarted(item, 'final');
      await this.journal.itemCompleted(item, 'final');
      // A message sent again after nothing answered it (Retry of a failed turn) reaches the model
      // once: the conversation already ends with it.
      if (!sameMessage(history.at(-1) ?? this.conversation.at(-1), message)) history.push(message);
    }
    if (history.length === 0) return;
    this.conversation.push(...history);
    await this.journal.historyAppended(history);
  }

  /** One model call, retried while nothing has streamed yet. Returns the tool calls it made. */
  private async callModel(model: ModelClient): Promise<ToolCall[]> {
    const policy = this.deps.retry ?? DEFAULT_RETRY;
    const s = this.deps.settings;
    const request = {
      model: s.model,
      instructions: instructionsFor(s),
      developerInstructions: s.developerInstructions ?? null,
      input: this.conversation,
      tools: s.dynamicTools?.length
        ? [...toolSpecs({ userInput: s.offerUserInput }), ...dynamicToolSpecs(s.dynamicTools)]
        : toolSpecs({ userInput: s.offerUserInput }),
      effort: s.effort,
      summary: s.summary,
      outputSchema: this.deps.outputCheck?.schema ?? null,
    };
    for (let attempt = 0; ; attempt++) {
      const items = new StreamItems(this.journal, this.id);
      try {
        streaming: for await (const batch of model.stream(request, this.controller.signal)) {
          for (const event of batch) {
            if (this.controller.signal.aborted) break streaming;
            const recorded = items.handle(event);
            if (recorded) await recorded;
          }
        }
        return items.calls;
      } catch (e) {
        const err = e instanceof ModelError ? e : new ModelError('stream', e instanceof Error ? e.message : String(e));
        if (items.started || !err.retryable || attempt >= policy.maxRetries || this.controller.signal.aborted)
          throw err;
        const info: TurnError = {
          message: this.redact(err.message),
          codexErrorInfo: codexErrorInfo(err),
          additionalDetails: `retry ${attempt + 1} of ${policy.maxRetries}`,
        };
        this.journal.announce({
          method: 'error',
          params: { threadId: this.journal.threadId, turnId: this.id, error: info, willRetry: true },
        });
        await sleep(retryDelay(policy, attempt + 1, err), this.controller.signal);
      } finally {
        const answers = items.output.flatMap((o) => (o.type === 'assistant' ? [o.text] : []));
        this.lastAnswer = answers.at(-1) ?? null;
        // What the model said (completed items and calls) enters the conversation even if the
        // stream broke afterwards; a call without output is answered "aborted" next time.
        if (items.output.length) {
          this.conversation.push(...items.output);
          await this.journal.historyAppended(items.output);
        }
      }
    }
  }

  /**
   * The final answer against the turn's outputSchema: one that does not follow it fails the turn
   * (the message itself stays, as the model wrote it), so a client never takes it for valid.
   */
  private checkAnswer(): void {
    const check = this.deps.outputCheck;
    if (!check) return;
    if (this.lastAnswer === null)
      throw new OutputSchemaMismatch('The turn ended without a final message to check against its outputSchema');
    const problem = check.problem(this.lastAnswer);
    if (problem)
      throw new OutputSchemaMismatch(`The final message does not follow the turn's outputSchema: ${problem}`);
  }

  private toolEnv(confinement: Confinement): ToolEnv {
    const journal = this.journal;
    const signal = this.controller.signal;
    const started = new Set<string>();
    const startItem = (item: ThreadItem): void => {
      started.add(item.id);
      journal.itemStarted(item, 'live');
    };
    this.workspace ??= new WorkspaceWatch(confinement.roots[0] ?? this.deps.settings.cwd);
    return {
      threadId: journal.threadId,
      turnId: this.id,
      settings: this.deps.settings,
      confinement,
      tempJournal: this.deps.tempJournal ?? null,
      home: this.deps.home,
      session: this.deps.session,
      diffs: this.diffs,
      workspace: this.workspace,
      noteChanges: (notes) => journal.changesNoted(notes),
      log: journal.log,
      signal,
      startItem,
      // Completions still go out while an interrupted turn winds down: what ran is shown.
      completeItem: async (item) => {
        if (!started.has(item.id)) startItem(item);
        await journal.itemCompleted(item, 'final');
      },
      publishDelta: (n) => journal.announce(n),
      ask: async (method, params) => {
        const answer = await journal.ask(method, params, signal);
        if (!answer) return { decision: 'cancel' };
        if ('refused' in answer) return { decision: 'decline', failed: answer.refused };
        const hunks = 'hunks' in answer ? answer.hunks : undefined;
        const edits = 'edits' in answer ? answer.edits : undefined;
        return {
          decision: normaliseDecision(answer.decision),
          ...(hunks ? { hunks } : {}),
          ...(edits ? { edits } : {}),
        };
      },
      callClientTool: (params) => journal.ask('item/tool/call', params, signal),
      askUser: (params) => journal.ask('item/tool/requestUserInput', params, signal),
      offerChanges: (itemId, files) => journal.offerChanges(itemId, files),
      redact: (text) => this.redact(text),
      redactStream: () => new StreamRedactor(this.redact),
      interrupt: () => this.interrupt(),
    };
  }
}
