/**
 * One model response as thread items: agent messages and reasoning start, stream their deltas
 * and complete (persisted first); tool calls are collected for the runner. `output` is what the
 * model said, for the conversation.
 */
import type { ServerNotification } from '../../protocol/methods';
import type { ThreadItem } from '../../protocol/schema/item';
import type { ConversationItem, ModelEvent, ToolCall } from '../model/types';
import type { TurnHost } from './turn-context';

type Streaming =
  | { type: 'agentMessage'; id: string; text: '' }
  | { type: 'reasoning'; id: string; summary: never[]; content: never[] };

export class StreamItems {
  readonly calls: ToolCall[] = [];
  readonly output: ConversationItem[] = [];
  /** Whether anything arrived (a call that streamed something is never retried). */
  started = false;
  /**
   * The items started and not completed. Their text is not kept here: the completing event
   * carries it whole, and the server's live copy (for resume) holds it once.
   */
  private readonly open = new Set<string>();

  constructor(
    private readonly host: TurnHost,
    private readonly turnId: string,
    private readonly publish: (n: ServerNotification) => void,
  ) {}

  private ids() {
    return { threadId: this.host.threadId, turnId: this.turnId };
  }

  private startItem(item: Streaming): void {
    this.open.add(item.id);
    this.publish({ method: 'item/started', params: { ...this.ids(), item: { ...item } as ThreadItem, startedAtMs: Date.now() } });
  }

  private async completeItem(item: ThreadItem): Promise<void> {
    this.open.delete(item.id);
    await this.host.record([{ t: 'item', at: Date.now(), turnId: this.turnId, item }]);
    this.publish({ method: 'item/completed', params: { ...this.ids(), item, completedAtMs: Date.now() } });
  }

  /**
   * Deltas are handled synchronously (a promise per delta was a large share of a long stream's
   * cost); only completing an item waits, for its record on disk, and then returns the promise.
   */
  handle(event: ModelEvent): Promise<void> | undefined {
    this.started = true;
    switch (event.type) {
      case 'messageStarted':
        this.startItem({ type: 'agentMessage', id: event.id, text: '' });
        return;
      case 'messageDelta': {
        this.publish({ method: 'item/agentMessage/delta', params: { ...this.ids(), itemId: event.id, delta: event.delta } });
        return;
      }
      case 'messageDone':
        if (!this.open.has(event.id)) this.startItem({ type: 'agentMessage', id: event.id, text: '' });
        return this.completeItem({ type: 'agentMessage', id: event.id, text: event.text }).then(() => {
          this.output.push({ type: 'assistant', text: event.text });
        });
      case 'reasoningStarted':
        this.startItem({ type: 'reasoning', id: event.id, summary: [], content: [] });
        return;
      case 'reasoningSummaryPart': {
        this.publish({ method: 'item/reasoning/summaryPartAdded', params: { ...this.ids(), itemId: event.id, summaryIndex: event.index } });
        return;
      }
      case 'reasoningSummaryDelta': {
        this.publish({ method: 'item/reasoning/summaryTextDelta', params: { ...this.ids(), itemId: event.id, summaryIndex: event.index, delta: event.delta } });
        return;
      }
      case 'reasoningDone':
        if (!this.open.has(event.id)) this.startItem({ type: 'reasoning', id: event.id, summary: [], content: [] });
        return this.completeItem({ type: 'reasoning', id: event.id, summary: event.summary, content: [] }).then(() => {
          this.output.push({ type: 'reasoning', summary: event.summary, encryptedContent: event.encryptedContent });
        });
      case 'toolCall':
        this.calls.push(event.call);
        this.output.push(event.call);
        return;
      case 'usage': {
        const total = this.host.addUsage(event.usage);
        this.publish({
          method: 'thread/tokenUsage/updated',
          params: { ...this.ids(), tokenUsage: { total, last: event.usage, modelContextWindow: event.contextWindow } },
        });
        return;
      }
    }
  }
}
