/**
 * What every web page of the app is held to, installed on each webContents as it is created
 * (main/index.ts, `web-contents-created`), so a window made anywhere later gets it too: it never
 * navigates away from `app://tandem`, never opens a window, and never attaches a <webview>.
 * Links out are offered to the user's browser (main/external-links.ts decides which may go).
 */
import { BrowserWindow, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { offerExternalLink } from './external-links';

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    offerExternalLink(BrowserWindow.fromWebContents(contents), event.url);
  });
  // Frames inside the page (the CSP already limits them to the app's own origin).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    offerExternalLink(BrowserWindow.fromWebContents(contents), url);
    return { action: 'deny' };
  });
  // webviewTag is off in every window's webPreferences; this refuses one even if a window forgot.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
