/** Dispatch of the model's tool calls; every failure becomes text the model can act on. */
import type { PlanItem } from '../../protocol/schema/item';
import type { TurnPlanStep } from '../../protocol/schema/turn-events';
import type { ConversationItem, ToolCall } from '../model/types';
import { parseArgs, UpdatePlanArgs } from '../tools/tool-args';
import { execCommandTool } from './command-tool';
import { applyPatchTool } from './patch-tool';
import { readToolCall } from './read-tool-items';
import type { ToolEnv } from './tool-env';
import type { z } from 'zod';

type PlanArgs = z.infer<typeof UpdatePlanArgs>;
const STEP_STATUS = { pending: 'pending', in_progress: 'inProgress', completed: 'completed' } as const;
const MARK = { pending: '[ ]', in_progress: '[~]', completed: '[x]' } as const;

async function updatePlanTool(env: ToolEnv, callId: string, json: string): Promise<string> {
  const args: PlanArgs = parseArgs(UpdatePlanArgs, json, 'update_plan');
  const plan: TurnPlanStep[] = args.plan.map((p) => ({ step: p.step, status: STEP_STATUS[p.status] }));
  env.publishDelta({ method: 'turn/plan/updated', params: { threadId: env.threadId, turnId: env.turnId, explanation: args.explanation ?? null, plan } });
  const text = [args.explanation, ...args.plan.map((p) => `- ${MARK[p.status]} ${p.step}`)].filter(Boolean).join('\n');
  const item: PlanItem = { type: 'plan', id: callId, text };
  await env.completeItem(item);
  return 'Plan updated';
}

/** The patch text of an apply_patch call made as a function (`{ "input": … }`), or the raw text. */
function patchInput(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && typeof (value as { input?: unknown }).input === 'string') return (value as { input: string }).input;
  } catch {
    // not JSON: the text itself
  }
  return json;
}

async function dispatch(env: ToolEnv, call: ToolCall): Promise<string> {
  if (call.type === 'customToolCall') {
    if (call.name === 'apply_patch') return applyPatchTool(env, call.callId, call.input);
    return `Unknown tool: ${call.name}`;
  }
  switch (call.name) {
    case 'exec_command':
      return execCommandTool(env, call.callId, call.arguments);
    case 'apply_patch':
      return applyPatchTool(env, call.callId, patchInput(call.arguments));
    case 'update_plan':
      return updatePlanTool(env, call.callId, call.arguments);
    case 'read_file':
    case 'list_dir':
    case 'grep_files':
      return readToolCall(env, call.callId, call.name, call.arguments);
    default:
      return `Unknown tool: ${call.name}. Available tools: exec_command, apply_patch, update_plan, read_file, list_dir, grep_files.`;
  }
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
