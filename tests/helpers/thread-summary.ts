/** A thread as thread/list and thread/start answer it, for the renderer's state tests. */
import type { Thread } from '../../protocol/schema/thread';

export const thread = (id: string, cwd: string, updatedAt: number, extra: Partial<Thread> = {}): Thread => ({
  id,
  sessionId: id,
  preview: '',
  ephemeral: false,
  modelProvider: 'openai',
  createdAt: updatedAt,
  updatedAt,
  status: { type: 'idle' },
  cwd,
  cliVersion: 't',
  source: 'appServer',
  projectId: null,
  turns: [],
  ...extra,
});
