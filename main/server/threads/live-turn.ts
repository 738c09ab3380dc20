/**
 * The items of a running turn that started but have not completed: a message still streaming,
 * a command running or waiting for approval. Folded from the notifications the turn publishes,
 * so `thread/resume` (or `thread/read`) mid-turn returns the turn as far as it got — the partial
 * text included — and the deltas that follow continue it exactly (as Codex does). Completed
 * items live in the thread's records; these never reach the disk.
 */
import type { ServerNotification } from '../../../protocol/methods';
import type { ThreadItem } from '../../../protocol/schema/item';
import type { Turn } from '../../../protocol/schema/turn';
import { isOwnItem } from '../../../protocol/schema/wire-item';
import { GrowingText } from './growing-text';

/** An unfinished item and the texts its deltas grow (kept apart, and written into it when read). */
interface LiveItem {
  item: ThreadItem;
  /** An agent message's text, or a command's output. */
  text?: GrowingText;
  /** A reasoning item's summary parts. */
  summary?: GrowingText[];
}

type Notified = Extract<
  ServerNotification,
  { method: 'turn/plan/updated' | 'turn/diff/updated' | 'thread/tokenUsage/updated' }
>;

export class LiveTurn {
  private turnId: string | null = null;
  /** In start order; each a private copy, and the text its deltas added. */
  private readonly items = new Map<string, LiveItem>();
  /** The running turn's latest plan and diff, and the thread's latest token usage: only notifications carry them. */
  private readonly latest = new Map<Notified['method'], Notified>();

  /** Follow one notification the running turn published (every one passes here: keep it cheap). */
  fold(n: ServerNotification): void {
    switch (n.method) {
      case 'turn/started':
        this.turnId = n.params.turn.id;
        this.items.clear();
        return;
      case 'turn/completed':
        this.turnId = null;
        this.items.clear();
        this.latest.delete('turn/plan/updated');
        this.latest.delete('turn/diff/updated');
        return;
      case 'turn/plan/updated':
      case 'turn/diff/updated':
      case 'thread/tokenUsage/updated':
        this.latest.set(n.method, n);
        return;
      case 'item/started':
        if (n.params.turnId === this.turnId && isOwnItem(n.params.item))
          this.items.set(n.params.item.id, { item: structuredClone(n.params.item) });
        return;
      case 'item/completed':
        this.items.delete(n.params.item.id);
        return;
      case 'item/agentMessage/delta': {
        const live = this.items.get(n.params.itemId);
        if (live?.item.type === 'agentMessage') (live.text ??= new GrowingText(live.item.text)).append(n.params.delta);
        return;
      }
      case 'item/commandExecution/outputDelta': {
        const live = this.items.get(n.params.itemId);
        if (live?.item.type === 'commandExecution')
          (live.text ??= new GrowingText(live.item.aggregatedOutput ?? '')).append(n.params.delta);
        return;
      }
      case 'item/reasoning/summaryPartAdded':
      case 'item/reasoning/summaryTextDelta': {
        const live = this.items.get(n.params.itemId);
        if (live?.item.type !== 'reasoning') return;
        const summary = (live.summary ??= (live.item.summary ?? []).map((s) => new GrowingText(s)));
        const part = (summary[n.params.summaryIndex] ??= new GrowingText());
        if (n.method === 'item/reasoning/summaryTextDelta') part.append(n.params.delta);
        return;
      }
      default:
        return;
    }
  }

  /** For a client that starts following the thread: the running turn's plan and diff, the token usage. */
  get notified(): ServerNotification[] {
    return [...this.latest.values()];
  }

  /**
   * `turns` (as recorded) with the running turn's unfinished items after its completed ones.
   * Copies what it changes: the recorded turns are never touched.
   */
  overlay(turns: Turn[]): Turn[] {
    if (this.turnId === null || this.items.size === 0) return turns;
    const i = turns.findLastIndex((t) => t.id === this.turnId);
    const turn = turns[i];
    if (!turn || turn.status !== 'inProgress') return turns;
    const recorded = new Set(turn.items.map((it) => it.id));
    const live = [...this.items.values()].filter((l) => !recorded.has(l.item.id)).map(current);
    const out = turns.slice();
    out[i] = { ...turn, items: [...turn.items, ...live] };
    return out;
  }
}

/** A private copy of a live item with the text its deltas added so far. */
function current(live: LiveItem): ThreadItem {
  const item = structuredClone(live.item);
  if (live.text && item.type === 'agentMessage') item.text = live.text.value;
  if (live.text && item.type === 'commandExecution') item.aggregatedOutput = live.text.value;
  // A part announced out of order leaves the ones before it empty, never holes (null on the wire).
  if (live.summary && item.type === 'reasoning') item.summary = Array.from(live.summary, (part) => part?.value ?? '');
  return item;
}
