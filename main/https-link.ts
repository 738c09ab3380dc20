/**
 * The rule for links that leave the app: a link may open in the user's browser only if it parses
 * as a URL, is https, names a host and carries no credentials, and only after the user has seen
 * its host and said yes. Everything else (http, file:, custom schemes, `javascript:`,
 * `user:pass@host`) is refused without asking: shell.openExternal hands a URL to the OS, which
 * runs whatever program claims its scheme. No Electron here, so the rule is unit-tested as is.
 */

declare const checked: unique symbol;
/** A URL that passed `httpsLink()`: the only kind main/external-links.ts will hand to the OS. */
export type HttpsLink = URL & { readonly [checked]: true };

/** The URL a link may open in the user's browser, or null when it may not leave the app. */
export function httpsLink(raw: string): HttpsLink | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url as HttpsLink;
}

/** What opening needs from Electron: asking the user, then the OS. */
export interface ExternalOpener {
  /** Shows the host and the whole address; true when the user chose to open it. */
  confirm(link: HttpsLink): Promise<boolean>;
  open(link: HttpsLink): Promise<void>;
}

/** Opens `raw` in the user's browser if the rule allows it and the user agrees; says whether it did. */
export async function openExternalLink(raw: string, opener: ExternalOpener): Promise<boolean> {
  const link = httpsLink(raw);
  if (!link || !(await opener.confirm(link))) return false;
  await opener.open(link);
  return true;
}
