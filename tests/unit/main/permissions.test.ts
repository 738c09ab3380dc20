/** A desktop-shell rule that needs no Electron to check: which permissions a page gets (none, but the app's own clipboard write and notifications). */
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../main/app-origin';
import { permissionAllowed } from '../../../main/permissions';

describe('permissions', () => {
  const ALL = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'geolocation',
    'hid',
    'idle-detection',
    'media',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'notifications',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'serial',
    'speaker-selection',
    'storage-access',
    'top-level-storage-access',
    'usb',
    'window-management',
    'fileSystem',
    'unknown',
    'deprecated-sync-clipboard-read',
  ];

  it('denies every permission to every origin but the clipboard write and notifications to the app’s own pages', () => {
    const granted: string[] = [];
    for (const origin of [
      'app://tandem',
      'app://tandem/index.html',
      'https://example.com',
      'app://tandem.evil',
      'app://x@tandem',
      'file:///',
      'null',
      '',
    ])
      for (const permission of ALL) if (permissionAllowed(permission, origin)) granted.push(`${permission} ${origin}`);
    expect(granted).toEqual([
      'clipboard-sanitized-write app://tandem',
      'notifications app://tandem',
      'clipboard-sanitized-write app://tandem/index.html',
      'notifications app://tandem/index.html',
    ]);
  });

  it('denies what it has never heard of', () => {
    expect(permissionAllowed('some-permission-of-a-future-electron', 'app://tandem')).toBe(false);
  });

  it('knows the app’s own origin by parsing, not by prefix', () => {
    expect(isAppUrl('app://tandem/index.html#t=1')).toBe(true);
    for (const url of ['app://tandem.evil/', 'app://tandemx/', 'app://u:p@tandem/', 'https://tandem/', 'app:tandem'])
      expect(isAppUrl(url), url).toBe(false);
  });
});
