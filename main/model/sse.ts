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

/**
 * The line-level decoder of the HTML spec's event-stream format (no `id:`/`retry:` use). Linear
 * in the stream's length however long its lines: each chunk is scanned once, and a line that
 * spans chunks is kept as its pieces until its end arrives (re-scanning the held text on every
 * chunk made a 10 MB line in 4 KB chunks take 13 s, and longer lines quadratically more).
 */
export class SseDecoder {
  private readonly utf8 = new TextDecoder();
  /** The pieces of the line not yet ended, in order. */
  private pending: string[] = [];
  /** The last chunk ended in CR: an LF that starts the next one belongs to that line end. */
  private afterCR = false;
  private event: string | null = null;
  private data: string[] = [];

  /** The events that `chunk` completes, in order. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.lines(this.utf8.decode(chunk, { stream: true }), false);
  }

  /** What a stream that ended without a final blank line still held. */
  end(): SseEvent[] {
    const out = this.lines(this.utf8.decode(), true);
    this.dispatch(out);
    return out;
  }

  private lines(text: string, final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    if (this.afterCR && text.startsWith('\n')) start = 1;
    if (text.length > 0) this.afterCR = false;
    // Each search resumes where the last one found its character: a chunk of thousands of lines
    // is scanned once, not once a line (most streams have no CR at all).
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const eol = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (eol === -1) break;
      this.line(this.take(text.slice(start, eol)), out);
      if (text[eol] === '\r') {
        if (eol === text.length - 1) this.afterCR = true;
        start = text[eol + 1] === '\n' ? eol + 2 : eol + 1;
      } else start = eol + 1;
    }
    if (start < text.length) this.pending.push(text.slice(start));
    if (final && this.pending.length > 0) this.line(this.take(''), out);
    return out;
  }

  /** The whole line that `last` ends. */
  private take(last: string): string {
    if (this.pending.length === 0) return last;
    this.pending.push(last);
    const line = this.pending.join('');
    this.pending = [];
    return line;
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
