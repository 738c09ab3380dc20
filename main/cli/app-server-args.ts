/**
 * The command line of `app-server`, as Codex 0.169.0's reads it: `-c/--config key=value`,
 * `--enable/--disable FEATURE`, `--listen URL` (or `--stdio`), `--analytics-default-enabled`,
 * and the `generate-json-schema` / `generate-ts` subcommands. Parsing only: what the options mean
 * is applied elsewhere (main/cli/apply-config.ts).
 */
import { parseOverrideValue, setPath } from './toml-value';

export interface GenerateCommand {
  kind: 'generate-json-schema' | 'generate-ts';
  out: string;
  /** Include the methods and fields Codex marks experimental (Tandem's experimental ones). */
  experimental: boolean;
}

export interface AppServerArgs {
  /** Undefined: the default (stdio). */
  listen?: string;
  /** The `-c` overrides, nested (`a.b=1` → `{ a: { b: 1 } }`), later ones winning. */
  config: Record<string, unknown>;
  /** Keys as given, in order, for messages. */
  configKeys: string[];
  /** `--enable X` / `--disable X`: `features.X`. */
  features: Record<string, boolean>;
  analyticsDefaultEnabled: boolean;
  help: boolean;
  generate?: GenerateCommand;
}

export class UsageError extends Error {}

/** Options Codex accepts before the subcommand too (`codex -c model=o3 app-server`). */
export function isGlobalOption(arg: string): boolean {
  return ['-c', '--config', '--enable', '--disable'].includes(arg) || /^(-c.|--(config|enable|disable)=)/.test(arg);
}

/** `key=value` → the nested path and its value (TOML, else the raw text). */
function addOverride(args: AppServerArgs, raw: string): void {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`-c: expected key=value, got ${raw}`);
  const key = raw.slice(0, eq).trim();
  const path = key.split('.');
  if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype'))
    throw new UsageError(`-c: not a config key: ${key}`);
  setPath(args.config, path, parseOverrideValue(raw.slice(eq + 1)));
  args.configKeys.push(key);
}

function addFeature(args: AppServerArgs, name: string, on: boolean): void {
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw new UsageError(`--${on ? 'enable' : 'disable'}: not a feature name: ${name}`);
  args.features[name] = on;
}

export function parseAppServerArgs(argv: readonly string[]): AppServerArgs {
  const args: AppServerArgs = { config: {}, configKeys: [], features: {}, analyticsDefaultEnabled: false, help: false };
  let generate: { kind: GenerateCommand['kind']; out?: string; experimental: boolean } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    /** The option's value: `--opt=v`, `-cv`, or the next argument. */
    const value = (name: string, short?: string): string | undefined => {
      if (arg === name || arg === short) {
        const next = argv[++i];
        if (next === undefined) throw new UsageError(`${arg} needs a value`);
        return next;
      }
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (short && arg.startsWith(short) && arg.length > short.length) return arg.slice(short.length).replace(/^=/, '');
      return undefined;
    };
    let v: string | undefined;
    if ((v = value('--config', '-c')) !== undefined) addOverride(args, v);
    else if ((v = value('--enable')) !== undefined) addFeature(args, v, true);
    else if ((v = value('--disable')) !== undefined) addFeature(args, v, false);
    else if (arg === '--help' || arg === '-h' || arg === 'help') args.help = true;
    else if (generate) {
      if ((v = value('--out', '-o')) !== undefined) generate.out = v;
      else if (arg === '--experimental') generate.experimental = true;
      // Codex formats the TypeScript with this Prettier; Tandem's output is formatted already.
      else if (value('--prettier', '-p') !== undefined) continue;
      else throw new UsageError(`${generate.kind}: unknown option: ${arg}`);
    } else if ((v = value('--listen')) !== undefined) args.listen = v;
    else if (arg === '--stdio') args.listen = 'stdio://';
    else if (arg === '--analytics-default-enabled') args.analyticsDefaultEnabled = true;
    // Codex checks its config.toml strictly with this; Tandem reads none, so there is nothing to check.
    else if (arg === '--strict-config') continue;
    else if (arg === 'generate-json-schema' || arg === 'generate-ts') generate = { kind: arg, experimental: false };
    else throw new UsageError(`unknown option: ${arg}`);
  }
  if (generate && !args.help) {
    if (generate.out === undefined) throw new UsageError(`${generate.kind} needs --out DIR`);
    args.generate = { kind: generate.kind, out: generate.out, experimental: generate.experimental };
  }
  return args;
}
