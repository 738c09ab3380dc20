/** The layout reducer and its persistence, and the toasts reducer (renderer/state). */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZES,
  initialLayout,
  loadLayout,
  reduceLayout,
  reviewWidth,
  saveLayout,
} from '../renderer/state/layout';
import { createToastStore, reduceToasts } from '../renderer/state/toasts';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe('layout', () => {
  it('toggles panes in the row when wide, and overlays when narrow', () => {
    const hidden = reduceLayout(initialLayout, { type: 'toggleSidebar', narrow: false });
    expect(hidden.sidebarOpen).toBe(false);
    expect(hidden.overlay).toBeNull();
    const over = reduceLayout(initialLayout, { type: 'toggleSidebar', narrow: true });
    expect(over.sidebarOpen).toBe(true);
    expect(over.overlay).toBe('sidebar');
    expect(reduceLayout(over, { type: 'toggleInbox', narrow: true }).overlay).toBe('inbox');
    expect(reduceLayout(over, { type: 'closeOverlay' }).overlay).toBeNull();
  });

  it('opens and closes the side pane on the same view', () => {
    const open = reduceLayout(initialLayout, { type: 'toggleSide', view: { kind: 'changes' } });
    expect(open.side).toEqual({ kind: 'changes' });
    expect(reduceLayout(open, { type: 'toggleSide', view: { kind: 'changes' } }).side).toBeNull();
  });

  it('keeps widths the user set, ignoring nonsense', () => {
    const s = reduceLayout(initialLayout, { type: 'resized', sizes: { sidebar: 301.6, side: Number.NaN, inbox: 3 } });
    expect(s.sizes).toEqual({ ...DEFAULT_SIZES, sidebar: 302 });
  });

  it('gives the review 60% of the window until the user resizes it, then keeps that width apart', () => {
    expect(reviewWidth(initialLayout.sizes, 1920)).toBe(1152);
    expect(reviewWidth(initialLayout.sizes, 800)).toBe(560); // never narrower than a usable diff
    const storage = memoryStorage();
    const s = reduceLayout(initialLayout, { type: 'resized', sizes: { review: 900 } });
    saveLayout(storage, s);
    const back = loadLayout(storage);
    expect(reviewWidth(back.sizes, 1920)).toBe(900);
    expect(back.sizes.side).toBe(DEFAULT_SIZES.side);
  });

  it('saves widths and open panes, not the side view or overlays, and reads them back', () => {
    const storage = memoryStorage();
    let s = reduceLayout(initialLayout, { type: 'resized', sizes: { sidebar: 340, side: 600 } });
    s = reduceLayout(s, { type: 'toggleInbox', narrow: false });
    s = reduceLayout(s, { type: 'side', view: { kind: 'changes' } });
    saveLayout(storage, s);
    const back = loadLayout(storage);
    expect(back.sizes).toEqual({ ...DEFAULT_SIZES, sidebar: 340, side: 600 });
    expect(back.inboxOpen).toBe(false);
    expect(back.sidebarOpen).toBe(true);
    expect(back.side).toBeNull();
  });

  it('falls back to the defaults on a malformed saved layout', () => {
    const storage = memoryStorage();
    storage.setItem('tandem.layout', '{"sizes": {"sidebar": "wide"}, "sidebarOpen": 0');
    expect(loadLayout(storage)).toEqual(initialLayout);
    storage.setItem('tandem.layout', '{"sizes": {"sidebar": "wide"}}');
    expect(loadLayout(storage).sizes).toEqual(DEFAULT_SIZES);
  });
});

describe('toasts', () => {
  it('keep errors until dismissed, and time others out', () => {
    const store = createToastStore();
    const err = store.show('Boom');
    store.show('Saved', 'success');
    expect(store.get().map((t) => [t.message, t.duration])).toEqual([
      ['Boom', null],
      ['Saved', 5_000],
    ]);
    store.dismiss(err);
    expect(store.get().map((t) => t.message)).toEqual(['Saved']);
  });

  it('do not repeat the same message, and keep at most four', () => {
    let s = reduceToasts([], { type: 'shown', toast: { id: 1, kind: 'error', message: 'a', duration: null } });
    s = reduceToasts(s, { type: 'shown', toast: { id: 2, kind: 'error', message: 'a', duration: null } });
    expect(s.map((t) => t.id)).toEqual([2]);
    for (let i = 3; i < 9; i++)
      s = reduceToasts(s, { type: 'shown', toast: { id: i, kind: 'info', message: `m${i}`, duration: 1 } });
    expect(s.map((t) => t.id)).toEqual([5, 6, 7, 8]);
    expect(reduceToasts(s, { type: 'cleared', kind: 'info' })).toEqual([]);
  });
});
