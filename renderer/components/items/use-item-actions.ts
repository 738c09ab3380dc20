/** The item actions (item-actions.ts) for the open thread: its folder, undone reverts, undo, plans, times. */
import { useMemo } from 'react';
import { UNDO_ITEM_PREFIX } from '../../../protocol/schema/tandem';
import type { TranscriptState } from '../../state/transcript';
import type { ChangesApi } from '../review/changes-api';
import type { ItemActions } from './item-actions';

/** What the items need to know about their thread, as one string: equal strings, equal facts. */
function threadFacts(transcript: TranscriptState | null): string {
  const undone: string[] = [];
  const superseded: string[] = [];
  const times: Array<[string, number]> = [];
  for (const t of transcript?.turns ?? []) {
    let lastPlan: string | null = null;
    let firstUser: string | null = null;
    let lastAgent: string | null = null;
    for (const v of t.items) {
      const { id, type } = v.item;
      if (id.startsWith(UNDO_ITEM_PREFIX)) undone.push(id.slice(UNDO_ITEM_PREFIX.length));
      if (type === 'plan') {
        if (lastPlan) superseded.push(lastPlan);
        lastPlan = id;
      }
      if (type === 'userMessage') firstUser ??= id;
      if (type === 'agentMessage') lastAgent = id;
    }
    if (firstUser && t.startedAt != null) times.push([firstUser, t.startedAt]);
    if (lastAgent && t.status !== 'inProgress' && t.completedAt != null) times.push([lastAgent, t.completedAt]);
  }
  return JSON.stringify([undone, superseded, times]);
}

export function useItemActions(
  api: ChangesApi | null,
  cwd: string | null,
  transcript: TranscriptState | null,
  openSettings: (() => void) | null = null,
): ItemActions {
  const facts = threadFacts(transcript);
  return useMemo(() => {
    const [undone, superseded, times] = JSON.parse(facts) as [string[], string[], Array<[string, number]>];
    return {
      cwd,
      undone: new Set(undone),
      supersededPlans: new Set(superseded),
      times: new Map(times),
      openSettings,
      undoRevert: api
        ? async (itemId: string) => {
            await api.undo(itemId);
          }
        : null,
    };
  }, [api, cwd, facts, openSettings]);
}
