/**
 * The tools offered to the model, named and shaped as Codex's so models trained on Codex use
 * them well, and the dispatch of its calls: every failure becomes text the model can act on.
 */
import type { ConversationItem, ToolCall, ToolSpec } from '../model/types';
import { execCommandTool } from './command-tool';
import type { Tool } from './define-tool';
import { runDynamicTool } from './dynamic-tool';
import { applyPatchTool } from './patch-tool';
import { updatePlanTool } from './plan-tool';
import { requestUserInputTool, USER_INPUT_TOOL } from './user-input-tool';
import { grepFilesToolDef, listDirToolDef, readFileToolDef } from './read-tool-items';
import { TOOL_PARAMETERS } from './tool-parameters.generated';
import type { ToolEnv } from './tool-env';

/** In the order the model is offered them. */
const TOOLS: readonly Tool[] = [
  execCommandTool,
  applyPatchTool,
  updatePlanTool,
  readFileToolDef,
  listDirToolDef,
  grepFilesToolDef,
  requestUserInputTool,
];
const BY_NAME = new Map(TOOLS.map((t) => [t.name, t]));

let specs: ToolSpec[] | undefined;
/**
 * What the model is offered (made on the first turn, then kept). The function tools' JSON
 * Schemas come derived ahead of time from their zod schemas (`npm run gen:tool-parameters`; a unit
 * test fails when the file is out of date): zod's conversion cost a fresh server's first turn
 * about 60 ms.
 */
let withoutUserInput: ToolSpec[] | undefined;

/** What the model is offered on a turn: request_user_input only where the client can show it. */
export function toolSpecs(opts: { userInput?: boolean } = {}): ToolSpec[] {
  specs ??= TOOLS.map((t) => t.spec(TOOL_PARAMETERS[t.name]));
  return opts.userInput ? specs : (withoutUserInput ??= specs.filter((t) => t.name !== USER_INPUT_TOOL));
}

/** Each function tool's JSON Schema, derived now from its zod schema: what TOOL_PARAMETERS must hold. */
export function derivedToolParameters(): Record<string, Record<string, unknown>> {
  const derived: Record<string, Record<string, unknown>> = {};
  for (const t of TOOLS) {
    const spec = t.spec();
    if (spec.kind === 'function') derived[t.name] = spec.parameters;
  }
  return derived;
}

/** A freeform tool called as a function (`{ "input": … }`) gets that text; otherwise the text itself. */
function freeformInput(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && typeof (value as { input?: unknown }).input === 'string')
      return (value as { input: string }).input;
  } catch {
    // not JSON: the text itself
  }
  return json;
}

/** Whether a name is one of Tandem's own tools (a client's tool may not take it). */
export const isBuiltinTool = (name: string): boolean => BY_NAME.has(name);

function dispatch(env: ToolEnv, call: ToolCall): Promise<string> | string {
  const tool = BY_NAME.get(call.name);
  if (call.type === 'customToolCall') {
    if (tool?.kind === 'custom') return tool.run(env, call.callId, call.input);
    return `Unknown tool: ${call.name}`;
  }
  const clientTool = tool ? undefined : env.settings.dynamicTools?.find((t) => t.name === call.name);
  if (clientTool) return runDynamicTool(env, clientTool, call.callId, call.arguments);
  if (!tool) {
    const names = [...TOOLS.map((t) => t.name), ...(env.settings.dynamicTools ?? []).map((t) => t.name)];
    return `Unknown tool: ${call.name}. Available tools: ${names.join(', ')}.`;
  }
  return tool.run(env, call.callId, tool.kind === 'custom' ? freeformInput(call.arguments) : call.arguments);
}

export async function runToolCall(env: ToolEnv, call: ToolCall): Promise<ConversationItem> {
  let output: string;
  try {
    output = await dispatch(env, call);
  } catch (e) {
    output = e instanceof Error ? e.message : String(e);
  }
  return { type: 'toolOutput', callId: call.callId, output, custom: call.type === 'customToolCall' };
}
