/** The item-focus store (state/item-focus.ts) as a React hook. */
import { useSyncExternalStore } from 'react';
import { currentItemFocus, subscribeItemFocus, type ItemFocus } from '../state/item-focus';

export function useItemFocus(): ItemFocus | null {
  return useSyncExternalStore(subscribeItemFocus, currentItemFocus);
}
