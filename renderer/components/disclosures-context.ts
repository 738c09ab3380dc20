/** The transcript's open/closed parts (state/disclosures.ts) for the cards that have them. */
import { createContext, useContext } from 'react';
import type { DisclosuresState } from '../state/disclosures';

export interface DisclosuresStore {
  state: DisclosuresState;
  set: (key: string, open: boolean) => void;
}

/** Without the app's provider (a card rendered alone), nothing is kept. */
export const DisclosuresContext = createContext<DisclosuresStore>({ state: {}, set: () => {} });

export function useDisclosures(): DisclosuresStore {
  return useContext(DisclosuresContext);
}

export function useDisclosure(key: string): [boolean, (open: boolean) => void] {
  const { state, set } = useContext(DisclosuresContext);
  return [state[key] === true, (open) => set(key, open)];
}
