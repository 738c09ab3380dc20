/**
 * Which action a key runs (renderer/commands/registry.ts), the app's actions and their thread
 * order (app-actions.ts), the palette's filter (fuzzy.ts) and the dialogs' state (state/overlays.ts).
 */
import { describe, expect, it } from 'vitest';
import { appActions, sidebarOrder, stepThread, type AppActionsInput } from '../../../../renderer/commands/app-actions';
import { fuzzyScore } from '../../../../renderer/commands/fuzzy';
import {
  actionForKey,
  registerAction,
  registeredActions,
  type Action,
  type KeyContext,
} from '../../../../renderer/commands/registry';
import type { KeyLike } from '../../../../renderer/commands/shortcuts';
import { reduceOverlay } from '../../../../renderer/state/overlays';
import type { ThreadsState, ThreadSummary } from '../../../../renderer/state/threads';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
  code: k.key.length === 1 ? `Key${k.key.toUpperCase()}` : '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...k,
});
const ctx = (c: Partial<KeyContext> = {}): KeyContext => ({ typing: 'no', dialogOpen: false, mac: false, ...c });
const action = (a: Partial<Action> & { id: string; shortcuts: string[] }): Action => ({
  title: a.id,
  group: 'App',
  enabled: () => true,
  run: () => {},
  ...a,
});

const thread = (id: string, cwd: string, updatedAt: number, archived = false): ThreadSummary => ({
  id,
  cwd,
  name: id,
  preview: '',
  updatedAt,
  archived,
  status: { type: 'idle' },
  failed: false,
});
const threads: ThreadsState = {
  byId: {
    a: thread('a', '/p', 3),
    b: thread('b', '/q', 5),
    c: thread('c', '/p', 1),
    z: thread('z', '/p', 9, true),
  },
};

function input(over: Partial<AppActionsInput> = {}): AppActionsInput {
  const nothing = (): void => {};
  return {
    threads,
    selected: 'a',
    connected: true,
    running: false,
    approvalsInView: 0,
    desktop: false,
    canEnableNotifications: false,
    open: nothing,
    newThread: nothing,
    openFolder: nothing,
    settings: nothing,
    stop: nothing,
    focusComposer: nothing,
    answer: nothing,
    showPalette: nothing,
    showShortcuts: nothing,
    toggleTheme: nothing,
    enableNotifications: nothing,
    searchAll: nothing,
    findInThread: nothing,
    toggleSidebar: nothing,
    toggleChanges: nothing,
    ...over,
  };
}

describe('actionForKey', () => {
  const palette = action({ id: 'palette', shortcuts: ['Mod+K'], overDialogs: true });
  const sheet = action({ id: 'sheet', shortcuts: ['Mod+/', '?'], overDialogs: true });
  const approve = action({ id: 'approve', shortcuts: ['Mod+Enter'], whileTyping: false, inEmptyComposer: true });
  const stop = action({ id: 'stop', shortcuts: ['Escape'], keyHandledElsewhere: true });
  const off = action({ id: 'off', shortcuts: ['Mod+J'], enabled: () => false });
  const all = [palette, sheet, approve, stop, off];

  it('runs the matching enabled action, by any of its shortcuts', () => {
    expect(actionForKey(all, key({ key: 'k', ctrlKey: true }), ctx())?.id).toBe('palette');
    expect(actionForKey(all, key({ key: '?', code: 'Slash', shiftKey: true }), ctx())?.id).toBe('sheet');
    expect(actionForKey(all, key({ key: '/', code: 'Slash', ctrlKey: true }), ctx())?.id).toBe('sheet');
    expect(actionForKey(all, key({ key: 'j', ctrlKey: true }), ctx())).toBeNull(); // disabled
    expect(actionForKey(all, key({ key: 'x', ctrlKey: true }), ctx())).toBeNull();
  });

  it('leaves a key handled elsewhere alone (Esc is useEscToStop’s)', () => {
    expect(actionForKey(all, key({ key: 'Escape' }), ctx())).toBeNull();
  });

  it('while typing: Mod/Alt shortcuts yes, plain keys no; the answer keys only in the empty composer', () => {
    expect(actionForKey(all, key({ key: 'k', ctrlKey: true }), ctx({ typing: 'text' }))?.id).toBe('palette');
    expect(actionForKey(all, key({ key: '?', shiftKey: true }), ctx({ typing: 'text' }))).toBeNull();
    expect(actionForKey(all, key({ key: 'Enter', ctrlKey: true }), ctx({ typing: 'text' }))).toBeNull();
    expect(actionForKey(all, key({ key: 'Enter', ctrlKey: true }), ctx({ typing: 'emptyComposer' }))?.id).toBe(
      'approve',
    );
    expect(actionForKey(all, key({ key: '?', shiftKey: true }), ctx({ typing: 'emptyComposer' }))).toBeNull();
    expect(actionForKey(all, key({ key: 'Enter', ctrlKey: true }), ctx())?.id).toBe('approve');
  });

  it('nothing of ours in an editor (Monaco’s own keys, Ctrl+K chords among them)', () => {
    expect(actionForKey(all, key({ key: 'k', ctrlKey: true }), ctx({ typing: 'editor' }))).toBeNull();
  });

  it('over a dialog only what says so (the palette and the sheet toggle)', () => {
    expect(actionForKey(all, key({ key: 'k', ctrlKey: true }), ctx({ dialogOpen: true }))?.id).toBe('palette');
    expect(actionForKey(all, key({ key: 'Enter', ctrlKey: true }), ctx({ dialogOpen: true }))).toBeNull();
  });

  it('keeps actions other areas register, until they remove them', () => {
    const search = action({ id: 'search.all', shortcuts: [] });
    const remove = registerAction(search);
    expect(registeredActions().map((a) => a.id)).toEqual(['search.all']);
    remove();
    expect(registeredActions()).toEqual([]);
  });
});

