/** The search dialog's state and requests: a query typed is sent after a pause, its answer kept if still the latest. */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { TandemClient } from '../../rpc/client';
import { initialSearch, reduceSearch, type SearchAction, type SearchState } from '../../state/search';

const PAUSE_MS = 150;
const PAGE = 50;

export function useSearch(client: TandemClient | null): [SearchState, (a: SearchAction) => void] {
  const [state, dispatch] = useReducer(reduceSearch, initialSearch);
  const seq = useRef(0);
  const { query } = state;

  useEffect(() => {
    if (!client || !query.trim()) return;
    const timer = setTimeout(() => {
      const mine = ++seq.current;
      dispatch({ type: 'sent', seq: mine });
      client.request('thread/search', { searchTerm: query, limit: PAGE, sortKey: 'updated_at' }).then(
        (response) => dispatch({ type: 'answered', seq: mine, response }),
        (e: unknown) => dispatch({ type: 'failed', seq: mine, message: e instanceof Error ? e.message : String(e) }),
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [client, query]);

  return [state, useCallback((a: SearchAction) => dispatch(a), [])];
}
