/** A desktop-shell rule that needs no Electron to check: which links may leave the app, and only after asking. */
import { describe, expect, it } from 'vitest';
import { httpsLink, openExternalLink, type ExternalOpener, type HttpsLink } from '../../../main/https-link';

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
