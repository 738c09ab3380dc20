/**
 * The page's connection to the server, as a hook: connect and reconnect (reconnect.ts), feed the
 * state's notifications in once per frame, and put the server's approval requests into the state
 * (they are answered by id, `TandemClient.respond`, from there). App.tsx only lays out.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ClientRequestResult, ServerNotification } from '../../protocol/methods';
import type { UiCommandNotification } from '../../protocol/schema/tandem';
import type { AppAction } from '../state/app';
import type { TandemClient } from './client';
import { useReconnectingClient, type ConnectionState } from './reconnect';

export interface ConnectionOptions {
  dispatch: (action: AppAction) => void;
  /** A command from the desktop menu (not state: it asks the app to do something). */
  onUiCommand: (command: UiCommandNotification['command'], path?: string) => void;
  /**
   * The client is initialized and what came before is applied: load what the page shows. A throw
   * counts as a failed attempt.
   */
  onOpen: (client: TandemClient, reconnected: boolean, init: ClientRequestResult<'initialize'>) => Promise<void>;
}

export function useConnection(options: ConnectionOptions): ConnectionState {
  const { dispatch } = options;
  // The latest callbacks, without reconnecting when the app renders.
  const latest = useRef(options);
  latest.current = options;
  // Notifications arrive by the thousand: they are applied once per frame, not once each.
  const pending = useRef<{ queue: ServerNotification[]; frame: number }>({ queue: [], frame: 0 });
  const flush = useCallback((): void => {
    const p = pending.current;
    cancelAnimationFrame(p.frame);
    p.frame = 0;
    if (p.queue.length === 0) return;
    const batch = p.queue;
    p.queue = [];
    dispatch({ type: 'notifications', batch, at: Date.now() });
  }, [dispatch]);
  useEffect(() => () => cancelAnimationFrame(pending.current.frame), []);

  return useReconnectingClient({
    prepare: (c) => {
      c.onNotification((n) => {
        if (n.method === 'tandem/ui/command') {
          latest.current.onUiCommand(n.params.command, n.params.path);
          return;
        }
        const p = pending.current;
        p.queue.push(n);
        p.frame ||= requestAnimationFrame(flush);
      });
      // What came before an in-order answer is applied before it.
      c.onBeforeOrderedResult(flush);
      c.onRequest((request, requestId) => {
        // The UI provides no tools: the client that gave the thread its tools answers their calls
        // (the server waits for it while it is connected).
        if (request.method === 'item/tool/call') return void c.refuse(requestId, request.method);
        dispatch({ type: 'approvalRequested', approval: { ...request, requestId } });
      });
    },
    onOpen: async (c, reconnected, init) => {
      flush();
      await latest.current.onOpen(c, reconnected, init);
    },
    onDrop: () => {
      flush();
      // Its approval requests can no longer be answered; the server asks again once we resume.
      dispatch({ type: 'disconnected' });
    },
  });
}
