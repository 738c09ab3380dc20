/**
 * The review view's keyboard commands, chosen as a Cursor or VS Code user would guess them and so
 * that none is a key typing in the editor needs: F7 / Shift+F7 move between hunks (VS Code's next
 * / previous change), Alt+PageDown / Alt+PageUp between files (as Ctrl+PageDown moves between an
 * editor's tabs), Ctrl/Cmd+Enter accepts the hunk, Ctrl/Cmd+Shift+Backspace rejects it (plain
 * Ctrl+Backspace deletes a word while editing), Ctrl/Cmd+Shift+Enter accepts the whole file.
 * Pure: a key event's fields in, a command out.
 */
export type ReviewCommand =
  'nextHunk' | 'prevHunk' | 'nextFile' | 'prevFile' | 'acceptHunk' | 'rejectHunk' | 'acceptFile';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** Each command's keys, for aria-keyshortcuts and as the legend shows them. */
export const REVIEW_SHORTCUTS: Record<ReviewCommand, { aria: string; shown: string; label: string }> = {
  nextHunk: { aria: 'F7', shown: 'F7', label: 'Next hunk' },
  prevHunk: { aria: 'Shift+F7', shown: 'Shift+F7', label: 'Previous hunk' },
  nextFile: { aria: 'Alt+PageDown', shown: 'Alt+PgDn', label: 'Next file' },
  prevFile: { aria: 'Alt+PageUp', shown: 'Alt+PgUp', label: 'Previous file' },
  acceptHunk: { aria: 'Control+Enter Meta+Enter', shown: `${mod}+Enter`, label: 'Accept hunk' },
  rejectHunk: {
    aria: 'Control+Shift+Backspace Meta+Shift+Backspace',
    shown: `${mod}+Shift+Backspace`,
    label: 'Reject hunk',
  },
  acceptFile: { aria: 'Control+Shift+Enter Meta+Shift+Enter', shown: `${mod}+Shift+Enter`, label: 'Accept file' },
};

/** The command a key press means in the review, if any. */
export function reviewCommandOf(e: KeyLike): ReviewCommand | null {
  const modifier = e.ctrlKey || e.metaKey;
  if (e.key === 'F7' && !modifier && !e.altKey) return e.shiftKey ? 'prevHunk' : 'nextHunk';
  if (e.altKey && !modifier && !e.shiftKey && (e.key === 'PageDown' || e.key === 'PageUp'))
    return e.key === 'PageDown' ? 'nextFile' : 'prevFile';
  if (modifier && !e.altKey && e.key === 'Enter') return e.shiftKey ? 'acceptFile' : 'acceptHunk';
  if (modifier && !e.altKey && e.shiftKey && e.key === 'Backspace') return 'rejectHunk';
  return null;
}

/** Where a move lands: hunks run on into the next or previous file. */
export function step(
  at: { file: number; hunk: number },
  hunksPerFile: number[],
  by: 1 | -1,
): { file: number; hunk: number } {
  const count = hunksPerFile[at.file] ?? 0;
  const hunk = at.hunk + by;
  if (hunk >= 0 && hunk < count) return { file: at.file, hunk };
  let file = at.file + by;
  while (file >= 0 && file < hunksPerFile.length && (hunksPerFile[file] ?? 0) === 0) file += by;
  if (file < 0 || file >= hunksPerFile.length) return at;
  return { file, hunk: by === 1 ? 0 : (hunksPerFile[file] ?? 1) - 1 };
}
