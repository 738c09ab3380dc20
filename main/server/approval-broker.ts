/**
 * Approvals (and calls of a client's own tools): a running turn's server → client requests, asked
 * of every client following the thread, answered once.
 */
import type { ServerRequestMethod, ServerRequestParams, ServerRequestResult } from '../../protocol/methods';
import type { ThreadStatus } from '../../protocol/schema/thread';
import type { AskRefused } from '../agent/turn-journal';
import type { ConnectedClient } from './connected-client';
import type { ConnectionHub } from './connection-hub';
import type { LoadedThread, PendingAsk } from './threads/loaded-thread';

export class ApprovalBroker {
  constructor(
    private readonly hub: Pick<ConnectionHub, 'followers'>,
    private readonly status: { setStatus(thread: LoadedThread, status: ThreadStatus): void },
  ) {}

  /**
   * Ask every client following the thread, and each that starts following it while we wait (a
   * reload, a reconnect, a second window): the first valid answer wins, and every asked client
   * is told the request is resolved. A client that leaves decides nothing: an approval stays
   * pending, with the thread waitingOnApproval, for the next client. A client that answers with
   * a JSON-RPC error refuses the request, as in Codex: the tool call fails and the turn goes on.
   * A call of a client's tool (`item/tool/call`) is refused too once no asked client is left (or
   * none follows the thread): a tool only its client can run must not hang the turn.
   * Null only when `signal` aborts (turn/interrupt) or the server shuts down: then nothing runs.
   */
  async ask<M extends ServerRequestMethod>(
    thread: LoadedThread,
    method: M,
    params: ServerRequestParams<M>,
    signal: AbortSignal,
  ): Promise<ServerRequestResult<M> | AskRefused | null> {
    if (signal.aborted) return null;
    const toolCall = method === 'item/tool/call';
    const asks: Array<{ connection: ConnectedClient; id: number; live: boolean }> = [];
    // A tool call is no approval: the thread does not wait on the user for it.
    if (!toolCall) {
      thread.pendingApprovals++;
      // A question for the user is not an approval: Codex flags the two apart.
      this.status.setStatus(thread, {
        type: 'active',
        activeFlags: [method === 'item/tool/requestUserInput' ? 'waitingOnUserInput' : 'waitingOnApproval'],
      });
    }
    let pending!: PendingAsk;
    let refusal: string | undefined;
    let onAbort = (): void => {};
    const answer = await new Promise<ServerRequestResult<M> | AskRefused | null>((resolve) => {
      pending = {
        join: (connection) => {
          // One live copy per client; the same params each time, so a re-sent request names the same item.
          if (asks.some((a) => a.connection === connection && a.live)) return;
          const ask = connection.request(method, params);
          const entry = { connection, id: ask.id, live: true };
          asks.push(entry);
          void ask.result.then((r) => {
            entry.live = false;
            if (r.ok) return resolve(r.value);
            if (r.refused) refusal = r.error;
            // A client that cannot run the tool (Tandem's UI refuses every call) leaves it to the
            // others still asked; once none is left, the call fails.
            if (toolCall && !asks.some((a) => a.live))
              resolve({ refused: refusal ?? `no client to run the tool (${r.error})` });
            else if (!toolCall && r.refused) resolve({ refused: r.error });
          });
        },
        cancel: () => resolve(null),
      };
      // Removed once answered: a turn asks many times, and its signal lives as long as the turn.
      onAbort = () => resolve(null);
      signal.addEventListener('abort', onAbort, { once: true });
      thread.pendingAsks.add(pending);
      for (const c of this.hub.followers(thread)) pending.join(c);
      if (toolCall && asks.length === 0) resolve({ refused: 'no client follows the thread to run the tool' });
    });
    signal.removeEventListener('abort', onAbort);
    thread.pendingAsks.delete(pending);
    for (const ask of asks) {
      ask.connection.withdraw(ask.id);
      ask.connection.notify({ method: 'serverRequest/resolved', params: { threadId: thread.id, requestId: ask.id } });
    }
    if (toolCall) return answer;
    thread.pendingApprovals--;
    if (thread.activeTurn && !thread.activeTurn.isFinished) {
      this.status.setStatus(thread, {
        type: 'active',
        activeFlags: thread.pendingApprovals > 0 ? ['waitingOnApproval'] : [],
      });
    }
    return answer;
  }

  /** End every approval pending in `thread` unanswered (shutdown): nothing they ask for runs. */
  cancel(thread: LoadedThread): void {
    for (const pending of [...thread.pendingAsks]) pending.cancel();
  }
}
