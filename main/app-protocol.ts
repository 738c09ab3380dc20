/**
 * The renderer is served from `app://tandem/…`, a privileged custom scheme rather than file://
 * (where module scripts do not run), only from the bundle, with the app's CSP on every response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { bundleFile, contentSecurityPolicy, contentType } from './transports/web-server';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveApp(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'tandem') return new Response('Not Found', { status: 404 });
    const file = await bundleFile(root, url.pathname);
    if (!file) return new Response('Not Found', { status: 404 });
    return new Response(await readFile(file), {
      headers: {
        'content-type': contentType(file),
        'content-security-policy': contentSecurityPolicy(null),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
