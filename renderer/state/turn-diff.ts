/**
 * A turn's changes as one unified diff: what the engine reported (`turn/diff/updated`), or, when
 * the page has no such report (the thread was opened after the turn: Codex's thread/resume
 * carries none), the turn's applied file changes, file by file, from their items.
 */
import type { TurnView } from './transcript';

export function turnDiffOf(turn: TurnView): string {
  if (turn.diff !== '') return turn.diff;
  const parts: string[] = [];
  for (const { item } of turn.items) {
    if (item.type !== 'fileChange' || item.status !== 'completed') continue;
    for (const c of item.changes) {
      const to = c.kind.type === 'update' && c.kind.move_path ? c.kind.move_path : c.path;
      const from = c.kind.type === 'add' ? '/dev/null' : c.path;
      const target = c.kind.type === 'delete' ? '/dev/null' : to;
      // An added or deleted file's diff is its content (Codex's form); prefix its lines.
      const sign = c.kind.type === 'add' ? '+' : c.kind.type === 'delete' ? '-' : '';
      const body = sign
        ? c.diff
            .split('\n')
            .filter((l, i, all) => i < all.length - 1 || l !== '')
            .map((l) => sign + l)
            .join('\n') + '\n'
        : c.diff;
      parts.push(`--- ${from}\n+++ ${target}\n${body}`);
    }
  }
  return parts.join('');
}
