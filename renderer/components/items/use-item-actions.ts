/** The item actions (item-actions.ts) for the open thread: its folder, undone reverts, undo. */
import { useMemo } from 'react';
import { UNDO_ITEM_PREFIX } from '../../../protocol/schema/tandem';
import type { TranscriptState } from '../../state/transcript';
import type { ChangesApi } from '../review/changes-api';
import type { ItemActions } from './item-actions';

export function useItemActions(
  api: ChangesApi | null,
  cwd: string | null,
  transcript: TranscriptState | null,
): ItemActions {
  const turns = transcript?.turns;
  return useMemo(() => {
    const undone = new Set<string>();
    for (const t of turns ?? [])
      for (const v of t.items)
        if (v.item.id.startsWith(UNDO_ITEM_PREFIX)) undone.add(v.item.id.slice(UNDO_ITEM_PREFIX.length));
    return {
      cwd,
      undone,
      undoRevert: api
        ? async (itemId: string) => {
            await api.undo(itemId);
          }
        : null,
    };
  }, [api, cwd, turns]);
}
