/**
 * The review's fine hunks and edited proposals through the built CLI over stdio: the client
 * answers `item/fileChange/requestApproval` with Tandem's `hunks` and `edits` extensions; the file
 * on disk is the user's, and the model's next request says what the user changed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { FileChangeContentsResponse } from '../../protocol/schema/tandem';
import { done, patchCall } from '../helpers/cli-turns';
import { FakeOpenAI, type RecordedRequest, type ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { NEAR_HUNKS_PATCH } from '../helpers/review-scenario';
import { numberedLines } from '../helpers/scenario';

const h = useHarness();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** The output a model call sent back for `callId` (Responses). */
function outputOf(request: RecordedRequest | undefined, callId: string): string | undefined {
  const input = (request?.body as { input: Array<{ type: string; call_id?: string; output?: string }> }).input;
  return input.find((i) => i.type.endsWith('call_output') && i.call_id === callId)?.output;
}

/** A turn whose patch the client answers with `answer(contents)`. */
async function reviewedTurn(
  script: ScriptedCall[],
  cwd: string,
  answer: (contents: FileChangeContentsResponse) => Record<string, unknown>,
) {
  const f = await FakeOpenAI.start(script);
  fakes.push(f);
  const client = h.stdio({
    TANDEM_HOME: await h.tempDir('tandem-home-'),
    OPENAI_BASE_URL: f.baseURL,
    OPENAI_API_KEY: 'sk-review-edits',
  });
  let contents: FileChangeContentsResponse | undefined;
  client.onServerRequest = async (_method, params) => {
    const p = params as { threadId: string; itemId: string };
    contents = await client.request('tandem/fileChange/contents', { threadId: p.threadId, itemId: p.itemId });
    return answer(contents);
  };
  await client.initialize();
  const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'untrusted' });
  await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
  await client.notification('turn/completed');
  return { f, contents: () => contents };
}

it('two changes three lines apart are two hunks: accepting one writes exactly that one', async () => {
  const cwd = await h.tempDir();
  await writeFile(join(cwd, 'code.txt'), numberedLines(30));
  const t = await reviewedTurn([patchCall('call_p', NEAR_HUNKS_PATCH), done], cwd, (c) => ({
    decision: 'accept',
    hunks: [{ path: c.files[0]?.path, accepted: [true, false, true] }],
  }));
  expect(t.contents()?.files[0]?.hunks).toHaveLength(3);
  expect(await readFile(join(cwd, 'code.txt'), 'utf8')).toBe(
    numberedLines(30, (i) => (i === 5 ? 'line five' : i === 20 ? 'line twenty' : null)),
  );
  expect(outputOf(t.f.modelCalls[1], 'call_p')).toContain('applied hunks 1, 3 of 3; rejected hunks 2');
});

it('an edited proposal is written as the user left it, and the model is told the user’s changes as a diff', async () => {
  const cwd = await h.tempDir();
  await writeFile(join(cwd, 'code.txt'), numberedLines(30));
  const mine = numberedLines(30, (i) =>
    i === 5 ? 'line five' : i === 9 ? 'line 9, kept by the user' : i === 20 ? 'line twenty' : null,
  );
  const t = await reviewedTurn([patchCall('call_p', NEAR_HUNKS_PATCH), done], cwd, (c) => ({
    decision: 'accept',
    hunks: [{ path: c.files[0]?.path, accepted: [true, true, true] }],
    edits: [{ path: c.files[0]?.path, content: mine }],
  }));
  expect(await readFile(join(cwd, 'code.txt'), 'utf8')).toBe(mine);
  const told = outputOf(t.f.modelCalls[1], 'call_p') ?? '';
  expect(told).toContain('The user reviewed the patch and changed it before it was written');
  expect(told).toContain('M code.txt (edited by the user before applying');
  expect(told).toContain('--- code.txt\tproposed\n+++ code.txt\tedited by the user\n');
  expect(told).toContain('-line nine\n+line 9, kept by the user\n');
});
