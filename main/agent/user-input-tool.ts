/**
 * request_user_input (Codex's tool, same name and arguments): the model asks the user one to
 * three multiple-choice questions and waits; the client shows them (`item/tool/requestUserInput`)
 * and the answers go back to the model as Codex returns them, `{"answers":{id:{"answers":[…]}}}`.
 * Codex marks the request experimental, so the tool is offered only on turns started by a client
 * that opted into the experimental API (Tandem's own UI does).
 */
import { z } from 'zod';
import { defineTool, type Tool } from './define-tool';

const UserInputArgs = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        id: z.string().min(1).describe('Stable identifier for mapping answers (snake_case).'),
        header: z.string().describe('Short header label shown in the UI (12 or fewer chars).'),
        question: z.string().min(1).describe('Single-sentence prompt shown to the user.'),
        options: z
          .array(
            z.strictObject({
              label: z.string().min(1).describe('User-facing label (1-5 words).'),
              description: z.string().describe('One short sentence explaining impact/tradeoff if selected.'),
            }),
          )
          .min(1)
          .describe(
            'Provide 2-3 mutually exclusive choices. Put the recommended option first and suffix its label with "(Recommended)". Do not include an "Other" option in this list; the client will add a free-form "Other" option automatically.',
          ),
      }),
    )
    .min(1)
    .max(3)
    .describe('Questions to show the user. Prefer 1 and do not exceed 3'),
});

export const USER_INPUT_TOOL = 'request_user_input';

export const requestUserInputTool: Tool = defineTool({
  name: USER_INPUT_TOOL,
  description:
    'Request user input for one to three short questions and wait for the response. Use it only when a decision is the user’s to make and you cannot go on without it; otherwise make a reasonable choice and say so.',
  args: () => UserInputArgs,
  run: async (env, call) => {
    if (!env.settings.offerUserInput)
      return `${USER_INPUT_TOOL} is unavailable: this client cannot show questions. Ask in your reply instead.`;
    const { questions } = call.args();
    const answer = await env.askUser({
      threadId: env.threadId,
      turnId: env.turnId,
      itemId: call.callId,
      // As in Codex, every question also takes the user's own words.
      questions: questions.map((q) => ({ ...q, isOther: true, isSecret: false })),
      isBlocking: true,
      autoResolutionMs: null,
    });
    if (!answer) return `${USER_INPUT_TOOL} was cancelled before receiving a response`;
    // A client that answered with an error (it cannot show questions): the call fails, the turn goes on.
    if ('refused' in answer) return `${USER_INPUT_TOOL} failed: the client refused the request (${answer.refused})`;
    return JSON.stringify(answer);
  },
});
