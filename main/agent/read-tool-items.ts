/**
 * read_file, list_dir and grep_files as the user sees them: each call is a commandExecution item
 * whose commandActions say what it looked at (read / listFiles / search), as Codex reports the
 * reads it parses out of shell commands. So every file the agent looked at is in the thread.
 */
import { isAbsolute, basename, resolve } from 'node:path';
import type { CommandExecutionItem } from '../../protocol/schema/item';
import { grepFilesTool, listDirTool, readFileTool } from '../tools/read-tools';
import { MODEL_OUTPUT_LIMIT, truncateMiddle } from '../tools/truncate';
import type { ToolEnv } from './tool-env';

export type ReadToolName = 'read_file' | 'list_dir' | 'grep_files';
type CommandAction = CommandExecutionItem['commandActions'][number];

/** Shell-style quoting, only where a word needs it, so the command line reads naturally. */
const quote = (s: string): string => (/^[\w./@%+=:,~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function objectArgs(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const flag = (name: string, v: unknown): string[] => (typeof v === 'number' || typeof v === 'string' ? [`--${name}`, quote(String(v))] : []);

/**
 * The command line and action of a call, from its arguments as the model sent them (even
 * malformed ones: the item then shows what was asked, and fails with the tool's error).
 */
export function describeReadCall(name: ReadToolName, json: string, cwd: string): { command: string; action: CommandAction } {
  const a = objectArgs(json);
  if (name === 'read_file') {
    const path = str(a.file_path) ?? '';
    const command = [name, quote(path), ...flag('offset', a.offset), ...flag('limit', a.limit)].join(' ');
    // Codex's read action: the file's name, and its path resolved against the working folder.
    return { command, action: { type: 'read', command, name: basename(path), path: isAbsolute(path) ? path : resolve(cwd, path) } };
  }
  if (name === 'list_dir') {
    const path = str(a.dir_path) ?? null;
    const command = [name, ...(path ? [quote(path)] : []), ...flag('depth', a.depth), ...flag('offset', a.offset), ...flag('limit', a.limit)].join(' ');
    return { command, action: { type: 'listFiles', command, path } };
  }
  const query = str(a.pattern) ?? null;
  const path = str(a.path) ?? null;
  const command = [name, quote(query ?? ''), ...(path ? [quote(path)] : []), ...flag('include', a.include), ...flag('limit', a.limit)].join(' ');
  return { command, action: { type: 'search', command, query, path } };
}

const RUN: Record<ReadToolName, (env: ToolEnv, json: string) => Promise<string>> = {
  read_file: (env, json) => readFileTool(env.confinement, json),
  list_dir: (env, json) => listDirTool(env.confinement, json),
  grep_files: (env, json) => grepFilesTool(env.confinement, json),
};

/** Run a read tool inside its item: item/started, the read, then the item completed and persisted. */
export async function readToolCall(env: ToolEnv, callId: string, name: ReadToolName, json: string): Promise<string> {
  const cwd = env.confinement.roots[0] ?? env.settings.cwd;
  const { command, action } = describeReadCall(name, json, cwd);
  const item: CommandExecutionItem = {
    type: 'commandExecution',
    id: callId,
    command,
    cwd,
    status: 'inProgress',
    commandActions: [action],
    aggregatedOutput: null,
    exitCode: null,
    durationMs: null,
    processId: null,
    source: 'agent',
  };
  env.startItem(item);
  const started = Date.now();
  try {
    // A file can hold the key (a .env in the workspace): redacted like a command's output.
    const output = env.redact(await RUN[name](env, json));
    // What the model read can be a megabyte; the thread keeps a readable head and tail of it.
    await env.completeItem({ ...item, status: 'completed', aggregatedOutput: truncateMiddle(output, MODEL_OUTPUT_LIMIT), exitCode: 0, durationMs: Date.now() - started });
    return output;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await env.completeItem({ ...item, status: 'failed', aggregatedOutput: message, exitCode: 1, durationMs: Date.now() - started });
    throw e;
  }
}
