/** Where the renderer lives: `app://tandem/…` (main/app-protocol.ts serves it). Apart, so code without Electron can check an origin. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://tandem`;

/** Whether a URL (or an origin) is the app's own, parsed: `app://tandem.evil/` or `app://x@tandem` is not. */
export function isAppUrl(urlOrOrigin: string): boolean {
  try {
    const url = new URL(urlOrOrigin);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'tandem' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
