/**
 * Session permissions: denied unless on the allow-list below, for every request and every check.
 * Chromium's defaults (without a handler Electron grants camera, microphone, notifications,
 * geolocation… to any page) are the wrong ones for an app that renders model output.
 */
import type { Session } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * What the app's own pages may have: writing to the clipboard (the editor's
 * copy, which Monaco writes with navigator.clipboard) and showing desktop notifications (a
 * thread in the background needs an approval, finished or failed). Nothing may read the
 * clipboard, and no other origin gets anything.
 */
const ALLOWED: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

/** Whether `permission` asked by `urlOrOrigin` is granted; false for everything not allowed above. */
export function permissionAllowed(permission: string, urlOrOrigin: string): boolean {
  return ALLOWED.has(permission) && isAppUrl(urlOrOrigin);
}

/** Installs the deny-by-default handlers on a session (the default one: all windows share it). */
export function denyPermissionsByDefault(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin),
  );
  // USB, serial and HID devices: none, whoever asks.
  session.setDevicePermissionHandler(() => false);
}
