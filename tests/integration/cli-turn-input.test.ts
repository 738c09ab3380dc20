/**
 * Through the built CLI (`out/cli/tandem.cjs` over stdio), issue 12's turn/start parameters:
 * `outputSchema` reaches the model on both wire formats and the final message is checked;
 * `mention`, `skill`, `localImage` and `image` inputs reach the model and stay on the item as
 * sent; a turn/start on a running turn joins it; `skills/list` finds real skill folders.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import type { ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { RpcError, type StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const schema = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
};
type Completed = { turn: { id: string; status: string; error?: { message: string } | null } };

async function cli(
  script: ScriptedCall[],
  wireApi: 'responses' | 'chat' = 'responses',
): Promise<{
  client: StdioClient;
  cwd: string;
  home: string;
  threadId: string;
  fake: Awaited<ReturnType<typeof fakeModel>>;
}> {
  const fake = await fakeModel(script);
  const home = await h.tempDir('tandem-home-');
  const cwd = await h.tempDir('tandem-ws-');
  const client = h.stdio({
    TANDEM_HOME: home,
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-cli-test',
    TANDEM_WIRE_API: wireApi,
  });
  await client.initialize();
  const { thread } = await client.request('thread/start', { cwd });
  return { client, cwd, home, threadId: thread.id, fake };
}

async function turn(client: StdioClient, params: Record<string, unknown>): Promise<Completed['turn']> {
  const { turn: started } = await client.request('turn/start', params);
  const done = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === started.id);
  return (done.params as Completed).turn;
}

const message = (text: string): ScriptedCall => ({ outputs: [{ type: 'message', text }] });

describe('turn/start parameters (built CLI)', () => {
  it('sends outputSchema as Responses text.format for that turn only, and accepts a final message that follows it', async () => {
    const w = await cli([message('{"answer":"42"}'), message('free text')]);
    const first = await turn(w.client, {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'answer in JSON' }],
      outputSchema: schema,
    });
    expect(first.status).toBe('completed');
    expect((w.fake.modelCalls[0]?.body as { text: unknown }).text).toEqual({
      format: { type: 'json_schema', name: 'codex_output_schema', schema, strict: true },
    });
    // The next turn has no schema: nothing constrains it, and its free text passes.
    const second = await turn(w.client, { threadId: w.threadId, input: [{ type: 'text', text: 'now freely' }] });
    expect(second.status).toBe('completed');
    expect(w.fake.modelCalls[1]?.body).not.toHaveProperty('text');
    expect(w.client.schemaProblems).toEqual([]);
  });

  it('fails the turn, saying why, when the final message does not follow outputSchema (Chat Completions)', async () => {
    const w = await cli([message('{"answer": 42}')], 'chat');
    const done = await turn(w.client, {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'answer in JSON' }],
      outputSchema: schema,
    });
    expect((w.fake.modelCalls[0]?.body as { response_format: unknown }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'codex_output_schema', schema, strict: true },
    });
    expect(done).toMatchObject({
      status: 'failed',
      error: {
        message: expect.stringMatching(/does not follow the turn's outputSchema: answer\/answer must be string/),
      },
    });
    // The message itself is kept and shown, as the model wrote it.
    const agent = w.client
      .notifications('item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .find((i) => i.type === 'agentMessage');
    expect(agent).toMatchObject({ text: '{"answer": 42}' });
    expect(w.client.notifications('error').at(-1)?.params).toMatchObject({ willRetry: false });
  });

  it('fails the turn when the final message is not JSON at all', async () => {
    const w = await cli([message('Sure! The answer is 42.')]);
    const done = await turn(w.client, {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'q' }],
      outputSchema: schema,
    });
    expect(done).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/it is not JSON/) } });
  });

  it('refuses an outputSchema that is not a JSON Schema, starting nothing', async () => {
    const w = await cli([message('unused')]);
    const refused = await w.client
      .request('turn/start', {
        threadId: w.threadId,
        input: [{ type: 'text', text: 'q' }],
        outputSchema: { type: 'no-such-type' },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RpcError);
    expect(refused).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/outputSchema is not a usable JSON Schema/),
    });
    expect(w.fake.modelCalls).toHaveLength(0);
  });

  it('sends a mentioned file, a skill’s instructions and images to the model, and keeps the inputs as sent', async () => {
    const w = await cli([message('seen')]);
    await writeFile(join(w.cwd, 'notes.md'), 'The notes say: ship on Friday.');
    await writeFile(join(w.cwd, 'shot.png'), PNG);
    const skillPath = join(w.cwd, '.agents', 'skills', 'release', 'SKILL.md');
    await mkdir(join(w.cwd, '.agents', 'skills', 'release'), { recursive: true });
    await writeFile(skillPath, '---\nname: release\ndescription: How to release\n---\nRun the release checklist.\n');
    const input = [
      { type: 'text', text: 'look at these', text_elements: [] },
      { type: 'mention', name: 'notes.md', path: join(w.cwd, 'notes.md') },
      { type: 'skill', name: 'release', path: skillPath },
      { type: 'localImage', path: 'shot.png' },
      { type: 'image', url: 'https://example.com/diagram.png', detail: 'low' },
    ];
    const done = await turn(w.client, { threadId: w.threadId, input });
    expect(done.status).toBe('completed');
    const body = w.fake.modelCalls[0]?.body as { input: Array<{ role?: string; content?: unknown }> };
    const user = body.input.filter((i) => i.role === 'user').at(-1);
    const content = user?.content as Array<Record<string, unknown>>;
    expect(content[0]).toEqual({ type: 'input_text', text: 'look at these' });
    expect(content[1]?.text).toContain('The notes say: ship on Friday.');
    expect(content[2]?.text).toMatch(
      /^<skill>\n<name>release<\/name>[\s\S]*Run the release checklist\.[\s\S]*<\/skill>$/,
    );
    expect(content).toContainEqual({
      type: 'input_image',
      image_url: `data:image/png;base64,${PNG.toString('base64')}`,
      detail: 'auto',
    });
    expect(content.at(-1)).toEqual({
      type: 'input_image',
      image_url: 'https://example.com/diagram.png',
      detail: 'low',
    });

    // The stored userMessage keeps Codex's UserInput variants as the client sent them.
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    expect(read.thread.turns[0]?.items[0]).toMatchObject({ type: 'userMessage', content: input });
    expect(w.client.schemaProblems).toEqual([]);
  });

  it('sends a local image as a Chat Completions image_url part', async () => {
    const w = await cli([message('seen')], 'chat');
    await writeFile(join(w.cwd, 'shot.png'), PNG);
    await turn(w.client, {
      threadId: w.threadId,
      input: [
        { type: 'text', text: 'what is this' },
        { type: 'localImage', path: join(w.cwd, 'shot.png'), detail: 'high' },
      ],
    });
    const messages = (w.fake.modelCalls[0]?.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    expect(messages.at(-1)?.content).toContainEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'high' },
    });
  });

  it('shows an endpoint’s refusal of an image as the turn’s error, saying the request carried images', async () => {
    const w = await cli([
      {
        status: 400,
        body: { error: { message: 'this model does not support image input', type: 'invalid_request_error' } },
      },
    ]);
    const done = await turn(w.client, {
      threadId: w.threadId,
      input: [
        { type: 'text', text: 'what is this' },
        { type: 'image', url: `data:image/png;base64,${PNG.toString('base64')}` },
      ],
    });
    expect(done).toMatchObject({
      status: 'failed',
      error: {
        message: expect.stringMatching(/does not support image input.*request included images/),
      },
    });
  });

  it('refuses, naming the file, a mention that is missing or outside the workspace and an image too big or not an image; nothing is recorded', async () => {
    const w = await cli([message('unused')]);
    const outside = join(await h.tempDir('tandem-outside-'), 'secret.txt');
    await writeFile(outside, 'not for the model');
    await writeFile(join(w.cwd, 'big.png'), Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]));
    await writeFile(join(w.cwd, 'fake.png'), 'not an image');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'mention', name: 'gone', path: join(w.cwd, 'gone.txt') }, /gone\.txt \(mention\) does not exist/],
      [{ type: 'mention', name: 'secret', path: outside }, /outside the workspace/],
      [{ type: 'localImage', path: 'big.png' }, /big\.png is 6\.0 MiB; images of up to 5 MiB/],
      [{ type: 'localImage', path: 'fake.png' }, /fake\.png is not a PNG, JPEG, GIF or WebP image/],
      [{ type: 'skill', name: 'x', path: join(w.cwd, 'SKILL.md') }, /does not exist|not in a skills folder/],
      [{ type: 'image', url: 'file:///etc/passwd' }, /data:image\/… URL or an http\(s\) URL/],
    ];
    for (const [item, reason] of cases) {
      const refused = await w.client
        .request('turn/start', { threadId: w.threadId, input: [{ type: 'text', text: 'q' }, item] })
        .catch((e: unknown) => e);
      expect(refused, JSON.stringify(item)).toMatchObject({ code: -32602, message: expect.stringMatching(reason) });
    }
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    expect(read.thread.turns).toEqual([]);
    expect(w.fake.modelCalls).toHaveLength(0);
  });

  it('adds a turn/start on a running turn to it, as Codex 0.169.0 does', async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const w = await cli([
      { outputs: [{ type: 'message', text: 'working on the first' }], pauses: [{ afterEvents: 3, until: paused }] },
      message('and the second'),
    ]);
    const { turn: first } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'first' }],
    });
    await w.client.notification('item/started', (p) => (p.item as { type: string }).type === 'agentMessage');
    const { turn: joined } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'second' }],
      clientUserMessageId: 'c-2',
    });
    expect(joined).toMatchObject({ id: first.id, status: 'inProgress' });
    release();
    const done = await w.client.notification('turn/completed');
    expect((done.params as Completed).turn).toMatchObject({ id: first.id, status: 'completed' });
    expect(w.client.notifications('turn/started')).toHaveLength(1);
    const items = w.client.notifications('item/completed').map((m) => (m.params as { item: ThreadItem }).item);
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'userMessage', 'agentMessage']);
    expect(items[2]).toMatchObject({ clientId: 'c-2', content: [{ type: 'text', text: 'second' }] });
    expect(JSON.stringify(w.fake.modelCalls[1]?.body)).toContain('second');
    expect(w.client.schemaProblems).toEqual([]);
  });

  it('reads a mention given to turn/steer, and refuses a missing one without disturbing the turn', async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const w = await cli([
      { outputs: [{ type: 'message', text: 'working' }], pauses: [{ afterEvents: 3, until: paused }] },
      message('read it'),
    ]);
    await writeFile(join(w.cwd, 'todo.txt'), 'buy milk');
    const { turn: running } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'start' }],
    });
    await w.client.notification('item/started', (p) => (p.item as { type: string }).type === 'agentMessage');
    const refused = await w.client
      .request('turn/steer', {
        threadId: w.threadId,
        expectedTurnId: running.id,
        input: [{ type: 'mention', name: 'gone', path: 'gone.txt' }],
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/gone\.txt \(mention\) does not exist/),
    });
    await w.client.request('turn/steer', {
      threadId: w.threadId,
      expectedTurnId: running.id,
      input: [{ type: 'mention', name: 'todo', path: 'todo.txt' }],
    });
    release();
    const done = await w.client.notification('turn/completed');
    expect((done.params as Completed).turn.status).toBe('completed');
    expect(JSON.stringify(w.fake.modelCalls[1]?.body)).toContain('buy milk');
    const users = w.client
      .notifications('item/completed')
      .map((m) => (m.params as { item: ThreadItem }).item)
      .filter((i) => i.type === 'userMessage');
    expect(users).toHaveLength(2);
  });

  it('keeps input that joined a running turn when the turn is interrupted before the model took it', async () => {
    const w = await cli([
      { outputs: [{ type: 'message', text: 'never finished' }], hangAfterEvents: 3 },
      message('next turn'),
    ]);
    const { turn: first } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'first' }],
    });
    await w.client.notification('item/started', (p) => (p.item as { type: string }).type === 'agentMessage');
    await w.client.request('turn/start', { threadId: w.threadId, input: [{ type: 'text', text: 'joined late' }] });
    await w.client.request('turn/interrupt', { threadId: w.threadId, turnId: first.id });
    const done = await w.client.notification('turn/completed');
    expect((done.params as Completed).turn).toMatchObject({ id: first.id, status: 'interrupted' });
    const read = await w.client.request('thread/read', { threadId: w.threadId, includeTurns: true });
    expect(read.thread.turns[0]?.items.filter((i) => i.type === 'userMessage').map((i) => i.content)).toEqual([
      [{ type: 'text', text: 'first' }],
      [{ type: 'text', text: 'joined late' }],
    ]);
    await turn(w.client, { threadId: w.threadId, input: [{ type: 'text', text: 'go on' }] });
    expect(JSON.stringify(w.fake.modelCalls.at(-1)?.body)).toContain('joined late');
  });

  it('lists real skills with skills/list: the project’s and the user’s, with scope, path and errors', async () => {
    const w = await cli([]);
    const repoSkill = join(w.cwd, '.codex', 'skills', 'lint', 'SKILL.md');
    await mkdir(join(w.cwd, '.codex', 'skills', 'lint'), { recursive: true });
    await writeFile(repoSkill, '---\nname: lint\ndescription: "Lint the project"\n---\nRun npm run lint.\n');
    const userSkill = join(w.home, 'skills', 'notes', 'SKILL.md');
    await mkdir(join(w.home, 'skills', 'notes'), { recursive: true });
    await writeFile(userSkill, '---\nname: notes\ndescription: Keep notes\n---\n');
    const broken = join(w.cwd, '.agents', 'skills', 'broken', 'SKILL.md');
    await mkdir(join(w.cwd, '.agents', 'skills', 'broken'), { recursive: true });
    await writeFile(broken, '---\nname: broken\n---\n');
    const listed = await w.client.request('skills/list', { cwds: [w.cwd] });
    expect(listed.data).toEqual([
      {
        cwd: w.cwd,
        skills: [
          {
            name: 'lint',
            description: 'Lint the project',
            shortDescription: null,
            path: repoSkill,
            scope: 'repo',
            enabled: true,
            pluginId: null,
          },
          {
            name: 'notes',
            description: 'Keep notes',
            shortDescription: null,
            path: userSkill,
            scope: 'user',
            enabled: true,
            pluginId: null,
          },
        ],
        errors: [{ path: broken, message: 'the front matter has no `description`' }],
      },
    ]);
    expect(w.client.schemaProblems).toEqual([]);
  });
});
