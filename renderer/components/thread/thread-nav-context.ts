/**
 * What the transcript's message actions ask of the app: fork a thread after a turn, and resend an
 * edited message in a fork made before its turn. App provides them (use-forks.ts) with
 * `useProvideThreadNav`; a small store rather than a context, so App's tree stays as it is.
 */
import { useEffect, useSyncExternalStore } from 'react';

export interface ThreadNavActions {
  /** A fork of `threadId` holding its turns up to and including `turnId`, opened. */
  fork: (threadId: string, turnId: string) => Promise<void>;
  /**
   * A fork of `threadId` holding its turns up to and including `beforeTurnId` (none: a new thread
   * in the same folder), opened, with a turn started from `text`. Rejects (and nothing changed)
   * when the fork could not be made; a turn that could not start leaves `text` in the fork's composer.
   */
  resend: (threadId: string, beforeTurnId: string | null, text: string) => Promise<void>;
}

let current: ThreadNavActions | null = null;
const listeners = new Set<() => void>();
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useProvideThreadNav(actions: ThreadNavActions): void {
  useEffect(() => {
    current = actions;
    for (const l of listeners) l();
  }, [actions]);
  useEffect(
    () => () => {
      current = null;
      for (const l of listeners) l();
    },
    [],
  );
}

export const useThreadNav = (): ThreadNavActions | null => useSyncExternalStore(subscribe, () => current);
