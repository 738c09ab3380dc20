/**
 * The README's "Electron security checklist" stays true: all 20 items of Electron's tutorial,
 * each scored, the summary adding up, and every `file:line` it cites still pointing at the code
 * it names (a line moved by an edit fails here: update the README's reference).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(
  README.indexOf('## Electron security checklist'),
  README.indexOf('\n## ', README.indexOf('## Electron security checklist') + 1),
);

/** What each cited line must hold. */
const CITED: Record<string, string[]> = {
  'main/window.ts:14': ['contextIsolation: true'],
  'main/window.ts:15': ['sandbox: true'],
  'main/window.ts:16-18': [
    'nodeIntegration: false',
    'nodeIntegrationInSubFrames: false',
    'nodeIntegrationInWorker: false',
  ],
  'main/window.ts:19': ['webSecurity: true'],
  'main/window.ts:20': ['allowRunningInsecureContent: false'],
  'main/window.ts:21': ['experimentalFeatures: false'],
  'main/window.ts:22': ['webviewTag: false'],
  'main/window.ts:27': ['loadURL(`${APP_ORIGIN}/'],
  'main/index.ts:36': ['app.enableSandbox()'],
  'main/index.ts:114-117': ['ipcPageTransports(', 'win.webContents,', 'isAppUrl,'],
  'main/index.ts:134': ["app.on('web-contents-created'", 'guardWebContents'],
  'main/index.ts:135': ["app.on('session-created'", 'denyPermissionsByDefault(created)'],
  'main/index.ts:138': ['denyPermissionsByDefault(session.defaultSession)'],
  'main/permissions.ts:24-31': [
    'setPermissionRequestHandler',
    'setPermissionCheckHandler',
    'setDevicePermissionHandler(() => false)',
  ],
  'main/app-protocol.ts:12': ['registerSchemesAsPrivileged'],
  'main/app-protocol.ts:18': ['protocol.handle(APP_SCHEME'],
  'main/app-protocol.ts:26': ["'content-security-policy'"],
  'renderer/index.html:6': ['http-equiv="Content-Security-Policy"'],
  'main/web-contents-guard.ts:12': ["contents.on('will-navigate'"],
  'main/web-contents-guard.ts:18': ["contents.on('will-frame-navigate'"],
  'main/web-contents-guard.ts:21': ['contents.setWindowOpenHandler('],
  'main/web-contents-guard.ts:26': ["contents.on('will-attach-webview', (event) => event.preventDefault())"],
  'main/https-link.ts:14': ['export function httpsLink('],
  'main/external-links.ts:13': ['async confirm(link: HttpsLink)'],
  'main/external-links.ts:25': ['shell.openExternal(link.href)'],
  'main/transports/ipc.ts:49-50': ['event.senderFrame !== contents.mainFrame', 'trusted(event.senderFrame.url)'],
  'preload/index.ts:20': ['contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)'],
};

describe("the README's Electron security checklist", () => {
  const rows = [...SECTION.matchAll(/^\| (\d+) \| [^|]+ \| ([^|]+) \| [^|]+ \|$/gm)].map((m) => ({
    n: Number(m[1]),
    score: (m[2] ?? '').replace(/\*/g, '').trim(),
  }));

  it('scores all 20 items, and its summary adds them up', () => {
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const count = (score: string) => rows.filter((r) => r.score === score).length;
    expect(
      rows.every((r) => ['yes', 'partial', 'no', 'n/a'].includes(r.score)),
      JSON.stringify(rows),
    ).toBe(true);
    expect(SECTION).toContain(
      `**${count('yes')} yes, ${count('partial')} partial, ${count('no')} no, ${count('n/a')} not applicable**`,
    );
  });

  it('cites lines that hold what it says', () => {
    const cited = [...SECTION.matchAll(/`([\w./-]+\.(?:ts|html)):(\d+)(?:-(\d+))?`/g)];
    expect(cited.map((m) => m[0].slice(1, -1)).sort()).toEqual(Object.keys(CITED).sort());
    // Every moved cite at once, with where its code went now, so an edit that moves lines (or the
    // formatter) is fixed in one go: the message ends with the command that rewrites the README and this table.
    const moved: Record<string, string> = {};
    const wrong: string[] = [];
    for (const [, file = '', from, to] of cited) {
      const ref = `${file}:${from}${to ? `-${to}` : ''}`;
      const all = readFileSync(join(ROOT, file), 'utf8').split('\n');
      const lines = all.slice(Number(from) - 1, Number(to ?? from)).join('\n');
      const needles = CITED[ref] ?? [];
      if (needles.every((needle) => lines.includes(needle))) continue;
      // For each needle, the line holding it nearest the cited one (a name can also be imported above).
      const now = needles.map((needle) =>
        all.reduce(
          (best, line, i) =>
            line.includes(needle) && (!best || Math.abs(i + 1 - Number(from)) < Math.abs(best - Number(from)))
              ? i + 1
              : best,
          0,
        ),
      );
      wrong.push(
        `${ref} should hold ${needles.join(' and ')} (found at line ${now.map((n) => n || 'none').join(', ')})`,
      );
      if (now.every((n) => n > 0)) {
        const [first, last] = [Math.min(...now), Math.max(...now)];
        moved[ref] = `${file}:${first}${last > first ? `-${last}` : ''}`;
      }
    }
    const fix =
      `node -e 'const fs = require("fs"), moved = ${JSON.stringify(moved)};` +
      ` for (const f of ["README.md", "tests/unit/readme/electron-checklist.test.ts"])` +
      ` fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(/[\\w./-]+\\.(?:ts|html):\\d+(?:-\\d+)?/g, (c) => moved[c] ?? c))'`;
    expect(wrong, `${wrong.join('\n')}\n\nto move the cites found: ${fix}`).toEqual([]);
  });
});
