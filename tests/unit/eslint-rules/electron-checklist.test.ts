/**
 * The Electron checklist's lint rules (eslint-rules/electron-checklist.js, wired in
 * eslint.config.js) hold the real files: each file as it is lints clean, and each flip of a
 * checklist option — the kind a template or a hurried fix brings in — fails lint with the rule
 * that guards it. Linted through the project's own config, so a rule not applied to its file fails too.
 */
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** Lints `file`'s text after `edit`; the rule ids (and messages) of its errors. */
async function lintEdited(file: string, edit: (text: string) => string, lint: ESLint = eslint): Promise<string[]> {
  const original = readFileSync(join(ROOT, file), 'utf8');
  const text = edit(original);
  expect(text, `the edit of ${file} changed nothing: the test is out of date`).not.toBe(original);
  const [result] = await lint.lintText(text, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** Replaces `from` however the formatter broke it across lines: whitespace in it, or between its characters, is any whitespace. */
const replace = (from: string, to: string) => {
  const loose = new RegExp(
    [...from.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'),
  );
  return (text: string) => text.replace(loose, () => to);
};

const FILES = [
  'main/window.ts',
  'main/web-contents-guard.ts',
  'main/permissions.ts',
  'main/external-links.ts',
  'main/https-link.ts',
  'main/index.ts',
  'main/app-protocol.ts',
  'preload/index.ts',
];

const FLIPS: [string, string, (text: string) => string, string][] = [
  ['sandbox off', 'main/window.ts', replace('sandbox: true', 'sandbox: false'), 'secure-web-preferences'],
  [
    'context isolation off',
    'main/window.ts',
    replace('contextIsolation: true', 'contextIsolation: false'),
    'secure-web-preferences',
  ],
  [
    'Node integration on',
    'main/window.ts',
    replace('nodeIntegration: false,', 'nodeIntegration: true,'),
    'secure-web-preferences',
  ],
  [
    'Node integration left to its default',
    'main/window.ts',
    replace('nodeIntegration: false,', ''),
    'secure-web-preferences',
  ],
  [
    'webSecurity: false',
    'main/window.ts',
    replace('webSecurity: true', 'webSecurity: false'),
    'secure-web-preferences',
  ],
  [
    'insecure content allowed',
    'main/window.ts',
    replace('allowRunningInsecureContent: false', 'allowRunningInsecureContent: true'),
    'secure-web-preferences',
  ],
  [
    'experimental features on',
    'main/window.ts',
    replace('experimentalFeatures: false', 'experimentalFeatures: true'),
    'secure-web-preferences',
  ],
  [
    'a Blink feature enabled',
    'main/window.ts',
    replace('spellcheck: false,', "spellcheck: false, enableBlinkFeatures: 'CSSPseudoHas',"),
    'secure-web-preferences',
  ],
  ['the webview tag on', 'main/window.ts', replace('webviewTag: false', 'webviewTag: true'), 'secure-web-preferences'],
  [
    'preferences spread from elsewhere',
    'main/window.ts',
    replace('spellcheck: false,', 'spellcheck: false, ...{ sandbox: false },'),
    'secure-web-preferences',
  ],
  [
    'a second window without preferences',
    'main/window.ts',
    (t) => `${t}\nexport const other = new BrowserWindow({ width: 10 });\n`,
    'secure-web-preferences',
  ],
  [
    'navigation left unhandled',
    'main/web-contents-guard.ts',
    replace("contents.on('will-navigate'", "contents.on('did-navigate'"),
    'required-handlers',
  ],
  [
    'a navigation handler that never prevents',
    'main/web-contents-guard.ts',
    replace('    event.preventDefault();\n    offerExternalLink', '    offerExternalLink'),
    'required-handlers',
  ],
  [
    'webviews attached',
    'main/web-contents-guard.ts',
    replace('(event) => event.preventDefault());', '() => {});'),
    'required-handlers',
  ],
  [
    'no window.open handler',
    'main/web-contents-guard.ts',
    replace('contents.setWindowOpenHandler(', 'void Array.of('),
    'required-handlers',
  ],
  [
    'window.open allowed',
    'main/web-contents-guard.ts',
    replace("{ action: 'deny' }", "{ action: 'allow' }"),
    'deny-by-default',
  ],
  [
    'every permission granted',
    'main/permissions.ts',
    replace('callback(permissionAllowed(permission, details.requestingUrl))', 'callback(true)'),
    'deny-by-default',
  ],
  [
    'permission checks granted',
    'main/permissions.ts',
    replace(
      '(_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin)',
      '() => true',
    ),
    'deny-by-default',
  ],
  [
    'device permissions granted',
    'main/permissions.ts',
    replace('setDevicePermissionHandler(() => false)', 'setDevicePermissionHandler(() => true)'),
    'deny-by-default',
  ],
  [
    'no permission request handler',
    'main/permissions.ts',
    replace('session.setPermissionRequestHandler(', 'void Array.of('),
    'required-handlers',
  ],
  [
    'permissions never installed',
    'main/index.ts',
    (t) =>
      t
        .replace('denyPermissionsByDefault(session.defaultSession);', '')
        .replace("app.on('session-created', (created) => denyPermissionsByDefault(created));", ''),
    'required-handlers',
  ],
  [
    'new sessions left with Chromium’s permissions',
    'main/index.ts',
    replace("app.on('session-created', (created) => denyPermissionsByDefault(created));", ''),
    'required-handlers',
  ],
  ['the app-wide sandbox dropped', 'main/index.ts', replace('app.enableSandbox();', ''), 'required-handlers'],
  [
    'web contents never guarded',
    'main/index.ts',
    replace("app.on('web-contents-created', (_event, contents) => guardWebContents(contents));", ''),
    'required-handlers',
  ],
  [
    'openExternal with an unchecked string',
    'main/external-links.ts',
    replace('shell.openExternal(link.href)', 'shell.openExternal(String(link))'),
    'open-external-checked',
  ],
  [
    'openExternal with an unchecked URL',
    'main/external-links.ts',
    replace(
      'open: (link: HttpsLink) => shell.openExternal(link.href)',
      'open: (link: URL) => shell.openExternal(link.href)',
    ),
    'open-external-checked',
  ],
  [
    'openExternal from another file',
    'main/web-contents-guard.ts',
    (t) => `${t}\nexport const leak = (url: string) => require('electron').shell.openExternal(url);\n`,
    'open-external-checked',
  ],
  [
    'a checked link forged elsewhere',
    'main/external-links.ts',
    (t) => `${t}\nexport const forged = new URL('http://x') as HttpsLink;\n`,
    'open-external-checked',
  ],
  [
    'the CSP header dropped',
    'main/app-protocol.ts',
    replace("'content-security-policy': contentSecurityPolicy(null),", ''),
    'renderer-csp',
  ],
];

describe('the Electron checklist in lint', () => {
  it.each(FILES)('%s lints clean as it is', async (file) => {
    expect(await lintEdited(file, (t) => `${t}\n`)).toEqual([]);
  });

  it.each(FLIPS)('fails on %s (%s)', async (_what, file, edit, rule) => {
    const errors = await lintEdited(file, edit);
    expect(
      errors.some((e) => e.startsWith(`tandem-electron/${rule}:`)),
      errors.join('\n'),
    ).toBe(true);
  });

  describe("the renderer's CSP", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tandem-csp-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** app-protocol.ts linted against a copy of renderer/index.html after `edit`. */
    async function withHtml(edit: (html: string) => string): Promise<string[]> {
      const html = join(dir, `${Math.random().toString(36).slice(2)}.html`);
      await writeFile(html, edit(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8')));
      const lint = new ESLint({
        cwd: ROOT,
        overrideConfig: [
          { files: ['main/app-protocol.ts'], rules: { 'tandem-electron/renderer-csp': ['error', { html }] } },
        ],
      });
      return lintEdited('main/app-protocol.ts', (t) => `${t}\n`, lint);
    }

    it('passes with the HTML as it is', async () => {
      expect(await withHtml((h) => h)).toEqual([]);
    });

    it.each<[string, (html: string) => string]>([
      ['no CSP meta tag', (h) => h.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, '')],
      ['eval allowed', (h) => h.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")],
      ['inline script allowed', (h) => h.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")],
      ['scripts from anywhere', (h) => h.replace("script-src 'self'", 'script-src *')],
      ['plugins allowed', (h) => h.replace("object-src 'none'", "object-src 'self'")],
      ['a loose default', (h) => h.replace("default-src 'self'", 'default-src *')],
    ])('fails with %s', async (_what, edit) => {
      const errors = await withHtml((h) => {
        const edited = edit(h);
        expect(edited).not.toBe(h);
        return edited;
      });
      expect(
        errors.some((e) => e.startsWith('tandem-electron/renderer-csp:')),
        errors.join('\n'),
      ).toBe(true);
    });
  });
});
