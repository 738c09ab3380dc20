/**
 * The headless CLI: `tandem app-server [--listen stdio:// | ws://127.0.0.1:PORT]`.
 * In stdio mode stdout carries only protocol messages; everything else goes to stderr.
 */
import { version } from '../package.json';
import { engineRouter } from './engine/engine-router';
import { AppServer } from './server/app-server';
import { resolveHome } from './server/home';
import { stderrLogger } from './server/log';
import { takeSecretsFromEnvironment } from './model/environ-scrub';
import { defaultModelFactory } from './model/factory';
import { DEFAULT_THREAD_SETTINGS, type ThreadDefaults } from './server/options';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from './settings';
import { stdioTransport } from './transports/stdio';
import { startWebServer } from './transports/web-server';
import { isLoopbackHost, listenWebSocket, newToken } from './transports/websocket';

const USAGE = `Usage:
  tandem app-server [--listen stdio:// | ws://127.0.0.1:PORT]   run the agent app server (stdio by default)
  tandem serve [--port N]                                      web mode: the UI in your browser, on 127.0.0.1
  tandem --version
  tandem --help

Environment:
  TANDEM_HOME   folder for threads and settings (default ~/.tandem)`;

type Listen = { kind: 'stdio' } | { kind: 'ws'; host: string; port: number };

export function parseListen(value: string): Listen {
  if (value === 'stdio://' || value === 'stdio') return { kind: 'stdio' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--listen: not a URL: ${value}`);
  }
  if (url.protocol !== 'ws:') throw new Error(`--listen: expected stdio:// or ws://127.0.0.1:PORT, got ${value}`);
  const host = url.hostname;
  if (!isLoopbackHost(host)) throw new Error(`--listen: ${host} is not a loopback address; only 127.0.0.1 is allowed`);
  return { kind: 'ws', host, port: url.port === '' ? 0 : Number(url.port) };
}

function fail(message: string): never {
  process.stderr.write(`tandem: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** New threads' settings: settings.json over the built-in defaults. A broken file is reported, not fatal. */
function threadDefaults(home: string): ThreadDefaults {
  try {
    const s = readSettings(home);
    return {
      ...DEFAULT_THREAD_SETTINGS,
      ...(s.model ? { model: s.model } : {}),
      ...(s.reasoningEffort !== undefined ? { reasoningEffort: s.reasoningEffort } : {}),
    };
  } catch (e) {
    stderrLogger.warn(`${e instanceof Error ? e.message : String(e)}; using default settings`);
    return DEFAULT_THREAD_SETTINGS;
  }
}

/**
 * The environment as it was at start-up. The API key (and the connection token) leave the
 * process environment before anything else runs, so no command can read them from
 * /proc/<server>/environ; the server keeps this private copy (environ-scrub.ts).
 */
let startEnv: NodeJS.ProcessEnv = process.env;

function takeSecrets(): void {
  const taken = takeSecretsFromEnvironment();
  startEnv = taken.env;
  if (taken.problem) stderrLogger.warn(taken.problem);
}

/** The server every command runs, with its shutdown wired to signals. */
function startServer(): { server: AppServer; shutdown: (code: number) => Promise<void> } {
  const log = stderrLogger;
  const home = resolveHome(startEnv);
  const server = new AppServer({
    home,
    version,
    log,
    defaults: threadDefaults(home),
    defaultCwd: process.cwd(),
    createModel: defaultModelFactory(home, startEnv),
    env: startEnv,
  });
  // No input may stop the server: log what escaped and keep serving.
  process.on('uncaughtException', (e) => log.error(`uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${String(e)}`));
  const shutdown = async (code: number): Promise<void> => {
    await server.dispose();
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  return { server, shutdown };
}

/** What a spawned engine gets: the start-up environment, less the page's connection token. */
function engineEnv(): NodeJS.ProcessEnv {
  const env = { ...startEnv };
  delete env.TANDEM_WS_TOKEN;
  return env;
}

/** TANDEM_WS_TOKEN when given (it must carry 128 bits), else a fresh random token. */
function connectionToken(): string {
  const fixed = startEnv.TANDEM_WS_TOKEN;
  if (fixed !== undefined && !/^[0-9a-f]{32,}$/i.test(fixed))
    fail('TANDEM_WS_TOKEN must be at least 32 hex digits (128 bits)');
  return fixed || newToken();
}

async function serve(args: string[]): Promise<void> {
  let port = 4510;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg === '--port' ? args[++i] : arg.startsWith('--port=') ? arg.slice('--port='.length) : undefined;
    if (value === undefined) fail(`unknown option: ${arg}`);
    port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: not a port number: ${value}`);
  }
  const root = join(__dirname, '..', 'renderer');
  if (!existsSync(join(root, 'index.html'))) fail('the UI is not built yet; run `npm run build` first');
  const { server } = startServer();
  // The UI's engine (settings.json `engine`): the built-in server, or Codex behind a proxy.
  const toEngine = engineRouter({
    home: server.options.home,
    builtin: server,
    env: engineEnv(),
    cwd: process.cwd(),
    log: stderrLogger,
  });
  const web = await startWebServer({
    root,
    port,
    token: connectionToken(),
    onConnection: (t) => void toEngine(t),
  }).catch((e: unknown) => fail(`cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`));
  process.stderr.write(`Tandem is running in web mode. Open this address in your browser:\n\n  ${web.url}\n\n`);
}

async function appServer(args: string[]): Promise<void> {
  let listen: Listen = { kind: 'stdio' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--listen') listen = parseListen(args[++i] ?? fail('--listen needs a value'));
    else if (arg.startsWith('--listen=')) listen = parseListen(arg.slice('--listen='.length));
    else fail(`unknown option: ${arg}`);
  }
  const { server, shutdown } = startServer();

  if (listen.kind === 'stdio') {
    // Closing stdin is the client saying goodbye: the connection answers what it received,
    // then goes, and the process exits cleanly.
    server.connect(stdioTransport()).onDispose(() => void shutdown(0));
    return;
  }
  const token = connectionToken();
  const listener = await listenWebSocket({
    host: listen.host,
    port: listen.port,
    token,
    onConnection: (transport) => server.connect(transport),
  });
  process.stderr.write(`Tandem app-server listening on ${listener.url}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'app-server':
      takeSecrets();
      return appServer(rest);
    case 'serve':
      takeSecrets();
      return serve(rest);
    case '--version':
    case '-V':
      process.stdout.write(`${version}\n`);
      return;
    case '--help':
    case '-h':
    case undefined:
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
