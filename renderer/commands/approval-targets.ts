/**
 * The approval buttons on screen, so the keyboard's Approve / Approve for session / Decline answer
 * the first pending approval of the open thread through its own card (a file change's card sends
 * the hunks chosen in its review). Each ApprovalButtons registers itself while mounted; "first"
 * is document order. After an answer, focus moves to the next approval's primary button, or the
 * composer when none is left.
 */
import type { ApprovalDecision } from '../../protocol/schema/approval';

interface Target {
  element: HTMLElement;
  offered: readonly ApprovalDecision[];
  answer: (d: ApprovalDecision) => void;
}

const targets = new Set<Target>();

export function registerApprovalTarget(target: Target): () => void {
  targets.add(target);
  return () => targets.delete(target);
}

/** The first approval's buttons in document order (the transcript shows the oldest first). */
export function firstApprovalTarget(): Target | null {
  let first: Target | null = null;
  for (const t of targets) {
    if (!t.element.isConnected) continue;
    if (!first || first.element.compareDocumentPosition(t.element) & Node.DOCUMENT_POSITION_PRECEDING) first = t;
  }
  return first;
}

/** Answer the first approval on screen, if it offers `d`; whether it did. */
export function answerFirstApproval(d: ApprovalDecision): boolean {
  const t = firstApprovalTarget();
  if (!t || !t.offered.includes(d)) return false;
  const from = t.element;
  t.answer(d);
  focusAfterAnswer(from);
  return true;
}

/** The composer's text box, if a thread is open. */
export function composerBox(): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
}

export function focusComposer(): boolean {
  const box = composerBox();
  if (!box) return false;
  box.focus({ preventScroll: true });
  return true;
}

/**
 * Once the answered card is gone (or has moved on), focus the next approval's primary button or
 * the composer — unless the user has put focus somewhere else meanwhile.
 */
export function focusAfterAnswer(answered: HTMLElement): void {
  let frames = 0;
  const settle = (): void => {
    const active = document.activeElement;
    // Focus was on the answer, or is gone with the card (answered by key from the composer, it stays there).
    const lost = !active || active === document.body || !active.isConnected || answered.contains(active);
    if (!lost) return;
    const next = firstApprovalTarget();
    if (next && next.element !== answered) {
      next.element.querySelector<HTMLButtonElement>('button[data-primary]')?.focus();
      return;
    }
    // Still on screen (a render away, or the answer is being sent): look again next frame.
    if (answered.isConnected && frames++ < 30) {
      requestAnimationFrame(settle);
      return;
    }
    focusComposer();
  };
  requestAnimationFrame(settle);
}
