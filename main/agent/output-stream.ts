/**
 * A command's output on its way to clients: coalesced into at most one delta per FLUSH_MS (or
 * per FLUSH_CHARS), and capped per command. A command that prints a gigabyte used to become a
 * gigabyte of deltas (3 GiB of server memory, seconds without answering); now clients get the
 * first STREAM_CAP_CHARS and a marker saying how much more there was. The item's final
 * aggregatedOutput keeps the start and the end (tools/exec.ts).
 */

/** Output streamed to clients per command, at most. */
const STREAM_CAP_CHARS = 2 * 1024 * 1024;
/** How long output gathers before it goes out as one delta. */
const FLUSH_MS = 25;
/** Output that goes out at once however soon. */
const FLUSH_CHARS = 64 * 1024;

export class OutputStream {
  private parts: string[] = [];
  private size = 0;
  private sent = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    const room = STREAM_CAP_CHARS - this.sent - this.size;
    if (text.length > room) {
      this.dropped += text.length - Math.max(0, room);
      if (room <= 0) return;
      text = text.slice(0, room);
    }
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** The command ended: what is gathered goes out, then the marker if anything was left out. */
  end(): void {
    this.flush();
    if (this.dropped > 0)
      this.emit(
        `\n[… ${this.dropped} more characters of output were not streamed; the command's output keeps its start and end …]\n`,
      );
    this.dropped = 0;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.sent += this.size;
    this.size = 0;
    this.emit(text);
  }
}
