/**
 * One model response as thread items: agent messages and reasoning start, stream their deltas
 * and complete (persisted first); tool calls are collected for the runner. `output` is what the
 * model said, for the conversation.
 */
import type { ThreadItem } from '../../protocol/schema/item';
import type { ConversationItem, ModelEvent, ToolCall } from '../model/types';
import type { TurnJournal } from './turn-journal';

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
    private readonly journal: TurnJournal,
    private readonly turnId: string,
  ) {}

  private ids() {
    return { threadId: this.journal.threadId, turnId: this.turnId };
  }

  /** Streamed items are live: nothing of them goes out once the turn is interrupted. */
  private startItem(item: Streaming): void {
    this.open.add(item.id);
    this.journal.itemStarted({ ...item } as ThreadItem, 'live');
  }

  private async completeItem(item: ThreadItem): Promise<void> {
    this.open.delete(item.id);
    await this.journal.itemCompleted(item, 'live');
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
        this.journal.announce({
          method: 'item/agentMessage/delta',
          params: { ...this.ids(), itemId: event.id, delta: event.delta },
        });
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
        this.journal.announce({
          method: 'item/reasoning/summaryPartAdded',
          params: { ...this.ids(), itemId: event.id, summaryIndex: event.index },
        });
        return;
      }
      case 'reasoningSummaryDelta': {
        this.journal.announce({
          method: 'item/reasoning/summaryTextDelta',
          params: { ...this.ids(), itemId: event.id, summaryIndex: event.index, delta: event.delta },
        });
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
      case 'usage':
        this.journal.usage(event.usage, event.contextWindow);
        return;
    }
  }
}
