/**
 * read_file, list_dir and grep_files as the user sees them: each call is a commandExecution item
 * whose commandActions say what it looked at (read / listFiles / search), as Codex reports the
 * reads it parses out of shell commands. So every file the agent looked at is in the thread.
 */
import { isAbsolute, basename, resolve } from 'node:path';
import type { CommandExecutionItem } from '../../protocol/schema/item';
import { grepFilesTool, listDirTool, readFileTool } from '../tools/read-tools';
import { GrepFilesArgs, ListDirArgs, ReadFileArgs } from '../tools/tool-args';
import { MODEL_OUTPUT_LIMIT, truncateMiddle } from '../tools/truncate';
import { defineTool, type FunctionCall, type Tool } from './define-tool';
import type { ToolEnv } from './tool-env';

type ReadToolName = 'read_file' | 'list_dir' | 'grep_files';
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
const flag = (name: string, v: unknown): string[] =>
  typeof v === 'number' || typeof v === 'string' ? [`--${name}`, quote(String(v))] : [];

/**
 * The command line and action of a call, from its arguments as the model sent them (even
 * malformed ones: the item then shows what was asked, and fails with the tool's error).
 */
function describeReadCall(name: ReadToolName, json: string, cwd: string): { command: string; action: CommandAction } {
  const a = objectArgs(json);
  if (name === 'read_file') {
    const path = str(a.file_path) ?? '';
    const command = [name, quote(path), ...flag('offset', a.offset), ...flag('limit', a.limit)].join(' ');
    // Codex's read action: the file's name, and its path resolved against the working folder.
    return {
      command,
      action: { type: 'read', command, name: basename(path), path: isAbsolute(path) ? path : resolve(cwd, path) },
    };
  }
  if (name === 'list_dir') {
    const path = str(a.dir_path) ?? null;
    const command = [
      name,
      ...(path ? [quote(path)] : []),
      ...flag('depth', a.depth),
      ...flag('offset', a.offset),
      ...flag('limit', a.limit),
    ].join(' ');
    return { command, action: { type: 'listFiles', command, path } };
  }
  const query = str(a.pattern) ?? null;
  const path = str(a.path) ?? null;
  const command = [
    name,
    quote(query ?? ''),
    ...(path ? [quote(path)] : []),
    ...flag('include', a.include),
    ...flag('limit', a.limit),
  ].join(' ');
  return { command, action: { type: 'search', command, query, path } };
}

/**
 * Run a read tool inside its item: item/started (from the arguments as sent, so a malformed call
 * shows too), the arguments validated and the read done, then the item completed and persisted.
 */
async function inItem<A>(
  env: ToolEnv,
  name: ReadToolName,
  call: FunctionCall<A>,
  read: (args: A) => Promise<string>,
): Promise<string> {
  const cwd = env.confinement.roots[0] ?? env.settings.cwd;
  const { command, action } = describeReadCall(name, call.json, cwd);
  const item: CommandExecutionItem = {
    type: 'commandExecution',
    id: call.callId,
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
    const output = env.redact(await read(call.args()));
    // What the model read can be a megabyte; the thread keeps a readable head and tail of it.
    await env.completeItem({
      ...item,
      status: 'completed',
      aggregatedOutput: truncateMiddle(output, MODEL_OUTPUT_LIMIT),
      exitCode: 0,
      durationMs: Date.now() - started,
    });
    return output;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await env.completeItem({
      ...item,
      status: 'failed',
      aggregatedOutput: message,
      exitCode: 1,
      durationMs: Date.now() - started,
    });
    throw e;
  }
}

export const readFileToolDef: Tool = defineTool({
  name: 'read_file',
  description: 'Reads a file in the workspace and returns its lines, numbered from 1 (L1:, L2:, …).',
  args: () => ReadFileArgs,
  run: (env, call) => inItem(env, 'read_file', call, (args) => readFileTool(env.confinement, args)),
});

export const listDirToolDef: Tool = defineTool({
  name: 'list_dir',
  description:
    'Lists the entries of a folder in the workspace, with a type marker (/ for folders, @ for links), up to a depth.',
  args: () => ListDirArgs,
  run: (env, call) => inItem(env, 'list_dir', call, (args) => listDirTool(env.confinement, args)),
});

export const grepFilesToolDef: Tool = defineTool({
  name: 'grep_files',
  description:
    'Finds files in the workspace whose contents match a regular expression; returns their paths, most recently modified first.',
  args: () => GrepFilesArgs,
  run: (env, call) => inItem(env, 'grep_files', call, (args) => grepFilesTool(env.confinement, args)),
});
