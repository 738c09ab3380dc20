/** The worker side of fake-model.ts: a FakeOpenAI answering from a queue the bench fills. */
import { parentPort } from 'node:worker_threads';
import { FakeOpenAI, type ScriptedCall } from '../tests/helpers/fake-openai';
import type { FromWorker, ToWorker } from './fake-model';

const port = parentPort;
if (!port) throw new Error('fake-worker runs as a worker thread');
let pending: ScriptedCall[] = [];
const exhausted: ScriptedCall = {
  status: 500,
  body: { error: { message: 'bench: no model call queued', type: 'server_error', param: null, code: null } },
};
const fake = await FakeOpenAI.start(() => pending.shift() ?? exhausted);
const send = (m: FromWorker): void => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (m.type === 'queue') {
    pending = [...m.calls];
    send({ type: 'queued' });
  } else {
    void fake.close().then(() => send({ type: 'closed' }));
  }
});
send({ type: 'ready', baseURL: fake.baseURL });
