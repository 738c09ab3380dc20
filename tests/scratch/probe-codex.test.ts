import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'vitest';
import { codexBinary, spawnCodex } from '../helpers/codex-peer';
import { FakeOpenAI } from '../helpers/fake-openai';

it('probe', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const fake = await FakeOpenAI.start([
    { outputs: [{ type: 'message', text: 'first answer is long enough here' }], pauses: [{ afterEvents: 3, until: gate }] },
    { outputs: [{ type: 'message', text: 'second answer' }] },
    { outputs: [{ type: 'message', text: 'not json' }] },
    { outputs: [{ type: 'message', text: 'third' }] },
    { outputs: [{ type: 'message', text: 'fourth' }] },
  ]);
  const peer = await spawnCodex(codexBinary()!, fake.baseURL);
  const cwd = join(peer.home, 'ws');
  await mkdir(join(cwd, '.agents/skills/demo'), { recursive: true });
  await writeFile(join(cwd, '.agents/skills/demo/SKILL.md'), '---\nname: demo\ndescription: A demo skill\n---\nDo the demo thing.\n');
  await writeFile(join(cwd, 'a.txt'), 'AAA content');
  // 1x1 png
  await writeFile(join(cwd, 'p.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  await peer.initialize('probe');
  const { thread } = await peer.request('thread/start', { cwd });
  try {
  const t1 = await peer.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'one' }] });
  console.log('T1', JSON.stringify(t1));
  await peer.notification('turn/started'); await new Promise((r) => setTimeout(r, 2500)); console.log('CALLS so far', fake.modelCalls.length);
  const t2 = await peer.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'two' }] }).catch((e) => ({ err: String(e), code: (e as {code:number}).code }));
  console.log('T2', JSON.stringify(t2));
  release();
  await new Promise((r) => setTimeout(r, 3000));
  const t3 = await peer.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'three' }], outputSchema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } });
  console.log('T3', JSON.stringify(t3));
  await new Promise((r) => setTimeout(r, 3000));
  const t4 = await peer.request('turn/start', { threadId: thread.id, input: [
    { type: 'text', text: 'four' },
    { type: 'mention', name: 'a.txt', path: join(cwd, 'a.txt') },
    { type: 'skill', name: 'demo', path: join(cwd, '.agents/skills/demo/SKILL.md') },
    { type: 'localImage', path: join(cwd, 'p.png') },
    { type: 'image', url: 'data:image/png;base64,AAAA' },
  ] }).catch((e) => ({ err: String(e) }));
  console.log('T4', JSON.stringify(t4));
  await new Promise((r) => setTimeout(r, 3000));
  const sk = await peer.request('skills/list', { cwds: [cwd] }).catch((e) => ({ err: String(e) }));
  console.log('SK', JSON.stringify(sk, null, 1));
  const bad = await peer.request('turn/start', { threadId: thread.id, input: [{ type: 'localImage', path: join(cwd, 'nope.png') }, { type: 'mention', name: 'x', path: join(cwd, 'nope.txt') }] }).catch((e) => ({ err: String(e) }));
  console.log('BAD', JSON.stringify(bad));
  await new Promise((r) => setTimeout(r, 3000));
  } finally {
  for (const m of peer.received) if (m.method && !m.method.includes('delta') && !m.method.includes('tokenUsage')) console.log('MSG', JSON.stringify(m).slice(0, 1500));
  fake.modelCalls.forEach((c, i) => console.log('CALL', i, JSON.stringify(c.body).slice(0, 200000)));
  console.log('PROBLEMS', peer.schemaProblems.join('\n'));
  }
  await peer.close();
  await fake.close();
}, 60000);
