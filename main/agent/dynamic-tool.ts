/**
 * Tools the client provides (`thread/start` dynamicTools): offered to the model beside Tandem's
 * own, and run by the client. A call becomes a `dynamicToolCall` item and an `item/tool/call`
 * request; the client's answer is the model's tool output. A refusal (an error answer, no client
 * left) fails the call and the turn goes on, as in Codex.
 */
import type {
  DynamicToolCallItem,
  DynamicToolCallOutputContentItem,
  DynamicToolSpec,
} from '../../protocol/schema/dynamic-tools';
import type { ToolSpec } from '../model/types';
import type { ToolEnv } from './tool-env';

/** What the model is offered for the client's tools: function tools with the client's JSON Schema. */
export const dynamicToolSpecs = (tools: readonly DynamicToolSpec[]): ToolSpec[] =>
  tools.map((t) => ({ kind: 'function', name: t.name, description: t.description, parameters: t.inputSchema }));

/** The arguments as the client gets them: parsed JSON, or the text itself when it is not JSON. */
function parsedArguments(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

/** The model's output: the client's text; images and audio are named (Tandem's tool outputs are text). */
function outputText(items: readonly DynamicToolCallOutputContentItem[], success: boolean): string {
  const parts = items.map((c) =>
    c.type === 'inputText'
      ? c.text
      : `[${c.type === 'inputImage' ? 'image' : 'audio'} omitted: only text is passed on]`,
  );
  const text = parts.join('\n');
  if (text !== '') return text;
  return success ? '(the tool returned no output)' : 'the tool failed without saying why';
}

/** Run one call of a client tool; returns the model's output. */
export async function runDynamicTool(
  env: ToolEnv,
  tool: DynamicToolSpec,
  callId: string,
  json: string,
): Promise<string> {
  const args = parsedArguments(json);
  const started = Date.now();
  const item: DynamicToolCallItem = {
    type: 'dynamicToolCall',
    id: callId,
    namespace: null,
    tool: tool.name,
    arguments: args,
    status: 'inProgress',
    contentItems: null,
    success: null,
    durationMs: null,
  };
  env.startItem(item);
  const answer = await env.callClientTool({
    threadId: env.threadId,
    turnId: env.turnId,
    callId,
    namespace: null,
    tool: tool.name,
    arguments: args,
  });
  const durationMs = Date.now() - started;
  if (answer === null) {
    await env.completeItem({ ...item, status: 'failed', success: false, durationMs });
    return 'aborted';
  }
  if ('refused' in answer) {
    const text = `dynamic tool request failed: ${answer.refused}`;
    await env.completeItem({
      ...item,
      status: 'failed',
      contentItems: [{ type: 'inputText', text }],
      success: false,
      durationMs,
    });
    return text;
  }
  await env.completeItem({
    ...item,
    status: answer.success ? 'completed' : 'failed',
    contentItems: answer.contentItems,
    success: answer.success,
    durationMs,
  });
  return outputText(answer.contentItems, answer.success);
}
