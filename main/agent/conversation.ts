/**
 * The conversation sent to the model: the thread's recorded history, made well-formed. A tool
 * call whose output never came (the turn was interrupted, the process died) gets an output
 * saying so, because the APIs refuse a call without one — and the call is never run again.
 */
import type { ConversationItem } from '../model/types';

/** One entry of the model conversation, with the turn it belongs to (kept with the thread). */
export interface HistoryEntry {
  turnId: string;
  item: ConversationItem;
}

const ABORTED = 'aborted: the turn ended before this tool call finished; it was not run again';

export function conversationOf(history: HistoryEntry[]): ConversationItem[] {
  const items = history.map((h) => h.item);
  const answered = new Set(items.flatMap((i) => (i.type === 'toolOutput' ? [i.callId] : [])));
  const called = new Set<string>();
  const out: ConversationItem[] = [];
  for (const item of items) {
    if (item.type === 'toolOutput') {
      if (called.has(item.callId)) out.push(item);
      continue; // an output without its call would be rejected
    }
    out.push(item);
    if (item.type === 'functionCall' || item.type === 'customToolCall') {
      called.add(item.callId);
      if (!answered.has(item.callId))
        out.push({ type: 'toolOutput', callId: item.callId, output: ABORTED, custom: item.type === 'customToolCall' });
    }
  }
  return out;
}
