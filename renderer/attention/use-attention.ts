/**
 * Attention, as a hook: the pending count in the document title and the dock/taskbar badge, and
 * a desktop notification when a thread the user is not looking at needs them, finished or failed
 * (state/attention.ts decides which). A click on one opens its thread.
 */
import { useEffect, useRef, useState } from 'react';
import type { Approval } from '../state/approvals';
import { badgeCount, noticesOf, titleWithBadge, type AttentionSnapshot } from '../state/attention';
import { focusItem } from '../state/item-focus';
import type { ThreadsState } from '../state/threads';
import { notifyPermission, setShellBadge, showNotice } from './desktop';

/** The window is visible and focused: the user sees the thread on screen. */
const attending = (): boolean => document.visibilityState === 'visible' && document.hasFocus();

export interface Attention {
  /** A notice could not be shown because notifications were never allowed (time to offer them). */
  wanted: boolean;
}

export function useAttention(input: {
  approvals: readonly Approval[];
  threads: ThreadsState;
  selected: string | null;
  open: (threadId: string) => void;
}): Attention {
  const { approvals, threads, selected } = input;
  const count = badgeCount(approvals);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    document.title = titleWithBadge(count);
    setShellBadge(count);
  }, [count]);

  const open = useRef(input.open);
  open.current = input.open;
  const prev = useRef<AttentionSnapshot>({ approvals: [], threads: {} });
  const notified = useRef(new Set<string>());
  useEffect(() => {
    const next: AttentionSnapshot = { approvals, threads: threads.byId };
    const notices = noticesOf(prev.current, next, { selected, attending: attending() }, notified.current);
    prev.current = next;
    for (const notice of notices) {
      notified.current.add(notice.key);
      const shown = showNotice(notice, () => {
        open.current(notice.threadId);
        focusItem(notice.threadId, null);
      });
      if (!shown && notifyPermission() === 'default') setWanted(true);
    }
  }, [approvals, threads.byId, selected]);
  return { wanted };
}
