/**
 * Toasts: short messages over the app. Errors stay until dismissed (and are announced as alerts);
 * information goes after a few seconds. A pure reducer, and the app's one store of them
 * (`toasts`), which any part of the UI can post to.
 */
type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** Milliseconds on screen; null stays until dismissed (errors). */
  duration: number | null;
}

export type ToastAction =
  { type: 'shown'; toast: Toast } | { type: 'dismissed'; id: number } | { type: 'cleared'; kind?: ToastKind };

/** At most this many at once: the oldest go first. */
const MAX_TOASTS = 4;

export function reduceToasts(state: readonly Toast[], action: ToastAction): readonly Toast[] {
  switch (action.type) {
    case 'shown': {
      // The same message again is not shown twice.
      const rest = state.filter((t) => !(t.kind === action.toast.kind && t.message === action.toast.message));
      return [...rest, action.toast].slice(-MAX_TOASTS);
    }
    case 'dismissed':
      return state.filter((t) => t.id !== action.id);
    case 'cleared':
      return action.kind ? state.filter((t) => t.kind !== action.kind) : [];
  }
}

export interface ToastStore {
  get: () => readonly Toast[];
  subscribe: (listener: () => void) => () => void;
  dispatch: (action: ToastAction) => void;
  /** Shows a message; returns its id. */
  show: (message: string, kind?: ToastKind, duration?: number | null) => number;
  dismiss: (id: number) => void;
}

export function createToastStore(): ToastStore {
  let state: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const dispatch = (action: ToastAction): void => {
    state = reduceToasts(state, action);
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispatch,
    show: (message, kind = 'error', duration) => {
      const id = nextId++;
      dispatch({
        type: 'shown',
        toast: { id, kind, message, duration: duration ?? (kind === 'error' ? null : 5_000) },
      });
      return id;
    },
    dismiss: (id) => dispatch({ type: 'dismissed', id }),
  };
}

/** The app's toasts. */
export const toasts = createToastStore();
