/**
 * Desktop notifications and the badge, where the page can show them: the Web Notification API
 * (a native notification in Electron, the browser's in web mode once the user allowed it) and,
 * in Electron, the dock/taskbar badge and raising the window through the shell's messages on the
 * bridge's channel (protocol/shell.ts). Permission is asked only from a user's action
 * (`enableNotifications`), never on load.
 */
import { useSyncExternalStore } from 'react';
import { BRIDGE_GLOBAL, type TandemBridge } from '../../protocol/bridge';
import { shellMessageText, type ShellMessage } from '../../protocol/shell';
import type { Notice } from '../state/attention';

export type NotifyPermission = NotificationPermission | 'unsupported';

const supported = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

const readPermission = (): NotifyPermission => (supported() ? Notification.permission : 'unsupported');

// Read once and again when it may have changed (asked here, or the user came back from the
// browser's settings): Chromium's `Notification.permission` getter is slow, and the app reads it
// on every render (the bench's 20,000-delta stream spent 240 ms in it).
let permission: NotifyPermission | null = null;
export const notifyPermission = (): NotifyPermission => (permission ??= readPermission());

const listeners = new Set<() => void>();
const changed = (): void => {
  const now = readPermission();
  if (now === permission) return;
  permission = now;
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('focus', changed);

export function useNotifyPermission(): NotifyPermission {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, notifyPermission);
}

/** Ask for permission (call from a click or key press: browsers ignore a request made on load). */
export async function enableNotifications(): Promise<NotifyPermission> {
  if (!supported()) return 'unsupported';
  try {
    await Notification.requestPermission();
  } finally {
    changed();
  }
  return notifyPermission();
}

function bridge(): TandemBridge | undefined {
  return (window as unknown as Record<string, TandemBridge | undefined>)[BRIDGE_GLOBAL];
}

/** In the desktop app (the preload's bridge is there). */
export const inDesktopShell = (): boolean => bridge() !== undefined;

function toShell(message: ShellMessage): void {
  bridge()?.send(shellMessageText(message));
}

/** The dock/taskbar badge (Electron); nothing in web mode. */
export function setShellBadge(count: number): void {
  toShell({ method: 'tandem/shell/badge', params: { count } });
}

/** Show a notice; its click brings the window forward and calls `onClick`. False when it could not be shown. */
export function showNotice(notice: Notice, onClick: () => void): boolean {
  if (notifyPermission() !== 'granted') return false;
  let n: Notification;
  try {
    n = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  } catch {
    return false; // e.g. Android Chrome, which only shows them from a service worker
  }
  n.onclick = () => {
    window.focus();
    toShell({ method: 'tandem/shell/focusWindow', params: {} });
    onClick();
    n.close();
  };
  return true;
}
