/**
 * Electron main: app lifecycle, one app server in the main process (its home is the app's
 * userData folder), one IPC transport per window, the menu, and the API key kept with
 * safeStorage. Everything else is the same server the headless CLI runs. The security
 * checklist (README, "Electron security checklist") is held here: every webContents guarded as
 * it is created, session permissions denied by default, IPC only from the app's own pages.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../package.json';
import type { UiCommandNotification } from '../protocol/schema/tandem';
import { isAppUrl } from './app-origin';
import { registerAppScheme, serveApp } from './app-protocol';
import { buildMenu } from './menu';
import { takeSecretsFromEnvironment } from './model/environ-scrub';
import { defaultModelFactory } from './model/factory';
import { RateLimitLog } from './model/rate-limits';
import { engineRouter } from './engine/engine-router';
import { AppServer } from './server/app-server';
import { stderrLogger } from './server/log';
import { DEFAULT_THREAD_SETTINGS } from './server/options';
import { denyPermissionsByDefault } from './permissions';
import { ipcPageTransports } from './transports/ipc';
import { guardWebContents } from './web-contents-guard';
import { WindowCommands } from './window-commands';
import { withShellMessages } from './window-attention';
import { createWindow } from './window';

// The key leaves this process's environment (and so every child's) before anything is spawned.
const { env: startEnv, problem: envProblem } = takeSecretsFromEnvironment();
if (envProblem) stderrLogger.warn(envProblem);

registerAppScheme();
// Every renderer sandboxed, whatever its webPreferences say (before ready, as Electron requires).
app.enableSandbox();

const home = app.getPath('userData');
const recentFile = join(home, 'recent.json');

function recentFolders(): string[] {
  try {
    const value: unknown = JSON.parse(readFileSync(recentFile, 'utf8'));
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 10) : [];
  } catch {
    return [];
  }
}

function remember(folder: string): void {
  writeFileSync(recentFile, JSON.stringify([folder, ...recentFolders().filter((f) => f !== folder)].slice(0, 10)));
  refreshMenu();
}

/** The API key is stored encrypted with the OS keychain where available (see settings.json `apiKeyEncrypted`). */
const secrets = {
  available: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain: string) => safeStorage.encryptString(plain).toString('base64'),
  decrypt: (stored: string) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
};

const rateLimits = new RateLimitLog();
const server = new AppServer({
  home,
  version,
  log: stderrLogger,
  defaults: DEFAULT_THREAD_SETTINGS,
  defaultCwd: app.getPath('home'),
  createModel: defaultModelFactory(home, startEnv, secrets, rateLimits),
  rateLimits,
  env: startEnv,
  secrets,
});

/** Each window's connection goes to the engine the settings choose (the built-in server by default). */
const engineEnv = { ...startEnv };
delete engineEnv.TANDEM_WS_TOKEN;
const toEngine = engineRouter({ home, builtin: server, env: engineEnv, cwd: app.getPath('home'), log: stderrLogger });

/** Each window's menu commands, sent through its page's connection. */
const windowCommands = new WeakMap<BrowserWindow, WindowCommands>();

/** Tell the focused window's UI to do something (a menu choice). */
function command(cmd: UiCommandNotification['command'], path?: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win) windowCommands.get(win)?.send(path ? { command: cmd, path } : { command: cmd });
}

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildMenu(
      {
        openFolder: () => {
          void dialog.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] }).then((r) => {
            const folder = r.filePaths[0];
            if (r.canceled || !folder) return;
            remember(folder);
            command('openFolder', folder);
          });
        },
        openRecent: (folder) => command('openFolder', folder),
        newThread: () => command('newThread'),
        settings: () => command('settings'),
      },
      recentFolders(),
    ),
  );
}

function open(): void {
  const win = createWindow();
  const commands = new WindowCommands();
  windowCommands.set(win, commands);
  ipcPageTransports(
    ipcMain,
    win.webContents,
    isAppUrl,
    (transport) => commands.attach(toEngine(transport)),
    // The page's badge count and "show me" (a notification clicked), for the shell alone.
    (channel) =>
      withShellMessages(channel, {
        setBadge: (count) => app.setBadgeCount(count),
        focus: () => {
          if (win.isDestroyed()) return;
          if (win.isMinimized()) win.restore();
          win.show();
          win.focus();
        },
      }),
  );
}

// Before any window or session exists, so none is ever without its guards.
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
app.on('session-created', (created) => denyPermissionsByDefault(created));

void app.whenReady().then(() => {
  denyPermissionsByDefault(session.defaultSession);
  serveApp(join(__dirname, '../renderer'));
  refreshMenu();
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  void server.dispose();
});
