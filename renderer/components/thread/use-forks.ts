/**
 * Forks for the transcript's message actions ("Fork from here", "Edit and resend"), as protocol
 * requests: `thread/fork` with `lastTurnId`, then the fork is opened like any thread (the sidebar
 * learns of it from `thread/started`), and for a resend a `turn/start` with the edited text.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { TandemClient } from '../../rpc/client';
import type { AppAction } from '../../state/app';
import type { ThreadNavActions } from './thread-nav-context';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function useForks(deps: {
  client: TandemClient | null;
  /** Shows a thread (selects and resumes it). */
  open: (threadId: string) => Promise<void>;
  dispatch: (action: AppAction) => void;
  /** The folder a thread works in (a resend of a thread's first message starts a new thread there). */
  cwdOf: (threadId: string) => string | undefined;
  onProblem: (text: string) => void;
}): ThreadNavActions {
  const { client, open, dispatch, onProblem } = deps;
  // Read when asked: the actions stay the same object while the thread list changes.
  const cwdOf = useRef(deps.cwdOf);
  useEffect(() => {
    cwdOf.current = deps.cwdOf;
  });
  return useMemo<ThreadNavActions>(() => {
    const need = (): TandemClient => {
      if (!client) throw new Error('Not connected to the Tandem server');
      return client;
    };
    const forkOf = async (threadId: string, lastTurnId: string | null): Promise<string> => {
      const c = need();
      if (lastTurnId) return (await c.request('thread/fork', { threadId, lastTurnId, excludeTurns: true })).thread.id;
      // Nothing before the first turn to keep: a fresh thread in the same folder.
      const cwd = cwdOf.current(threadId);
      if (!cwd) throw new Error('The thread’s folder is not known');
      return (await c.request('thread/start', { cwd })).thread.id;
    };
    return {
      fork: async (threadId, turnId) => {
        try {
          await open(await forkOf(threadId, turnId));
        } catch (e) {
          onProblem(`The thread could not be forked: ${message(e)}`);
        }
      },
      resend: async (threadId, beforeTurnId, text) => {
        const forkId = await forkOf(threadId, beforeTurnId);
        await open(forkId);
        try {
          await need().request('turn/start', {
            threadId: forkId,
            input: [{ type: 'text', text }],
            clientUserMessageId: crypto.randomUUID(),
          });
        } catch (e) {
          dispatch({ type: 'composer/draft', threadId: forkId, text });
          onProblem(`${message(e)} — your edited message is in the new thread’s composer.`);
        }
      },
    };
  }, [client, open, dispatch, onProblem]);
}
