/** How a thread in memory or on disk is shown on the wire. */
import type { SandboxMode, SandboxPolicy } from '../../../protocol/schema/common';
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

/** The effective policy object Codex reports for a sandbox mode. */
export function sandboxPolicyOf(mode: SandboxMode): SandboxPolicy {
  switch (mode) {
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'workspace-write':
      return { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
  }
}
