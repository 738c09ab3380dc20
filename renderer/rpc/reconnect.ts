/**
 * Keeping the page connected: connect, and when the connection drops (the server restarted, the
 * laptop slept) connect again by itself with backoff, saying so meanwhile. Each connection gets a
 * fresh client; `onOpen` runs once it is initialized, so the app can list threads and resume the
 * one it shows.
 */
import { useEffect, useRef, useState } from 'react';
import type { ClientRequestResult } from '../../protocol/methods';
import { connectChannel } from './channels';
import { TandemClient } from './client';

/** Wait before reconnect attempt `n` (0-based): 250 ms doubling to 4 s, with a little jitter. */
function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(4_000, 250 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.85 + 0.3 * random()));
}

export type ConnectionState =
  | { type: 'connecting' }
  | { type: 'open'; client: TandemClient }
  | { type: 'reconnecting'; attempt: number }
  /** Nothing to retry: the page lacks what it needs (web mode's token). */
  | { type: 'failed'; message: string };

export interface ConnectionHooks {
  /** Wire a new client's listeners, before it initializes. */
  prepare(client: TandemClient): void;
  /** The client is initialized: load what the page shows. A throw counts as a failed attempt. */
  onOpen(client: TandemClient, reconnected: boolean, init: ClientRequestResult<'initialize'>): Promise<void>;
  /** The connection dropped (what belonged to it is void now). */
  onDrop(): void;
}

export function useReconnectingClient(hooks: ConnectionHooks): ConnectionState {
  const [state, setState] = useState<ConnectionState>({ type: 'connecting' });
  // The latest hooks, without reconnecting when the app renders.
  const latest = useRef(hooks);
  latest.current = hooks;

  useEffect(() => {
    let disposed = false;
    let current: TandemClient | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let everOpen = false;

    const retry = (): void => {
      if (disposed || timer !== undefined) return;
      setState({ type: 'reconnecting', attempt });
      timer = setTimeout(() => {
        timer = undefined;
        void connect();
      }, reconnectDelay(attempt++));
    };

    const connect = async (): Promise<void> => {
      let client: TandemClient | undefined;
      try {
        const channel = await connectChannel();
        if (disposed) {
          channel.close();
          return;
        }
        client = new TandemClient(channel);
        current = client;
        let dropped = false;
        client.onClose(() => {
          if (dropped || disposed || current !== client) return;
          dropped = true;
          current = undefined;
          latest.current.onDrop();
          retry();
        });
        latest.current.prepare(client);
        const init = await client.initialize();
        await latest.current.onOpen(client, everOpen, init);
        if (disposed || current !== client) return;
        everOpen = true;
        attempt = 0;
        setState({ type: 'open', client });
      } catch (e) {
        if (disposed) return;
        const message = e instanceof Error ? e.message : String(e);
        // A page without its token can never connect: say so instead of retrying forever.
        if (!everOpen && /needs the address/.test(message)) {
          setState({ type: 'failed', message });
          return;
        }
        if (client && current === client) {
          current = undefined;
          client.dispose();
          latest.current.onDrop();
        }
        retry();
      }
    };

    void connect();
    return () => {
      disposed = true;
      clearTimeout(timer);
      current?.dispose();
    };
  }, []);

  return state;
}
