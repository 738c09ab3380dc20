/** Which of the keyboard's dialogs is open: the command palette, the shortcuts sheet, or none. Pure. */
export type Overlay = 'palette' | 'shortcuts' | null;

export type OverlayAction = { type: 'toggle'; overlay: Exclude<Overlay, null> } | { type: 'close' };

/** Toggling the open one closes it; toggling the other switches to it (one dialog at a time). */
export function reduceOverlay(state: Overlay, action: OverlayAction): Overlay {
  if (action.type === 'close') return null;
  return state === action.overlay ? null : action.overlay;
}
