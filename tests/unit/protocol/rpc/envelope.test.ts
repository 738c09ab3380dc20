import { describe, expect, it } from 'vitest';
import { parseFrame, stampedJson } from '../../../../protocol/rpc/envelope';

const rejectOf = (text: string) => {
  const e = parseFrame(text);
  if (e.kind !== 'reject') throw new Error(`expected a rejection for ${text}`);
  return e.response;
};

describe('parseFrame', () => {
  it('accepts requests with or without "jsonrpc" and normalises them', () => {
    for (const text of [
      '{"id":1,"method":"thread/list"}',
      '{"jsonrpc":"2.0","id":"a","method":"thread/list","params":{}}',
    ]) {
      const e = parseFrame(text);
      expect(e.kind).toBe('message');
      if (e.kind === 'message') expect(e.message.jsonrpc).toBe('2.0');
    }
  });

  it('accepts notifications and responses', () => {
    expect(parseFrame('{"method":"initialized"}').kind).toBe('message');
    expect(parseFrame('{"id":3,"result":{"decision":"accept"}}').kind).toBe('message');
    expect(parseFrame('{"id":3,"error":{"code":1,"message":"no"}}').kind).toBe('message');
  });

  it('answers unparseable JSON with -32700 and id null', () => {
    expect(rejectOf('{"id":1,')).toMatchObject({ id: null, error: { code: -32700 } });
    expect(rejectOf('nonsense')).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it('answers what is not a request with -32600, keeping the id when it is readable', () => {
    expect(rejectOf('[{"id":1,"method":"x"}]')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rejectOf('42')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rejectOf('"text"')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rejectOf('{"id":7}')).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(rejectOf('{"id":7,"method":42}')).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(rejectOf('{"id":7,"method":""}')).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(rejectOf('{"id":{"x":1},"method":"thread/list"}')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rejectOf('{"id":1.5,"method":"thread/list"}')).toMatchObject({ id: null, error: { code: -32600 } });
    expect(rejectOf('{"id":8,"method":"thread/list","params":"x"}')).toMatchObject({ id: 8, error: { code: -32600 } });
    expect(rejectOf('{"jsonrpc":"1.0","id":9,"method":"thread/list"}')).toMatchObject({
      id: 9,
      error: { code: -32600 },
    });
  });
});

describe('stampedJson', () => {
  it('stamps notifications with emittedAtMs and leaves responses and requests alone', () => {
    const before = Date.now();
    const stamped = (m: unknown): Record<string, unknown> =>
      JSON.parse(stampedJson(m as never)) as Record<string, unknown>;
    const n = stamped({ jsonrpc: '2.0', method: 'thread/started', params: { thread: { id: 't' } } });
    expect(n).toEqual({
      jsonrpc: '2.0',
      method: 'thread/started',
      params: { thread: { id: 't' } },
      emittedAtMs: expect.any(Number),
    });
    expect(n.emittedAtMs).toBeGreaterThanOrEqual(before);
    expect(stamped({ jsonrpc: '2.0', method: 'initialized' })).toEqual({
      jsonrpc: '2.0',
      method: 'initialized',
      emittedAtMs: expect.any(Number),
    });
    expect(stamped({ jsonrpc: '2.0', id: 1, result: {} })).not.toHaveProperty('emittedAtMs');
    expect(stamped({ jsonrpc: '2.0', id: 1, method: 'x' })).not.toHaveProperty('emittedAtMs');
  });
});
