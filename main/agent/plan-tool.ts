/** update_plan: the model's task plan, shown to clients (`turn/plan/updated`) and kept as a plan item. */
import type { PlanItem } from '../../protocol/schema/item';
import type { TurnPlanStep } from '../../protocol/schema/turn-events';
import { UpdatePlanArgs } from '../tools/tool-args';
import { defineTool, type Tool } from './define-tool';

const STEP_STATUS = { pending: 'pending', in_progress: 'inProgress', completed: 'completed' } as const;
const MARK = { pending: '[ ]', in_progress: '[~]', completed: '[x]' } as const;

export const updatePlanTool: Tool = defineTool({
  name: 'update_plan',
  description:
    'Updates the task plan. Provide an optional explanation and a list of plan items, each with a step and status. At most one step can be in_progress at a time.',
  args: () => UpdatePlanArgs,
  run: async (env, call) => {
    const args = call.args();
    const plan: TurnPlanStep[] = args.plan.map((p) => ({ step: p.step, status: STEP_STATUS[p.status] }));
    env.publishDelta({
      method: 'turn/plan/updated',
      params: { threadId: env.threadId, turnId: env.turnId, explanation: args.explanation ?? null, plan },
    });
    const text = [args.explanation, ...args.plan.map((p) => `- ${MARK[p.status]} ${p.step}`)]
      .filter(Boolean)
      .join('\n');
    const item: PlanItem = { type: 'plan', id: call.callId, text };
    await env.completeItem(item);
    return 'Plan updated';
  },
});
