/**
 * The desktop shell through Playwright's `_electron`, the README's "Electron security checklist"
 * at run time: the window is isolated, sandboxed and has no Node (nor webviews, insecure content
 * or experimental features); the page runs under the CSP; every permission it asks is denied; it
 * cannot navigate away or open windows, and of the links it tries only https ones are offered to
 * the user's browser, after a question naming the host; the preload exposes `window.tandem`
 * (send, onMessage) and nothing else; and `npm run package:fuses` leaves the binary's fuses as
 * scripts/electron-fuses-config.mjs says, read back from the binary.
 *
 * Runs only where the Electron binary is already on disk. Resolving `require('electron')` would
 * download it when missing (node_modules/electron/index.js), so the binary is located by hand here.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fuses from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { REQUIRED_FUSES, type FuseName } from '../../scripts/electron-fuses-config.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'index.js');

/** The Electron executable if it exists, found as electron/index.js would but never downloading. */
function electronBinary(): string | undefined {
  let pkg: string;
  try {
    pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : undefined;
  return binary && existsSync(binary) ? binary : undefined;
}

/** The renderer bundle's JavaScript, to tell the app's own globals from anything the preload adds. */
function rendererBundleText(): string {
  const assets = join(ROOT, 'out', 'renderer', 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

const BINARY = electronBinary();
const NO_DISPLAY = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.skip(!BINARY, 'skipped: no Electron binary on this machine (npm start fetches it where the network allows)');

/** What the main process saw of links leaving the app, with the dialog and the OS replaced (no browser opens). */
interface ExternalCalls {
  asked: string[];
  opened: string[];
}

test.describe('the running app', () => {
  test.skip(NO_DISPLAY, 'skipped: no display for Electron on this Linux machine (run under xvfb-run)');
  test.skip(!existsSync(MAIN), 'skipped: out/main/index.js is missing (npm run build)');

  let app: ElectronApplication;
  let page: Page;
  let home: string;

  test.beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'tandem-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer's
    // webPreferences.sandbox, which this spec checks, is unaffected. The desktop app keeps its data
    // in userData: --user-data-dir points that at a temp folder, not the user's own.
    const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--user-data-dir=${home}`, MAIN];
    app = await electron.launch({ executablePath: BINARY, args, env: { ...env, TANDEM_HOME: home }, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  /** Replaces the question dialog (answering `answer`: 0 open, 1 cancel) and shell.openExternal with recorders. */
  async function recordExternal(answer: 0 | 1): Promise<void> {
    await app.evaluate(({ dialog, shell }, response) => {
      const calls: ExternalCalls = { asked: [], opened: [] };
      (globalThis as unknown as { tandemExternal: ExternalCalls }).tandemExternal = calls;
      const ask = (async (...args: unknown[]) => {
        const options = args[args.length - 1] as { message: string };
        calls.asked.push(options.message);
        return { response, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
      const open = async (url: string) => {
        calls.opened.push(url);
      };
      dialog.showMessageBox = ask;
      shell.openExternal = open;
      // Were either left in place, a real dialog or browser would stand in for the recorder.
      if (dialog.showMessageBox !== ask || shell.openExternal !== open)
        throw new Error('this Electron would not let the spec replace dialog.showMessageBox or shell.openExternal');
    }, answer);
  }

  const externalCalls = () =>
    app.evaluate(() => (globalThis as unknown as { tandemExternal: ExternalCalls }).tandemExternal);

  test('the window is isolated, sandboxed, has no Node integration, webviews, insecure content or experimental features', async () => {
    // getLastWebPreferences is Electron's (undocumented, untyped) read-back of the window's prefs.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
        { getLastWebPreferences?: () => Record<string, unknown> | null } | undefined;
      const p = contents?.getLastWebPreferences?.();
      const keys = [
        'contextIsolation',
        'sandbox',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'webSecurity',
        'allowRunningInsecureContent',
        'experimentalFeatures',
        'webviewTag',
      ];
      return p ? Object.fromEntries(keys.map((k) => [k, p[k]])) : null;
    });
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(await page.evaluate<string>('[typeof require, typeof process, typeof module, typeof Buffer].join()')).toBe(
      'undefined,undefined,undefined,undefined',
    );
  });

  test('the page runs under a CSP that refuses inline script and eval', async () => {
    // The policy the page was served with (a response header), else its meta tag.
    const csp =
      await page.evaluate<string>(`fetch(location.href).then((r) => r.headers.get('content-security-policy'), () => null).then((header) =>
      header ?? document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '')`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const ran = await page.evaluate<boolean>(`new Promise((resolve) => {
      const s = document.createElement('script');
      s.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.body.append(s);
      setTimeout(() => resolve(document.body.dataset.inlineRan === 'yes'), 100);
    })`);
    expect(ran, 'an injected inline script ran').toBe(false);
    // From a task of the page's own: evaluate() itself runs with CSP's eval check lifted (CDP).
    const evalRan = await page.evaluate<boolean>(
      `new Promise((resolve) => setTimeout(() => { try { eval('1'); resolve(true); } catch { resolve(false); } }, 0))`,
    );
    expect(evalRan, 'eval ran').toBe(false);
  });

  test('every permission the page asks for or checks is denied', async () => {
    // A request (the session's request handler): geolocation fails with PERMISSION_DENIED (1).
    const geolocation = await page.evaluate<number | string>(`new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(() => resolve('granted'), (e) => resolve(e.code), { timeout: 10000 });
    })`);
    expect(geolocation).toBe(1);
    expect(await page.evaluate<string>('Notification.requestPermission()')).toBe('denied');
    // Checks (the session's check handler).
    const states = await page.evaluate<
      string[]
    >(`Promise.all(['geolocation', 'notifications', 'camera', 'microphone', 'midi'].map((name) =>
      navigator.permissions.query({ name }).then((s) => name + ' ' + s.state, (e) => name + ' ' + e.name)))`);
    expect(states).toEqual([
      'geolocation denied',
      'notifications denied',
      'camera denied',
      'microphone denied',
      'midi denied',
    ]);
  });

  test('the window cannot navigate away, open windows or attach a webview', async () => {
    await recordExternal(1);
    const before = page.url();
    for (const target of ['http://example.invalid/', 'file:///etc/passwd']) {
      await page.evaluate(`location.href = ${JSON.stringify(target)}`);
      await page.waitForTimeout(500);
      expect(page.url(), target).toBe(before);
    }
    expect(await page.evaluate<boolean>(`window.open('http://example.invalid/') === null`)).toBe(true);
    expect(await page.evaluate<boolean>(`window.open('app://tandem/index.html') === null`)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(
      `(() => { const w = document.createElement('webview'); w.setAttribute('src', 'https://example.invalid/'); document.body.append(w); })()`,
    );
    await page.waitForTimeout(500);
    expect(await app.evaluate(({ webContents }) => webContents.getAllWebContents().length)).toBe(1);
    expect((await externalCalls()).opened).toEqual([]);
  });

  test('links out: only https is offered, after a question naming the host, and opens only on yes', async () => {
    await recordExternal(1);
    for (const url of [
      'http://example.invalid/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://example.invalid/share',
      'https://user:pw@example.invalid/',
      'https://docs.example.invalid/page',
    ])
      await page.evaluate(`window.open(${JSON.stringify(url)})`);
    await expect
      .poll(async () => (await externalCalls()).asked)
      .toEqual(['Open docs.example.invalid in your browser?']);
    expect((await externalCalls()).opened, 'opened although the user said Cancel').toEqual([]);

    await recordExternal(0);
    await page.evaluate(`location.href = 'https://example.invalid/a?b=c'`);
    await expect.poll(async () => (await externalCalls()).opened).toEqual(['https://example.invalid/a?b=c']);
    expect((await externalCalls()).asked).toEqual(['Open example.invalid in your browser?']);
    expect(app.windows()).toHaveLength(1);
  });

  test('the preload exposes window.tandem (send, onMessage) and nothing else', async () => {
    // contextBridge refuses to expose anything without contextIsolation, so this also proves isolation.
    expect(await page.evaluate<string[]>(`Object.keys(window.tandem ?? {}).sort()`)).toEqual(['onMessage', 'send']);
    expect(await page.evaluate<string>(`[typeof window.tandem.send, typeof window.tandem.onMessage].join()`)).toBe(
      'function,function',
    );
    // Globals the page has and a blank same-origin frame (no preload) lacks, less those the renderer
    // bundle defines itself (zod's, for one; found by name in the bundle): exactly the bridge.
    const extra = await page.evaluate<string[]>(`(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const blank = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      frame.remove();
      return Object.getOwnPropertyNames(window).filter((name) => !blank.has(name));
    })()`);
    const bundle = rendererBundleText();
    const fromPreload = extra.filter((name) => name === 'tandem' || !bundle.includes(name));
    expect(fromPreload, `globals beyond the bridge (all extra globals: ${extra.join(', ')})`).toEqual(['tandem']);
  });
});

test.describe('fuses', () => {
  let dir: string | undefined;
  test.afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('npm run package:fuses sets each fuse on a copy of the binary, read back from it', async () => {
    test.setTimeout(180_000);
    const binary = BINARY as string;
    dir = await mkdtemp(join(tmpdir(), 'tandem-e2e-fuses-'));
    // macOS keeps the fuses in the framework inside the .app: copy the bundle; elsewhere, the executable.
    const app = binary.includes('.app/') ? `${binary.split('.app/')[0]}.app` : undefined;
    const copy = app ? join(dir, basename(app), binary.slice(app.length + 1)) : join(dir, basename(binary));
    cpSync(app ?? binary, app ? join(dir, basename(app)) : copy, { recursive: true, verbatimSymlinks: true });

    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electron-fuses.mjs'), copy], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const wire = await fuses.getCurrentFuseWire(copy);
    const read = Object.fromEntries(
      Object.keys(REQUIRED_FUSES).map((name) => [
        name,
        String.fromCharCode(wire[fuses.FuseV1Options[name as FuseName]] ?? 0),
      ]),
    );
    const want = Object.fromEntries(Object.entries(REQUIRED_FUSES).map(([name, on]) => [name, on ? '1' : '0']));
    expect(read).toEqual(want);
  });
});
