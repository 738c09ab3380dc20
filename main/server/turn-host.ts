/** What a running turn of a thread uses to reach disk and clients: the agent's journal over this thread. */
import type { TurnJournal } from '../agent/turn-journal';
import type { ApprovalBroker } from './approval-broker';
import type { ConnectionHub } from './connection-hub';
import type { Logger } from './log';
import type { ThreadRegistry } from './thread-registry';
import type { LoadedThread } from './threads/loaded-thread';
import { turnJournal } from './threads/turn-journal';

export interface TurnHostDeps {
  log: Logger;
  hub: Pick<ConnectionHub, 'publish'>;
  registry: Pick<ThreadRegistry, 'record' | 'setStatus'>;
  broker: Pick<ApprovalBroker, 'ask'>;
}

export function turnHost(thread: LoadedThread, { log, hub, registry, broker }: TurnHostDeps): TurnJournal {
  return turnJournal({
    threadId: thread.id,
    log,
    publish: (n) => {
      thread.live.fold(n);
      hub.publish(thread, n);
    },
    record: (records) => registry.record(thread.id, records),
    setStatus: (status) => registry.setStatus(thread, status),
    ask: (method, params, signal) => broker.ask(thread, method, params, signal),
    offerChanges: (itemId, files) => {
      if (files) thread.pendingChanges.set(itemId, files);
      else thread.pendingChanges.delete(itemId);
    },
    addUsage: (last) => {
      const t = thread.tokenTotal;
      thread.tokenTotal = {
        inputTokens: t.inputTokens + last.inputTokens,
        cachedInputTokens: t.cachedInputTokens + last.cachedInputTokens,
        outputTokens: t.outputTokens + last.outputTokens,
        reasoningOutputTokens: t.reasoningOutputTokens + last.reasoningOutputTokens,
        totalTokens: t.totalTokens + last.totalTokens,
      };
      return thread.tokenTotal;
    },
  });
}
