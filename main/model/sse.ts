/**
 * Server-sent events from a model stream, decoded a network chunk at a time. The openai SDK's
 * own decoder hands over one event per step of three nested async generators; on a
 * 20,000-delta stream that was the largest per-delta cost in `node --cpu-prof`, so model streams
 * are read here and the agent gets every event a chunk carried in one batch.
 */

/** One event: its `event:` name (null when absent) and its `data:` lines joined by newlines. */
export interface SseEvent {
  event: string | null;
  data: string;
}

/** The line-level decoder of the HTML spec's event-stream format (no `id:`/`retry:` use). */
export class SseDecoder {
  private readonly utf8 = new TextDecoder();
  /** The text after the last complete line. */
  private rest = '';
  private event: string | null = null;
  private data: string[] = [];

  /** The events that `chunk` completes, in order. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.lines(this.rest + this.utf8.decode(chunk, { stream: true }), false);
  }

  /** What a stream that ended without a final blank line still held. */
  end(): SseEvent[] {
    const out = this.lines(this.rest + this.utf8.decode(), true);
    this.dispatch(out);
    return out;
  }

  private lines(text: string, final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    // Each search resumes where the last one found its character: a chunk of thousands of lines
    // is scanned once, not once a line (most streams have no CR at all).
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const eol = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      // A CR at the end of the text may be the first half of a CRLF still on its way.
      if (eol === -1 || (eol === text.length - 1 && text[eol] === '\r' && !final)) break;
      this.line(text.slice(start, eol), out);
      start = text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
    }
    this.rest = text.slice(start);
    if (final && this.rest !== '') {
      this.line(this.rest, out);
      this.rest = '';
    }
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') return this.dispatch(out);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length > 0) out.push({ event: this.event, data: this.data.join('\n') });
    this.event = null;
    this.data = [];
  }
}

/**
 * The events of a streamed response body, one batch per network chunk. Leaving the loop early
 * cancels the body (the connection closes); an aborted request rejects the pending read.
 */
export async function* sseBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent[]> {
  const decoder = new SseDecoder();
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      const events = decoder.push(chunk.value);
      if (events.length > 0) yield events;
    }
    done = true;
    const last = decoder.end();
    if (last.length > 0) yield last;
  } finally {
    if (!done) reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
