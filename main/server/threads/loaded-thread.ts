/** A thread held in memory because a client started, resumed or forked it. */
import type { ThreadStatus } from '../../../protocol/schema/thread';
import type { ThreadState } from './records';

/** Something that receives a loaded thread's notifications (a client connection). */
export interface Subscriber {
  readonly id: number;
}

export class LoadedThread {
  status: ThreadStatus = { type: 'idle' };
  readonly subscribers = new Set<Subscriber>();

  constructor(public readonly state: ThreadState) {}

  get id(): string {
    return this.state.meta.id;
  }
}
