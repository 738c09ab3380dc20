/**
 * The headless CLI: `tandem app-server [--listen stdio:// | ws://127.0.0.1:PORT] [-c key=value]…`,
 * with Codex's `codex app-server` command line (main/cli/app-server-args.ts).
 * In stdio mode stdout carries only protocol messages; everything else goes to stderr.
 */
import { version } from '../package.json';
import { CODEX_PROTOCOL_VERSION } from '../protocol/codex-version';
import { parseAppServerArgs, isGlobalOption, type AppServerArgs } from './cli/app-server-args';
import { cliConfig, type CliConfig } from './cli/apply-config';
import { AS_CODEX, installCodexShim, pathAdvice } from './cli/codex-shim';
import { engineRouter } from './engine/engine-router';
import { AppServer } from './server/app-server';
import { resolveHome } from './server/home';
import { stderrLogger } from './server/log';
import { takeSecretsFromEnvironment } from './model/environ-scrub';
import { defaultModelFactory } from './model/factory';
import { RateLimitLog } from './model/rate-limits';
import { DEFAULT_THREAD_SETTINGS, type ThreadDefaults } from './server/options';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from './settings';
import { stdioTransport } from './transports/stdio';
import { startWebServer } from './transports/web-server';
import { isLoopbackHost, listenWebSocket, newToken } from './transports/websocket';

const USAGE = `Usage:
  tandem app-server [OPTIONS]                 run the agent app server (stdio by default)
  tandem app-server generate-json-schema --out DIR [--experimental]
  tandem app-server generate-ts --out DIR [--experimental]
                                              write Tandem's protocol as JSON Schema / TypeScript
  tandem serve [--port N]                     web mode: the UI in your browser, on 127.0.0.1
  tandem install-codex-shim [--dir DIR] [--force]
                                              put a \`codex\` command running Tandem on PATH (default ~/.local/bin)
  tandem --version
  tandem --help

app-server options (those of \`codex app-server\`):
  --listen stdio:// | ws://127.0.0.1:PORT     transport (default stdio://); --stdio is the same as stdio://
  -c, --config key=value                      a Codex config override; the value is read as TOML, else as text.
                                              Used: model, model_reasoning_effort, approval_policy, sandbox_mode,
                                              developer_instructions, base_instructions (or instructions),
                                              model_provider, model_providers.<id>.base_url / wire_api / env_key
  --enable FEATURE, --disable FEATURE         accepted (Tandem has no Codex feature flags)
  --analytics-default-enabled                 accepted (Tandem has no analytics)

Environment:
  TANDEM_HOME   folder for threads and settings (default ~/.tandem)`;

type Listen = { kind: 'stdio' } | { kind: 'ws'; host: string; port: number };

/** Run as `codex` (through the shim of `tandem install-codex-shim`). */
let asCodex = false;

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
function startServer(config?: CliConfig): { server: AppServer; shutdown: (code: number) => Promise<void> } {
  const log = stderrLogger;
  const home = resolveHome(startEnv);
  const rateLimits = new RateLimitLog();
  const server = new AppServer({
    home,
    version,
    log,
    defaults: threadDefaults(home),
    ...(config ? { overrides: config.overrides } : {}),
    defaultCwd: process.cwd(),
    createModel: defaultModelFactory(home, startEnv, undefined, rateLimits, config?.providers),
    rateLimits,
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

/** The key a `-c model_providers.<id>.env_key` names leaves the environment too, as OPENAI_API_KEY does. */
function takeProviderKeys(args: AppServerArgs): void {
  const providers = args.config.model_providers;
  if (typeof providers !== 'object' || providers === null) return;
  for (const p of Object.values(providers)) {
    const key = typeof p === 'object' && p !== null ? (p as { env_key?: unknown }).env_key : undefined;
    if (typeof key === 'string' && key !== '') delete process.env[key];
  }
}

async function appServer(argv: string[]): Promise<void> {
  const args = parseAppServerArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.generate) {
    // Loaded here, not at start-up: a server never pays for converting the schemas.
    const { generate } = await import('./cli/generate');
    const count = await generate(args.generate);
    process.stderr.write(`wrote ${count} files to ${args.generate.out}\n`);
    return;
  }
  const listen: Listen = args.listen === undefined ? { kind: 'stdio' } : parseListen(args.listen);
  takeSecrets();
  const config = cliConfig(args, startEnv);
  takeProviderKeys(args);
  if (config.warning) stderrLogger.warn(config.warning);
  const { server, shutdown } = startServer(config);

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

async function main(input: string[]): Promise<void> {
  let argv = input;
  if (argv[0] === AS_CODEX) {
    asCodex = true;
    argv = argv.slice(1);
  }
  // Codex's global options may come before the subcommand (`codex -c model=o3 app-server`).
  const global: string[] = [];
  while (argv[0] !== undefined && isGlobalOption(argv[0])) {
    const takesNext = ['-c', '--config', '--enable', '--disable'].includes(argv[0]);
    global.push(...argv.slice(0, takesNext ? 2 : 1));
    argv = argv.slice(takesNext ? 2 : 1);
  }
  const [command, ...rest] = argv;
  if (global.length > 0 && command !== 'app-server') fail(`${global[0]} is an option of app-server`);
  switch (command) {
    case 'app-server':
      return appServer([...global, ...rest]);
    case 'serve':
      takeSecrets();
      return serve(rest);
    case 'install-codex-shim': {
      const path = await installCodexShim(rest, join(__dirname, 'tandem.cjs'), process.env);
      process.stdout.write(`Installed ${path}: \`codex\` runs Tandem ${version}; delete the file to undo.\n`);
      const advice = pathAdvice(path, process.env);
      if (advice) process.stderr.write(`tandem: ${advice}\n`);
      return;
    }
    case '--version':
    case '-V':
      // As `codex`, the line clients parse (`codex-cli X.Y.Z`), the version being the Codex
      // protocol Tandem implements; Tandem names itself after it.
      process.stdout.write(asCodex ? `codex-cli ${CODEX_PROTOCOL_VERSION} (Tandem ${version})\n` : `${version}\n`);
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
