/**
 * Which changes call for the user's attention: a thread they are not looking at asks for an
 * approval or an answer, finishes, or fails. Compared between two snapshots of the app state (the
 * approvals and the sidebar's threads) and what the user is looking at. The count for the badge
 * (document title, dock/taskbar) is here too. Pure.
 */
import type { Approval } from './approvals';
import type { ThreadSummary } from './threads';

type NoticeKind = 'approval' | 'question' | 'finished' | 'failed';

export interface Notice {
  threadId: string;
  kind: NoticeKind;
  /** What the notification says. */
  title: string;
  body: string;
  /** One notification per thread at a time: a newer one replaces it. */
  tag: string;
  /** What was notified, so it is not notified again (an approval re-sent after a reconnect). */
  key: string;
}

export interface AttentionSnapshot {
  approvals: readonly Approval[];
  threads: Readonly<Record<string, ThreadSummary>>;
}

export interface Viewing {
  /** The thread on screen. */
  selected: string | null;
  /** The window is visible and has focus (the user can see what is on screen). */
  attending: boolean;
}

/** An approval's identity across re-sends (a new request id for the same item after a resume). */
const approvalKey = (a: Approval): string => `${a.method}:${a.params.threadId}:${a.params.turnId}:${a.params.itemId}`;

export const threadTitle = (t: ThreadSummary | undefined): string =>
  (t?.name || t?.preview || 'New thread').slice(0, 80);

function approvalBody(a: Approval): string {
  switch (a.method) {
    case 'item/commandExecution/requestApproval':
      return `Run: ${a.params.command ?? 'a command'}`;
    case 'item/fileChange/requestApproval':
      return 'Review file changes';
    case 'item/tool/requestUserInput': {
      const q = a.params.questions[0];
      return q?.question || q?.header || 'The agent has a question';
    }
  }
}

const running = (t: ThreadSummary | undefined): boolean => t?.status.type === 'active';

/**
 * What to notify between `prev` and `next`: new approvals or questions, and turns that ended
 * (finished, or failed), in threads the user is not looking at. `notified` holds the keys of
 * what was notified before; none of those again.
 */
export function noticesOf(
  prev: AttentionSnapshot,
  next: AttentionSnapshot,
  viewing: Viewing,
  notified: ReadonlySet<string> = new Set(),
): Notice[] {
  const inView = (threadId: string): boolean => viewing.attending && viewing.selected === threadId;
  const out: Notice[] = [];
  const before = new Set(prev.approvals.map(approvalKey));
  for (const a of next.approvals) {
    const key = approvalKey(a);
    const threadId = a.params.threadId;
    if (before.has(key) || notified.has(key) || inView(threadId)) continue;
    const question = a.method === 'item/tool/requestUserInput';
    const name = threadTitle(next.threads[threadId]);
    out.push({
      threadId,
      kind: question ? 'question' : 'approval',
      title: question ? `${name} has a question` : `${name} needs your approval`,
      body: approvalBody(a),
      tag: `tandem:${threadId}`,
      key,
    });
  }
  for (const [id, t] of Object.entries(next.threads)) {
    const was = prev.threads[id];
    // A thread that stopped running (not one that appeared, or was unloaded without running).
    if (!was || !running(was) || running(t) || t.status.type === 'notLoaded' || inView(id)) continue;
    const failed = t.failed || t.status.type === 'systemError';
    const key = `turn:${id}:${t.updatedAt}:${failed ? 'failed' : 'finished'}`;
    if (notified.has(key)) continue;
    out.push({
      threadId: id,
      kind: failed ? 'failed' : 'finished',
      title: failed ? `${threadTitle(t)} failed` : `${threadTitle(t)} finished`,
      body: failed ? 'The turn ended with an error.' : 'The agent is done.',
      tag: `tandem:${id}`,
      key,
    });
  }
  return out;
}

/** The badge: how many approvals and questions wait for the user, in every thread. */
export const badgeCount = (approvals: readonly Approval[]): number => approvals.length;

/** The document title with the badge: "(2) Tandem", or "Tandem". */
export const titleWithBadge = (count: number, base = 'Tandem'): string => (count > 0 ? `(${count}) ${base}` : base);
