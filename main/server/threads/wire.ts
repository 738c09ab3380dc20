/** How a thread in memory or on disk is shown on the wire. */
import type { Thread, ThreadStatus } from '../../../protocol/schema/thread';
import type { Turn } from '../../../protocol/schema/turn';
import type { ThreadMeta } from './records';

const seconds = (ms: number): number => Math.floor(ms / 1000);

export function toWireThread(meta: ThreadMeta, turns: Turn[], status: ThreadStatus, path: string | null): Thread {
  return {
    id: meta.id,
    sessionId: meta.sessionId,
    forkedFromId: meta.forkedFromId,
    preview: meta.preview,
    ephemeral: meta.ephemeral,
    modelProvider: meta.modelProvider,
    model: meta.model,
    reasoningEffort: meta.reasoningEffort,
    createdAt: seconds(meta.createdAtMs),
    updatedAt: seconds(meta.updatedAtMs),
    status,
    path: meta.ephemeral ? null : path,
    cwd: meta.cwd,
    cliVersion: meta.cliVersion,
    source: 'appServer',
    name: meta.name,
    projectId: null,
    gitInfo: null,
    turns,
  };
}
