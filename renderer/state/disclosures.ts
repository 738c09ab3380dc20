/**
 * Which collapsible parts of the transcript the user opened (a file's diff on a file-change card,
 * a reasoning summary), by a key the card chooses. In the app state because the windowed
 * transcript unmounts a card scrolled out of view, and a card must come back as it was left. Pure.
 */
export type DisclosuresState = Readonly<Record<string, true>>;

export const emptyDisclosures: DisclosuresState = {};

export function reduceDisclosures(state: DisclosuresState, action: { key: string; open: boolean }): DisclosuresState {
  if (!!state[action.key] === action.open) return state;
  if (action.open) return { ...state, [action.key]: true };
  const next = { ...state };
  delete next[action.key];
  return next;
}