describe('the app’s actions', () => {
  it('orders threads as the sidebar does (by project, newest first, archived aside) and steps with wrapping', () => {
    const order = sidebarOrder(threads);
    expect(order).toEqual(['b', 'a', 'c']);
    expect(stepThread(order, 'a', 1)).toBe('c');
    expect(stepThread(order, 'c', 1)).toBe('b');
    expect(stepThread(order, 'b', -1)).toBe('c');
    expect(stepThread(order, null, 1)).toBe('b');
    expect(stepThread(order, null, -1)).toBe('c');
    expect(stepThread(order, 'z', 1)).toBe('b'); // an archived thread open: from the top
    expect(stepThread([], 'a', 1)).toBeNull();
  });

  it('next / previous thread open the neighbour; one "go to" per thread', () => {
    const opened: string[] = [];
    const list = appActions(input({ open: (id) => opened.push(id) }));
    list.find((a) => a.id === 'thread.next')?.run();
    list.find((a) => a.id === 'thread.previous')?.run();
    expect(opened).toEqual(['c', 'b']);
    const goTo = list.filter((a) => a.group === 'Go to thread');
    expect(goTo.map((a) => a.title)).toEqual(['Go to thread: b', 'Go to thread: a', 'Go to thread: c']);
    expect(goTo.map((a) => a.enabled())).toEqual([true, false, true]); // not the open one
  });

  it('the approve keys work from the empty composer, the decline key never from a text field', () => {
    const answers = appActions(input({ approvalsInView: 1 })).filter((a) => a.group === 'Approvals');
    const inComposer = (k: KeyLike) => actionForKey(answers, k, ctx({ typing: 'emptyComposer' }))?.id ?? null;
    expect(inComposer(key({ key: 'Enter', ctrlKey: true }))).toBe('approval.accept');
    expect(inComposer(key({ key: 'Enter', ctrlKey: true, shiftKey: true }))).toBe('approval.acceptForSession');
    expect(inComposer(key({ key: 'Backspace', ctrlKey: true }))).toBeNull();
    expect(actionForKey(answers, key({ key: 'Backspace', ctrlKey: true }), ctx())?.id).toBe('approval.decline');
  });

  it('the answers are enabled only with an approval in view, and run with their decision', () => {
    const answered: string[] = [];
    const none = appActions(input({ answer: (d) => answered.push(d) }));
    expect(none.filter((a) => a.group === 'Approvals').map((a) => a.enabled())).toEqual([false, false, false]);
    const some = appActions(input({ approvalsInView: 1, answer: (d) => answered.push(d) }));
    for (const a of some.filter((x) => x.group === 'Approvals')) a.run();
    expect(answered).toEqual(['accept', 'acceptForSession', 'decline']);
  });

  it('in the desktop app the menu’s accelerators are the menu’s', () => {
    const ids = (desktop: boolean) =>
      appActions(input({ desktop }))
        .filter((a) => a.keyHandledElsewhere)
        .map((a) => a.id);
    // Always elsewhere: Esc (useEscToStop), find (the transcript's) and search (its dialog's).
    const own = ['turn.stop', 'thread.find', 'search.all'];
    expect(ids(false)).toEqual(own);
    expect(ids(true)).toEqual(['thread.new', 'folder.open', ...own, 'app.settings']);
  });

  it('offers to enable notifications only while the browser has not been asked', () => {
    expect(appActions(input()).some((a) => a.id === 'app.notifications')).toBe(false);
    expect(appActions(input({ canEnableNotifications: true })).some((a) => a.id === 'app.notifications')).toBe(true);
  });

  it('needs the connection for what asks the server', () => {
    const list = appActions(input({ connected: false }));
    const enabled = (id: string) => list.find((a) => a.id === id)?.enabled();
    expect([enabled('thread.new'), enabled('folder.open'), enabled('app.settings'), enabled('app.palette')]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('fuzzy filter', () => {
  it('finds words and letters in order, best at word starts; nothing for what is not there', () => {
    expect(fuzzyScore('New thread', '')).toBe(1);
    expect(fuzzyScore('New thread', 'thread')).toBeGreaterThan(fuzzyScore('New thread', 'hread'));
    expect(fuzzyScore('New thread', 'nw thrd')).toBeGreaterThan(0);
    expect(fuzzyScore('New thread', 'dn')).toBe(0);
    expect(fuzzyScore('Settings', 'new')).toBe(0);
    expect(fuzzyScore('Go to thread: fix the build', 'fix build')).toBeGreaterThan(0);
    expect(fuzzyScore('New thread', 'new thread')).toBe(1);
  });
});

describe('overlays', () => {
  it('one dialog at a time: toggling the open one closes it, the other switches', () => {
    expect(reduceOverlay(null, { type: 'toggle', overlay: 'palette' })).toBe('palette');
    expect(reduceOverlay('palette', { type: 'toggle', overlay: 'palette' })).toBeNull();
    expect(reduceOverlay('palette', { type: 'toggle', overlay: 'shortcuts' })).toBe('shortcuts');
    expect(reduceOverlay('shortcuts', { type: 'close' })).toBeNull();
  });
});
