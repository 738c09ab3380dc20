/** Electron main: app lifecycle and windows. The agent server and IPC arrive with the desktop issue. */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createWindow } from './window';

function open(): void {
  const win = createWindow();
  void win.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(() => {
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
