/**
 * Pending approvals across all threads (the inbox), from server requests; each leaves when it is
 * answered here or the server says it was resolved (answered elsewhere, or the turn ended). Pure.
 */
import type { ServerNotification, ServerRequest } from '../../protocol/methods';

/**
 * A server request waiting for the user's answer, with the id the answer names. A call of a
 * client's own tool (`item/tool/call`) is not one: the UI provides no tools, the client that
 * gave them answers it.
 */
export type Approval = Exclude<ServerRequest, { method: 'item/tool/call' }> & { requestId: number | string };

export interface ApprovalsState {
  pending: Approval[];
}

export const emptyApprovals: ApprovalsState = { pending: [] };

export type ApprovalsAction =
  | { type: 'requested'; approval: Approval }
  | { type: 'answered'; requestId: number | string }
  /** Request ids belong to a connection; once it is gone the server sends its pending ones again. */
  | { type: 'disconnected' }
  | { type: 'notification'; notification: ServerNotification };

export function reduceApprovals(state: ApprovalsState, action: ApprovalsAction): ApprovalsState {
  switch (action.type) {
    case 'requested': {
      if (state.pending.some((a) => a.requestId === action.approval.requestId)) return state;
      // The same item asked again (a server re-sends a pending approval, with a new request id, to
      // a client that resumes the thread): the new request replaces the old, one card per item.
      const { threadId, turnId, itemId } = action.approval.params;
      const same = state.pending.findIndex(
        (a) =>
          a.method === action.approval.method &&
          a.params.threadId === threadId &&
          a.params.turnId === turnId &&
          a.params.itemId === itemId,
      );
      return { pending: same < 0 ? [...state.pending, action.approval] : state.pending.with(same, action.approval) };
    }
    case 'answered':
      return { pending: state.pending.filter((a) => a.requestId !== action.requestId) };
    case 'disconnected':
      return state.pending.length ? emptyApprovals : state;
    case 'notification': {
      const n = action.notification;
      if (n.method === 'serverRequest/resolved')
        return { pending: state.pending.filter((a) => a.requestId !== n.params.requestId) };
      // A turn that ended takes its approvals with it.
      if (n.method === 'turn/completed')
        return { pending: state.pending.filter((a) => a.params.turnId !== n.params.turn.id) };
      return state;
    }
  }
}
