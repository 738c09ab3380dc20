/**
 * An in-memory linked pair of frame channels, for tests and for running a client and the server
 * in one process. Frames travel as text, so they go through the same parsing as real transports.
 */
import { Disposable, Emitter } from 'vscode-jsonrpc';
import type { Frame, FrameChannel } from './frames';

class MemoryChannel implements FrameChannel {
  readonly frames = new Emitter<Frame>();
  readonly closed = new Emitter<void>();
  peer: MemoryChannel | undefined;
  private isClosed = false;

  onFrame(listener: (frame: Frame) => void): Disposable {
    return this.frames.event(listener);
  }

  onClose(listener: () => void): Disposable {
    return this.closed.event(listener);
  }

  send(text: string): Promise<void> {
    const peer = this.peer;
    if (this.isClosed || !peer || peer.isClosed) return Promise.reject(new Error('channel closed'));
    // Deliver asynchronously, as every real transport does.
    return Promise.resolve().then(() => {
      if (!peer.isClosed) peer.frames.fire(text);
    });
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closed.fire();
    this.peer?.close();
  }
}

/** Two channels; what one sends, the other receives. Closing either closes both. */
export function createLinkedChannels(): [FrameChannel, FrameChannel] {
  const a = new MemoryChannel();
  const b = new MemoryChannel();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
