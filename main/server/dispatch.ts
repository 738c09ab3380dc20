/**
 * A request's way from validated params to its handler: the method table's experimental gate
 * first, then its lock scope (protocol/methods.ts declares both per method), then the handler.
 */
import {
  clientRequests,
  type ClientRequestParams,
  type ClientRequestResult,
  type ExperimentalGate,
} from '../../protocol/methods';
import { experimentalRequired } from '../../protocol/rpc/errors';
import type { HandledMethod, HandlerTable, RequestContext } from './handler';

/** Where each lock scope queues its requests. */
export interface LockQueues {
  /** Alone among the thread's locked requests. */
  thread<T>(threadId: string, work: () => Promise<T>): Promise<T>;
  /** Alone among settings writes. */
  settings<T>(work: () => Promise<T>): Promise<T>;
}

export type Dispatch = <M extends HandledMethod>(
  method: M,
  params: ClientRequestParams<M>,
  ctx: RequestContext,
) => Promise<ClientRequestResult<M>>;

export function dispatcher(handlers: HandlerTable, locks: LockQueues): Dispatch {
  return (method, params, ctx) => {
    const spec = clientRequests[method];
    if (spec.experimental && !ctx.connection.experimentalApi) {
      const what = gated(method, spec.experimental, params);
      if (what) throw experimentalRequired(what);
    }
    const run = (): Promise<ClientRequestResult<typeof method>> => handlers[method](params, ctx);
    switch (spec.lock) {
      case 'thread':
        return locks.thread(threadIdOf(method, params), run);
      case 'settings':
        return locks.settings(run);
      case 'none':
        return run();
    }
  };
}

/** What of this request is experimental ("thread/turns/list", "thread/resume initialTurnsPage"), if anything. */
function gated(method: string, gate: ExperimentalGate, params: object): string | null {
  if ('method' in gate) return method;
  // A field counts as given as Codex counts it: present and not null.
  const given = gate.fields.find((f) => (params as Record<string, unknown>)[f] != null);
  return given ? `${method} ${given}` : null;
}

/** The thread a `lock: 'thread'` method names (the table allows that lock only with a threadId). */
function threadIdOf(method: string, params: object): string {
  if ('threadId' in params && typeof params.threadId === 'string') return params.threadId;
  throw new Error(`${method} is locked per thread but its params name no thread`);
}
