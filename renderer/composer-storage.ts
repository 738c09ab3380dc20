/** Drafts survive a reload: kept in the page's localStorage (this origin only), never sent anywhere. */
import { composersFromSaved, composersToSave, type ComposersState } from './state/composer';

const KEY = 'tandem.drafts';

export function loadComposers(): ComposersState {
  try {
    return composersFromSaved(JSON.parse(localStorage.getItem(KEY) ?? '{}'));
  } catch {
    return {}; // unreadable or unavailable storage: start empty
  }
}

export function saveComposers(state: ComposersState): void {
  try {
    const drafts = composersToSave(state);
    if (Object.keys(drafts).length) localStorage.setItem(KEY, JSON.stringify(drafts));
    else localStorage.removeItem(KEY);
  } catch {
    // full or unavailable storage: drafts then live as long as the page
  }
}
