/**
 * The desktop app's way out to the user's browser, for links that passed main/https-link.ts:
 * a question on the window naming the host (Cancel is the default), then the OS.
 *
 * The only file that may call shell.openExternal, and only with an `HttpsLink`, which only
 * `httpsLink()` makes (eslint.config.js, rule tandem-electron/open-external-checked).
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { openExternalLink, type ExternalOpener, type HttpsLink } from './https-link';

function electronOpener(win: BrowserWindow | null): ExternalOpener {
  return {
    async confirm(link: HttpsLink) {
      const options = {
        type: 'question' as const,
        buttons: ['Open in Browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `Open ${link.host} in your browser?`,
        detail: link.href,
      };
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    open: (link: HttpsLink) => shell.openExternal(link.href),
  };
}

/** Offers to open `url` in the user's browser (asked on `win`), if it is a link that may leave the app. */
export function offerExternalLink(win: BrowserWindow | null, url: string): void {
  void openExternalLink(url, electronOpener(win)).catch(() => {});
}
