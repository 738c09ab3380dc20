/**
 * Electron main: app lifecycle, one app server in the main process (its home is the app's
 * userData folder), one IPC transport per window, the menu, and the API key kept with
 * safeStorage. Everything else is the same server the headless CLI runs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../package.json';
import { BRIDGE_CHANNEL } from '../protocol/bridge';
import { registerAppScheme, serveApp } from './app-protocol';
import { buildMenu } from './menu';
import { takeSecretsFromEnvironment } from './model/environ-scrub';
import { defaultModelFactory } from './model/factory';
import { AppServer } from './server/app-server';
import { stderrLogger } from './server/log';
import { DEFAULT_THREAD_SETTINGS } from './server/options';
import { ipcPageTransports } from './transports/ipc';
import { createWindow } from './window';

// The key leaves this process's environment (and so every child's) before anything is spawned.
const { env: startEnv, problem: envProblem } = takeSecretsFromEnvironment();
if (envProblem) stderrLogger.warn(envProblem);

registerAppScheme();

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

const server = new AppServer({
  home,
  version,
  log: stderrLogger,
  defaults: DEFAULT_THREAD_SETTINGS,
  defaultCwd: app.getPath('home'),
  createModel: defaultModelFactory(home, startEnv, secrets),
  env: startEnv,
  secrets,
});

/** Tell the focused window's UI to do something (a menu choice). */
function command(cmd: 'openFolder' | 'newThread' | 'settings', path?: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!win) return;
  win.webContents.send(BRIDGE_CHANNEL, JSON.stringify({ jsonrpc: '2.0', method: 'tandem/ui/command', params: path ? { command: cmd, path } : { command: cmd } }));
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
  ipcPageTransports(ipcMain, win.webContents, (transport) => server.connect(transport));
}

void app.whenReady().then(() => {
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
