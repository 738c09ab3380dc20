import { describe, expect, it } from 'vitest';
import { SseDecoder, sseBatches, type SseEvent } from '../../../../main/model/sse';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Feeds `text` split at every given offset, and returns every event in order. */
function decode(text: string, cuts: number[] = []): SseEvent[] {
  const d = new SseDecoder();
  const all = bytes(text);
  const out: SseEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, all.length]) {
    out.push(...d.push(all.subarray(from, cut)));
    from = cut;
  }
  return [...out, ...d.end()];
}

describe('SseDecoder', () => {
  it('reads named events, joins multi-line data and skips comments and other fields', () => {
    const text =
      ': keep-alive\nevent: response.created\ndata: {"a":1}\n\nid: 7\nretry: 10\ndata: line one\ndata:line two\n\n';
    expect(decode(text)).toEqual([
      { event: 'response.created', data: '{"a":1}' },
      { event: null, data: 'line one\nline two' },
    ]);
  });

  it('accepts LF, CRLF and CR line endings, split anywhere, including between CR and LF', () => {
    const text = 'data: a\r\n\r\ndata: b\r\rdata: c\n\n';
    const expected = [
      { event: null, data: 'a' },
      { event: null, data: 'b' },
      { event: null, data: 'c' },
    ];
    for (let cut = 0; cut <= text.length; cut++) expect(decode(text, [cut])).toEqual(expected);
  });

  it('keeps a multi-byte character split across chunks whole', () => {
    const text = 'data: héllo ✓\n\n';
    for (let cut = 0; cut <= bytes(text).length; cut++)
      expect(decode(text, [cut])).toEqual([{ event: null, data: 'héllo ✓' }]);
  });

  it('still delivers a last event that has no closing blank line, and ignores events without data', () => {
    expect(decode('event: ping\n\ndata: last')).toEqual([{ event: null, data: 'last' }]);
  });
});

describe('sseBatches', () => {
  it('yields one batch per chunk that completes events', async () => {
    const chunks = ['data: 1\n\ndata: 2\n\ndata: ', '3\n', '\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(bytes(c));
        controller.close();
      },
    });
    const batches: string[][] = [];
    for await (const batch of sseBatches(body)) batches.push(batch.map((e) => e.data));
    expect(batches).toEqual([['1', '2'], ['3']]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const batch of sseBatches(body)) {
      expect(batch).toEqual([{ event: null, data: 'x' }]);
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('decodes a 10 MB line trickled in 1 KB chunks in linear time (the quadratic decoder took minutes)', () => {
    const d = new SseDecoder();
    const payload = 'x'.repeat(10 * 1024 * 1024);
    const all = bytes(`data: ${payload}\r\n\r\ndata: after\n\n`);
    const events: SseEvent[] = [];
    for (let at = 0; at < all.length; at += 1024) events.push(...d.push(all.subarray(at, at + 1024)));
    events.push(...d.end());
    expect(events.length).toBe(2);
    expect(events[0]?.data.length).toBe(payload.length);
    expect(events[0]?.data === payload).toBe(true);
    expect(events[1]).toEqual({ event: null, data: 'after' });
  });
});
