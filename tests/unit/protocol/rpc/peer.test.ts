/**
 * The JSON-RPC peer both ends use (protocol/rpc/peer.ts), over an in-memory channel pair with the
 * other side played by hand: raw frames in, raw frames out.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../../../../protocol/rpc/errors';
import { frameTransport, type FrameChannel } from '../../../../protocol/rpc/frames';
import { createLinkedChannels } from '../../../../protocol/rpc/memory';
import { RequestFailed, RpcPeer } from '../../../../protocol/rpc/peer';

const incoming = {
  requests: { echo: { params: z.object({ text: z.string() }), result: z.object({ text: z.string() }) } },
  notifications: { tick: z.object({ n: z.number() }) },
};
const outgoing = {
  requests: { ask: { params: z.object({ q: z.string() }), result: z.object({ answer: z.enum(['yes', 'no']) }) } },
  notifications: { said: z.object({ text: z.string() }) },
};

type Frame = {
  id?: unknown;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: { reason?: string } };
};

function setup(): {
  peer: RpcPeer<typeof incoming, typeof outgoing>;
  other: FrameChannel;
  frames: Frame[];
  send: (m: object) => void;
  next: (pred: (f: Frame) => boolean) => Promise<Frame>;
} {
  const [mine, other] = createLinkedChannels();
  const peer = new RpcPeer(frameTransport(mine), { incoming, outgoing });
  const frames: Frame[] = [];
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  other.onFrame((text) => {
    const f = JSON.parse(String(text)) as Frame;
    frames.push(f);
    for (const w of [...waiters])
      if (w.pred(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
  });
  return {
    peer,
    other,
    frames,
    send: (m) => void other.send(JSON.stringify({ jsonrpc: '2.0', ...m })),
    next: (pred) => {
      const seen = frames.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('RpcPeer', () => {
  it('chooses the ids of its requests, matches the answers to them and validates them', async () => {
    const { peer, send, next } = setup();
    const a = peer.request('ask', { q: 'a' });
    const b = peer.request('ask', { q: 'b' });
    expect([a.id, b.id]).toEqual([0, 1]);
    const asked = await next((f) => f.id === 1);
    expect(asked).toMatchObject({ method: 'ask', params: { q: 'b' } });
    send({ id: '1', result: { answer: 'yes' } }); // "1" is not an answer to 1
    send({ id: 1, result: { answer: 'no' } });
    send({ id: 0, result: { answer: 'maybe' } });
    await expect(b.result).resolves.toEqual({ answer: 'no' });
    const invalid = await a.result.catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(RequestFailed);
    expect(invalid).toMatchObject({ reason: 'invalidAnswer' });
    const c = peer.request('ask', { q: 'c' });
    send({ id: c.id, error: { code: -32000, message: 'nope', data: { why: 1 } } });
    await expect(c.result).rejects.toMatchObject({ code: -32000, message: 'nope', data: { why: 1 } });
  });

  it('rejects pending requests when the connection closes, and withdrawn ones at once', async () => {
    const { peer, other } = setup();
    const withdrawn = peer.request('ask', { q: 'w' });
    peer.withdraw(withdrawn.id);
    await expect(withdrawn.result).rejects.toMatchObject({ reason: 'withdrawn' });
    const pending = peer.request('ask', { q: 'p' });
    other.close();
    await expect(pending.result).rejects.toMatchObject({ reason: 'closed' });
    await expect(peer.request('ask', { q: 'late' }).result).rejects.toMatchObject({ reason: 'closed' });
  });

  it('answers with the handler, refuses unknown methods and invalid params, and a duplicate id in flight', async () => {
    const { peer, send, next } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    peer.onRequest(async (request) => {
      await gate;
      return { text: request.params.text.toUpperCase() };
    });
    send({ id: 7, method: 'echo', params: { text: 'hi' } });
    send({ id: '7', method: 'echo', params: { text: 'again' } });
    send({ id: 8, method: 'nope', params: {} });
    send({ id: 9, method: 'echo', params: { text: 3 } });
    const dup = await next((f) => f.id === '7');
    expect(dup.error).toMatchObject({ code: ErrorCode.DuplicateRequestId, data: { reason: 'duplicateRequestId' } });
    expect((await next((f) => f.id === 8)).error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: 'Unknown method: nope',
    });
    expect((await next((f) => f.id === 9)).error).toMatchObject({
      code: ErrorCode.InvalidParams,
      data: { reason: 'invalidParams' },
    });
    release();
    expect(await next((f) => f.id === 7)).toMatchObject({ result: { text: 'HI' } });
    // Answered (once the answer is written): the id may be used again.
    await tick();
    send({ id: '7', method: 'echo', params: { text: 'ok' } });
    expect(await next((f) => f.id === '7' && f.result !== undefined)).toMatchObject({ result: { text: 'OK' } });
  });

  it('leaves a request open until respond names its id', async () => {
    const { peer, send, next } = setup();
    const seen: Array<{ id: unknown; text: string }> = [];
    peer.onRequest((request, ctx) => void seen.push({ id: ctx.id, text: request.params.text }));
    send({ id: 'r1', method: 'echo', params: { text: 'later' } });
    await expect.poll(() => seen).toEqual([{ id: 'r1', text: 'later' }]);
    expect(peer.respond('r1', { text: 'done' })).toBe(true);
    expect(peer.respond('r1', { text: 'twice' })).toBe(false);
    expect(await next((f) => f.id === 'r1')).toMatchObject({ result: { text: 'done' } });
  });

  it('drains once every request is answered and its announcements made', async () => {
    const { peer, send, next } = setup();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    peer.onRequest(async (request, ctx) => {
      await gate;
      ctx.afterResponse(() => log.push(`announced ${request.params.text}`));
      return { text: request.params.text };
    });
    await peer.drained();
    send({ id: 1, method: 'echo', params: { text: 'x' } });
    await tick();
    let drained = false;
    void peer.drained().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    release();
    await next((f) => f.id === 1);
    await expect.poll(() => drained).toBe(true);
    expect(log).toEqual(['announced x']);
  });

  it('delivers notifications synchronously, validated, and writes its own without waiting', async () => {
    const { peer, other, next } = setup();
    const got: number[] = [];
    peer.onNotification((n) => got.push(n.params.n));
    // Frames fired straight at the channel's listeners: delivered within the same call.
    const fire = (other as unknown as { peer: { frames: { fire(t: string): void } } }).peer.frames;
    fire.fire(JSON.stringify({ jsonrpc: '2.0', method: 'tick', params: { n: 1 } }));
    fire.fire(JSON.stringify({ jsonrpc: '2.0', method: 'tick', params: { n: 'bad' } }));
    fire.fire(JSON.stringify({ jsonrpc: '2.0', method: 'unknown', params: {} }));
    fire.fire(JSON.stringify({ jsonrpc: '2.0', method: 'tick', params: { n: 2 } }));
    expect(got).toEqual([1, 2]);
    expect(peer.notify('said', { text: 'hello' })).toBeUndefined();
    expect(await next((f) => f.method === 'said')).toMatchObject({ params: { text: 'hello' } });
  });

  it("aborts a handler's signal on $/cancelRequest and on dispose", async () => {
    const { peer, send } = setup();
    const signals = new Map<unknown, AbortSignal>();
    peer.onRequest((_request, ctx) => void signals.set(ctx.id, ctx.signal));
    send({ id: 1, method: 'echo', params: { text: 'a' } });
    send({ id: 2, method: 'echo', params: { text: 'b' } });
    await expect.poll(() => signals.size).toBe(2);
    send({ method: '$/cancelRequest', params: { id: 1 } });
    await expect.poll(() => signals.get(1)?.aborted).toBe(true);
    expect(signals.get(2)?.aborted).toBe(false);
    peer.dispose();
    expect(signals.get(2)?.aborted).toBe(true);
  });
});
