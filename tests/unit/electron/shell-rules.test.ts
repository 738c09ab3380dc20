/**
 * The desktop shell's rules that need no Electron to check: which links may leave the app (and
 * only after asking), and which permissions a page gets (none, but the app's own clipboard write).
 */
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../main/app-origin';
import { httpsLink, openExternalLink, type ExternalOpener, type HttpsLink } from '../../../main/https-link';
import { permissionAllowed } from '../../../main/permissions';

function recordingOpener(answer: boolean): ExternalOpener & { asked: string[]; opened: string[] } {
  const asked: string[] = [];
  const opened: string[] = [];
  return {
    asked,
    opened,
    confirm: async (link: HttpsLink) => {
      asked.push(link.host);
      return answer;
    },
    open: async (link: HttpsLink) => {
      opened.push(link.href);
    },
  };
}

const REFUSED = [
  'http://example.com/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'mailto:someone@example.com',
  'ms-settings:',
  'vscode://file/etc/passwd',
  'smb://attacker.example/share',
  'https://user:secret@example.com/',
  'https://user@example.com/',
  'https://',
  'HTTP://EXAMPLE.COM/',
  'app://tandem/index.html',
  'not a url',
  '',
];

describe('links that leave the app', () => {
  it.each(REFUSED)('refuses %j without asking', async (url) => {
    expect(httpsLink(url)).toBeNull();
    const opener = recordingOpener(true);
    await expect(openExternalLink(url, opener)).resolves.toBe(false);
    expect(opener.asked).toEqual([]);
    expect(opener.opened).toEqual([]);
  });

  it('asks about an https link, naming its host, and opens it only on yes', async () => {
    const yes = recordingOpener(true);
    await expect(openExternalLink('https://docs.example.com:8443/a?b=c#d', yes)).resolves.toBe(true);
    expect(yes.asked).toEqual(['docs.example.com:8443']);
    expect(yes.opened).toEqual(['https://docs.example.com:8443/a?b=c#d']);

    const no = recordingOpener(false);
    await expect(openExternalLink('https://example.com/', no)).resolves.toBe(false);
    expect(no.asked).toEqual(['example.com']);
    expect(no.opened).toEqual([]);
  });

  it('shows the host the browser would go to, not the one the text suggests', async () => {
    const opener = recordingOpener(false);
    await openExternalLink('https://example.com%2eevil.test/', opener);
    await openExternalLink('https://xn--exmple-cua.com/', opener);
    await openExternalLink('https://EXAMPLE.com./path', opener);
    expect(opener.asked).toEqual(['example.com.evil.test', 'xn--exmple-cua.com', 'example.com.']);
  });
});

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

  it('denies every permission to every origin but the clipboard write to the app’s own pages', () => {
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
      'clipboard-sanitized-write app://tandem/index.html',
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
